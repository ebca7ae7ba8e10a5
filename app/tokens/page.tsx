import type { Metadata } from "next";
import { can } from "@/lib/core/roles";
import { requireActor } from "@/lib/server/session";
import { listTokens, type TokenView } from "@/lib/server/users";
import { TokenManager, type TokenRow } from "@/components/account/token-manager";

export const metadata: Metadata = { title: "API tokens" };

function row(t: TokenView): TokenRow {
  return {
    id: t.id,
    name: t.name,
    owner: `${t.owner} (${t.email})`,
    createdAt: t.createdAt.toISOString(),
    expiresAt: t.expiresAt.toISOString(),
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    state: t.state,
  };
}

export default async function TokensPage() {
  const actor = await requireActor("account.own");
  const own = (await listTokens(actor)).map(row);
  const others = can(actor.role, "user.manage") ? (await listTokens(actor, { all: true })).filter((t) => t.userId !== actor.id).map(row) : null;
  return (
    <div className="mx-auto max-w-5xl px-4 py-8 sm:px-6">
      <h1 className="text-2xl font-semibold tracking-tight">API tokens</h1>
      <p className="mt-1 text-sm text-stone-600">
        A token lets a script use the API as you (<code>Authorization: Bearer …</code>), with your role. Each is shown once, when it is
        made; revoke one you no longer use or may have exposed.
      </p>
      <TokenManager own={own} others={others} />
    </div>
  );
}

"use server";
// Server actions of the Tokens page: a user's own API tokens (an admin may revoke anyone's). The same
// audited functions as the CLI's `token` commands.
import { revalidatePath } from "next/cache";
import { recordId, runAction } from "@/lib/server/action";
import { createToken, revokeToken } from "@/lib/server/users";

export async function createTokenAction(input: unknown) {
  const result = await runAction("account.own", async (actor) => {
    const created = await createToken(actor, actor.email, input);
    return { id: created.id, token: created.token, name: created.name, expiresAt: created.expiresAt.toISOString() };
  });
  revalidatePath("/tokens");
  return result;
}

export async function revokeTokenAction(id: unknown) {
  const result = await runAction("account.own", (actor) => revokeToken(actor, recordId(id, "The token")));
  revalidatePath("/tokens");
  return result;
}

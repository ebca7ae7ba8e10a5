import type { Metadata } from "next";
import { ROLE_LABELS, isRole } from "@/lib/core/roles";
import { getOwnAccount } from "@/lib/server/account";
import { requireActor } from "@/lib/server/session";
import { AccountForms } from "@/components/account/account-forms";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage() {
  // The one page open to a user whose password an admin reset: here they choose a new one.
  const actor = await requireActor("account.own", { passwordChange: true });
  const account = await getOwnAccount(actor);
  return (
    <div className="mx-auto max-w-2xl px-4 py-8 sm:px-6">
      <h1 className="text-2xl font-semibold tracking-tight">Account</h1>
      <p className="mt-1 text-sm text-stone-600">
        Signed in as {account.email}
        {isRole(account.role) ? ` · ${ROLE_LABELS[account.role]}` : null}. Changes here are in the audit log.
      </p>
      <AccountForms name={account.name} mustChangePassword={account.mustChangePassword} />
    </div>
  );
}

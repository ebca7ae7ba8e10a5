"use server";
// Server actions of the Account page: the same audited functions as everywhere else, for the signed-in
// user's own account. Changing the password is the one action open to a user who must choose a new one.
import { revalidatePath } from "next/cache";
import { runAction } from "@/lib/server/action";
import { changeOwnPassword, renameOwnAccount } from "@/lib/server/account";
import { currentSessionId } from "@/lib/server/session";

export async function renameAccountAction(input: unknown) {
  const result = await runAction("account.own", (actor) => renameOwnAccount(actor, input));
  // The name shows in the header of every page.
  if (result.ok) revalidatePath("/", "layout");
  return result;
}

export async function changePasswordAction(input: unknown) {
  const result = await runAction("account.own", async (actor) => changeOwnPassword(actor, input, await currentSessionId()), { passwordChange: true });
  if (result.ok) revalidatePath("/", "layout");
  return result;
}

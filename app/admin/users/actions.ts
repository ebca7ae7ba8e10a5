"use server";
// Server actions of the admin's user page: the same audited functions the CLI calls. Arguments are
// whatever a client sends, so each is parsed with its schema before it reaches the data function.
import { revalidatePath } from "next/cache";
import { recordId, runAction } from "@/lib/server/action";
import { resetUserPassword } from "@/lib/server/account";
import { parseInput } from "@/lib/server/parse-input";
import { createUser, setUserDisabled, setUserRole } from "@/lib/server/users";
import { UserDisabledSchema, UserEmailSchema } from "@/lib/validation/user";

export async function createUserAction(input: unknown) {
  const result = await runAction("user.manage", (actor) => createUser(actor, input));
  if (result.ok) revalidatePath("/admin/users");
  return result;
}

export async function setUserDisabledAction(email: string, disabled: boolean) {
  const result = await runAction("user.manage", (actor) =>
    setUserDisabled(actor, parseInput(UserEmailSchema, email), parseInput(UserDisabledSchema, disabled)),
  );
  revalidatePath("/admin/users");
  return result;
}

export async function setUserRoleAction(email: string, role: string) {
  const result = await runAction("user.manage", (actor) => setUserRole(actor, parseInput(UserEmailSchema, email), role));
  revalidatePath("/admin/users");
  return result;
}

/** A temporary password for someone else, shown once; their sessions end and they choose a new one at sign-in. */
export async function resetPasswordAction(userId: unknown) {
  const result = await runAction("user.manage", (actor) => resetUserPassword(actor, { id: recordId(userId, "The user") }));
  revalidatePath("/admin/users");
  return result;
}

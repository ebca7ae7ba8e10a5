"use server";
// Server actions of the admin's user page: the same audited functions the CLI calls.
import { revalidatePath } from "next/cache";
import { runAction } from "@/lib/server/action";
import { createUser, setUserDisabled, setUserRole } from "@/lib/server/users";

export async function createUserAction(input: unknown) {
  const result = await runAction("user.manage", (actor) => createUser(actor, input));
  if (result.ok) revalidatePath("/admin/users");
  return result;
}

export async function setUserDisabledAction(email: string, disabled: boolean) {
  const result = await runAction("user.manage", (actor) => setUserDisabled(actor, email, disabled));
  revalidatePath("/admin/users");
  return result;
}

export async function setUserRoleAction(email: string, role: string) {
  const result = await runAction("user.manage", (actor) => setUserRole(actor, email, role));
  revalidatePath("/admin/users");
  return result;
}

import type { Metadata } from "next";
import { listUsers } from "@/lib/server/users";
import { requireActor } from "@/lib/server/session";
import { UserAdmin } from "@/components/admin/user-admin";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const actor = await requireActor("user.manage");
  const users = await listUsers(actor);
  return (
    <div className="mx-auto max-w-6xl px-4 py-8 sm:px-6">
      <h1 className="text-2xl font-semibold tracking-tight">Users</h1>
      <p className="mt-1 text-sm text-stone-600">Who can sign in, and what each may do. Every change here is in the audit log.</p>
      <UserAdmin users={users} selfId={actor.id} />
    </div>
  );
}

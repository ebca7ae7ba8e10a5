"use client";
// The admin's user list: add an account, change a role, reset a password, disable or re-enable a user.
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { ROLES, ROLE_LABELS, type Role } from "@/lib/core/roles";
import { UserCreateSchema } from "@/lib/validation/user";
import { createUserAction, resetPasswordAction, setUserDisabledAction, setUserRoleAction } from "@/app/admin/users/actions";
import { formText } from "@/components/ui/form-data";
import { submitChecked } from "@/components/ui/submit";
import { FieldError, invalidProps } from "@/components/ui/field-errors";

interface UserRow {
  id: string;
  email: string;
  name: string;
  role: string;
  disabled: boolean;
  mustChangePassword: boolean;
}

export function UserAdmin({ users, selfId }: { users: UserRow[]; selfId: string }) {
  const router = useRouter();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const [temporary, setTemporary] = useState<{ email: string; password: string } | null>(null);

  async function add(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formEl = event.currentTarget;
    const form = new FormData(formEl);
    const input = { email: formText(form, "email"), name: formText(form, "name"), role: formText(form, "role"), password: formText(form, "password") };
    const result = await submitChecked(UserCreateSchema, input, () => createUserAction(input));
    setErrors(result.ok ? {} : result.fields);
    if (!result.ok) {
      if (result.message) setMessage({ kind: "error", text: result.message });
      return;
    }
    formEl.reset();
    setMessage({ kind: "ok", text: `Added ${result.data.email}.` });
    router.refresh();
  }

  async function resetPassword(user: UserRow) {
    if (!window.confirm(`Reset the password of ${user.email}? Their sessions end, and they must choose a new password when they next sign in.`)) return;
    setTemporary(null);
    const result = await resetPasswordAction(user.id);
    if (result.ok) {
      setMessage(null);
      setTemporary({ email: result.data.email, password: result.data.temporaryPassword });
    } else setMessage({ kind: "error", text: result.error.message });
    router.refresh();
  }

  async function run(promise: Promise<{ ok: boolean; error?: { message: string } }>, done: string) {
    setTemporary(null);
    const result = await promise;
    setMessage(result.ok ? { kind: "ok", text: done } : { kind: "error", text: result.error?.message ?? "Failed." });
    router.refresh();
  }

  const invalid = (name: string) => invalidProps(errors, name, "user");
  const error = (name: string) => <FieldError errors={errors} name={name} idPrefix={"user"} />;

  return (
    <>
      {message ? (
        <p role={message.kind === "error" ? "alert" : "status"} className={`mt-4 rounded-md px-3 py-2 text-sm ${message.kind === "error" ? "bg-red-50 text-red-800" : "bg-green-50 text-green-900"}`}>
          {message.text}
        </p>
      ) : null}
      {temporary ? (
        <div role="status" className="mt-4 rounded-md border border-sky-200 bg-sky-50 px-4 py-3 text-sm text-sky-950">
          <p>
            Temporary password for <strong>{temporary.email}</strong>:{" "}
            <code className="rounded bg-white px-1.5 py-0.5 font-mono text-base tracking-wider" aria-label="Temporary password">
              {temporary.password}
            </code>
          </p>
          <p className="mt-1">
            It is shown only now. Give it to them through a safe channel; they must choose a new password when they sign in with it.
          </p>
        </div>
      ) : null}
      <div className="card mt-6 overflow-x-auto">
        <table className="w-full text-left text-sm">
          <thead className="border-b border-stone-200 bg-stone-50 text-xs uppercase tracking-wide text-stone-600">
            <tr>
              <th scope="col" className="px-4 py-2.5 font-medium">Name</th>
              <th scope="col" className="px-4 py-2.5 font-medium">Email</th>
              <th scope="col" className="px-4 py-2.5 font-medium">Role</th>
              <th scope="col" className="px-4 py-2.5 font-medium">Status</th>
              <th scope="col" className="px-4 py-2.5 font-medium">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-100">
            {users.map((user) => (
              <tr key={user.id}>
                <td className="px-4 py-2.5 font-medium">{user.name}</td>
                <td className="px-4 py-2.5 text-stone-700">{user.email}</td>
                <td className="px-4 py-2.5">
                  <select
                    aria-label={`Role of ${user.email}`}
                    className="input mt-0 w-36"
                    value={user.role}
                    disabled={user.id === selfId}
                    onChange={(e) => void run(setUserRoleAction(user.email, e.target.value), `${user.email} is now ${ROLE_LABELS[e.target.value as Role]}.`)}
                  >
                    {ROLES.map((r) => (
                      <option key={r} value={r}>
                        {ROLE_LABELS[r]}
                      </option>
                    ))}
                  </select>
                </td>
                <td className="px-4 py-2.5">
                  {user.disabled ? <span className="text-red-800">Disabled</span> : user.mustChangePassword ? "Must choose a new password" : "Active"}
                </td>
                <td className="space-x-2 whitespace-nowrap px-4 py-2.5 text-right">
                  {user.id === selfId ? null : (
                    <button type="button" className="btn btn-secondary" aria-label={`Reset the password of ${user.email}`} onClick={() => void resetPassword(user)}>
                      Reset password
                    </button>
                  )}
                  {user.id === selfId ? null : (
                    <button
                      type="button"
                      className="btn btn-secondary"
                      aria-label={`${user.disabled ? "Enable" : "Disable"} ${user.email}`}
                      onClick={() => void run(setUserDisabledAction(user.email, !user.disabled), `${user.email} is ${user.disabled ? "enabled" : "disabled"}.`)}
                    >
                      {user.disabled ? "Enable" : "Disable"}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <form onSubmit={add} className="card mt-8 grid gap-4 p-5 sm:grid-cols-2" noValidate aria-labelledby="add-user-heading">
        <h2 id="add-user-heading" className="text-lg font-semibold sm:col-span-2">
          Add a user
        </h2>
        <div>
          <label htmlFor="user-name" className="field-label">
            Name
          </label>
          <input id="user-name" name="name" className="input" {...invalid("name")} />
          {error("name")}
        </div>
        <div>
          <label htmlFor="user-email" className="field-label">
            Email
          </label>
          <input id="user-email" name="email" type="email" className="input" {...invalid("email")} />
          {error("email")}
        </div>
        <div>
          <label htmlFor="user-role" className="field-label">
            Role
          </label>
          <select id="user-role" name="role" className="input" defaultValue="reviewer" {...invalid("role")}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </select>
          {error("role")}
        </div>
        <div>
          <label htmlFor="user-password" className="field-label">
            Initial password
          </label>
          <input id="user-password" name="password" type="password" autoComplete="new-password" className="input" {...invalid("password")} />
          <p className="field-help">At least 12 characters. Give it to the person through a safe channel.</p>
          {error("password")}
        </div>
        <div className="sm:col-span-2">
          <button type="submit" className="btn btn-primary">
            Add user
          </button>
        </div>
      </form>
    </>
  );
}

"use client";
// The signed-in user's own name and password. A password change signs out every other session of the
// account; after an admin's reset it is the only thing the user can do until it is done.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { AccountNameSchema, MIN_PASSWORD_LENGTH, PasswordChangeSchema } from "@/lib/validation/user";
import { changePasswordAction, renameAccountAction } from "@/app/account/actions";
import { FieldError, invalidProps } from "@/components/ui/field-errors";
import { formText } from "@/components/ui/form-data";
import { submitChecked } from "@/components/ui/submit";

type Message = { kind: "ok" | "error"; text: string } | null;

function Notice({ message }: { message: Message }) {
  if (!message) return null;
  return (
    <p role={message.kind === "error" ? "alert" : "status"} className={`text-sm ${message.kind === "error" ? "text-red-700" : "text-green-800"}`}>
      {message.text}
    </p>
  );
}

export function AccountForms({ name, mustChangePassword }: { name: string; mustChangePassword: boolean }) {
  return (
    <>
      {mustChangePassword ? (
        <div role="alert" className="mt-6 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950">
          <p className="font-semibold">Choose a new password to go on.</p>
          <p className="mt-1">An admin reset your password. Enter the temporary password you were given as your current password.</p>
        </div>
      ) : (
        <NameForm name={name} />
      )}
      <PasswordForm required={mustChangePassword} />
    </>
  );
}

function NameForm({ name }: { name: string }) {
  const router = useRouter();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<Message>(null);

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const input = { name: formText(new FormData(event.currentTarget), "name") };
    const result = await submitChecked(AccountNameSchema, input, () => renameAccountAction(input));
    setErrors(result.ok ? {} : result.fields);
    if (!result.ok) {
      setMessage(result.message ? { kind: "error", text: result.message } : null);
      return;
    }
    setMessage({ kind: "ok", text: "Your name is saved." });
    router.refresh();
  }

  return (
    <form onSubmit={save} className="card mt-6 space-y-3 p-5" noValidate aria-labelledby="name-heading">
      <h2 id="name-heading" className="text-lg font-semibold">
        Your name
      </h2>
      <div>
        <label htmlFor="account-name" className="field-label">
          Name
        </label>
        <input id="account-name" name="name" className="input" defaultValue={name} autoComplete="name" {...invalidProps(errors, "name", "account")} />
        <p className="field-help">Shown on the claims you mark and in review reports.</p>
        <FieldError errors={errors} name="name" idPrefix="account" />
      </div>
      <div className="flex items-center gap-3">
        <button type="submit" className="btn btn-primary">
          Save name
        </button>
        <Notice message={message} />
      </div>
    </form>
  );
}

function PasswordForm({ required }: { required: boolean }) {
  const router = useRouter();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<Message>(null);
  const [done, setDone] = useState(false);
  // Once changed, the page no longer asks for it; the way on stays until the user takes it.
  const [wasRequired] = useState(required);

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formEl = event.currentTarget;
    const form = new FormData(formEl);
    const input = { current: formText(form, "current"), password: formText(form, "password"), confirm: formText(form, "confirm") };
    const result = await submitChecked(PasswordChangeSchema, input, () => changePasswordAction(input));
    setErrors(result.ok ? {} : result.fields);
    if (!result.ok) {
      setMessage(result.message ? { kind: "error", text: result.message } : null);
      return;
    }
    formEl.reset();
    const others = result.data.signedOut;
    setMessage({
      kind: "ok",
      text: `Your password is changed.${others ? ` ${others === 1 ? "One other session was" : `${others} other sessions were`} signed out.` : ""}`,
    });
    setDone(true);
    router.refresh();
  }

  const invalid = (field: string) => invalidProps(errors, field, "password");
  const error = (field: string) => <FieldError errors={errors} name={field} idPrefix="password" />;
  return (
    <form onSubmit={save} className="card mt-6 space-y-3 p-5" noValidate aria-labelledby="password-heading">
      <h2 id="password-heading" className="text-lg font-semibold">
        {required ? "Choose a new password" : "Change your password"}
      </h2>
      <div>
        <label htmlFor="password-current" className="field-label">
          {required ? "Temporary password" : "Current password"}
        </label>
        <input id="password-current" name="current" type="password" autoComplete="current-password" className="input" {...invalid("current")} />
        {error("current")}
      </div>
      <div>
        <label htmlFor="password-new" className="field-label">
          New password
        </label>
        <input id="password-new" name="password" type="password" autoComplete="new-password" className="input" {...invalid("password")} />
        <p className="field-help">At least {MIN_PASSWORD_LENGTH} characters. Your other sessions are signed out.</p>
        {error("password")}
      </div>
      <div>
        <label htmlFor="password-confirm" className="field-label">
          New password again
        </label>
        <input id="password-confirm" name="confirm" type="password" autoComplete="new-password" className="input" {...invalid("confirm")} />
        {error("confirm")}
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" className="btn btn-primary">
          Change password
        </button>
        <Notice message={message} />
        {done && wasRequired ? (
          <Link href="/" className="text-sm font-medium underline underline-offset-2">
            Go to the articles
          </Link>
        ) : null}
      </div>
    </form>
  );
}

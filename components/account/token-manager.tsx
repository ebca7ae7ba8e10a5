"use client";
// The Tokens page: make a token (its value shown once, to copy), see one's own tokens with when each
// was last used, and revoke them; an admin also sees and revokes everyone else's.
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { DEFAULT_TOKEN_DAYS, TokenCreateSchema } from "@/lib/validation/user";
import { createTokenAction, revokeTokenAction } from "@/app/tokens/actions";
import { FieldError, invalidProps } from "@/components/ui/field-errors";
import { formText } from "@/components/ui/form-data";
import { formatDate, formatDateTime } from "@/components/ui/format";
import { submitChecked } from "@/components/ui/submit";

export interface TokenRow {
  id: string;
  name: string;
  owner: string;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  state: "active" | "expired" | "revoked";
}

const LIFETIMES = [
  [30, "30 days"],
  [DEFAULT_TOKEN_DAYS, `${DEFAULT_TOKEN_DAYS} days`],
  [365, "1 year"],
] as const;

const STATE_LABELS: Record<TokenRow["state"], string> = { active: "Active", expired: "Expired", revoked: "Revoked" };

export function TokenManager({ own, others }: { own: TokenRow[]; others: TokenRow[] | null }) {
  const router = useRouter();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const [created, setCreated] = useState<{ name: string; token: string; expiresAt: string } | null>(null);
  const [copied, setCopied] = useState(false);

  async function create(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formEl = event.currentTarget;
    const form = new FormData(formEl);
    const input = { name: formText(form, "name"), days: Number(formText(form, "days")) };
    const result = await submitChecked(TokenCreateSchema, input, () => createTokenAction(input));
    setErrors(result.ok ? {} : result.fields);
    if (!result.ok) {
      if (result.message) setMessage({ kind: "error", text: result.message });
      return;
    }
    formEl.reset();
    setMessage(null);
    setCopied(false);
    setCreated({ name: result.data.name, token: result.data.token, expiresAt: result.data.expiresAt });
    router.refresh();
  }

  async function revoke(token: TokenRow) {
    if (!window.confirm(`Revoke the token “${token.name}”? Scripts using it stop working at once.`)) return;
    const result = await revokeTokenAction(token.id);
    setMessage(result.ok ? { kind: "ok", text: `The token “${token.name}” is revoked.` } : { kind: "error", text: result.error.message });
    router.refresh();
  }

  async function copy(value: string) {
    await navigator.clipboard.writeText(value);
    setCopied(true);
  }

  return (
    <>
      <form onSubmit={create} className="card mt-6 flex flex-wrap items-end gap-4 p-5" noValidate aria-labelledby="new-token-heading">
        <h2 id="new-token-heading" className="w-full text-lg font-semibold">
          New token
        </h2>
        <div className="min-w-56 flex-1">
          <label htmlFor="token-name" className="field-label">
            Name
          </label>
          <input id="token-name" name="name" className="input" placeholder="e.g. newsroom CMS sync" {...invalidProps(errors, "name", "token")} />
          <FieldError errors={errors} name="name" idPrefix="token" />
        </div>
        <div>
          <label htmlFor="token-days" className="field-label">
            Expires after
          </label>
          <select id="token-days" name="days" className="input" defaultValue={DEFAULT_TOKEN_DAYS} {...invalidProps(errors, "days", "token")}>
            {LIFETIMES.map(([days, label]) => (
              <option key={days} value={days}>
                {label}
              </option>
            ))}
          </select>
          <FieldError errors={errors} name="days" idPrefix="token" />
        </div>
        <button type="submit" className="btn btn-primary">
          Create token
        </button>
      </form>

      {created ? (
        <div role="status" className="mt-4 rounded-md border border-sky-200 bg-sky-50 px-4 py-3 text-sm text-sky-950">
          <p>
            Your new token “{created.name}”, valid until {formatDate(created.expiresAt)}. Copy it now: it is never shown again.
          </p>
          <div className="mt-2 flex flex-wrap items-center gap-2">
            <code aria-label="The new token's value" className="break-all rounded bg-white px-2 py-1 font-mono text-sm">
              {created.token}
            </code>
            <button type="button" className="btn btn-secondary" onClick={() => void copy(created.token)}>
              {copied ? "Copied" : "Copy"}
            </button>
          </div>
        </div>
      ) : null}
      {message ? (
        <p role={message.kind === "error" ? "alert" : "status"} className={`mt-4 rounded-md px-3 py-2 text-sm ${message.kind === "error" ? "bg-red-50 text-red-800" : "bg-green-50 text-green-900"}`}>
          {message.text}
        </p>
      ) : null}

      <TokenTable title="Your tokens" empty="You have no API tokens." tokens={own} onRevoke={revoke} />
      {others ? <TokenTable title="Other users' tokens" empty="No one else has an API token." tokens={others} onRevoke={revoke} showOwner /> : null}
    </>
  );
}

function TokenTable({
  title,
  empty,
  tokens,
  onRevoke,
  showOwner = false,
}: {
  title: string;
  empty: string;
  tokens: TokenRow[];
  onRevoke: (token: TokenRow) => Promise<void>;
  showOwner?: boolean;
}) {
  const id = showOwner ? "others-tokens" : "own-tokens";
  return (
    <section aria-labelledby={id} className="mt-8">
      <h2 id={id} className="text-lg font-semibold">
        {title}
      </h2>
      {tokens.length === 0 ? (
        <p className="mt-2 text-sm text-stone-600">{empty}</p>
      ) : (
        <div className="card mt-3 overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead className="border-b border-stone-200 bg-stone-50 text-xs uppercase tracking-wide text-stone-600">
              <tr>
                <th scope="col" className="px-4 py-2.5 font-medium">Name</th>
                {showOwner ? <th scope="col" className="px-4 py-2.5 font-medium">User</th> : null}
                <th scope="col" className="px-4 py-2.5 font-medium">Created</th>
                <th scope="col" className="px-4 py-2.5 font-medium">Expires</th>
                <th scope="col" className="px-4 py-2.5 font-medium">Last used</th>
                <th scope="col" className="px-4 py-2.5 font-medium">Status</th>
                <th scope="col" className="px-4 py-2.5 font-medium">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-100">
              {tokens.map((t) => (
                <tr key={t.id}>
                  <td className="px-4 py-2.5 font-medium">{t.name}</td>
                  {showOwner ? <td className="px-4 py-2.5 text-stone-700">{t.owner}</td> : null}
                  <td className="px-4 py-2.5 text-stone-700">{formatDate(t.createdAt)}</td>
                  <td className="px-4 py-2.5 text-stone-700">{formatDate(t.expiresAt)}</td>
                  <td className="px-4 py-2.5 text-stone-700">{t.lastUsedAt ? formatDateTime(t.lastUsedAt) : "Never"}</td>
                  <td className={`px-4 py-2.5 ${t.state === "active" ? "" : "text-stone-500"}`}>{STATE_LABELS[t.state]}</td>
                  <td className="px-4 py-2.5 text-right">
                    {t.state === "active" ? (
                      <button type="button" className="btn btn-secondary" aria-label={`Revoke ${t.name}${showOwner ? ` of ${t.owner}` : ""}`} onClick={() => void onRevoke(t)}>
                        Revoke
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

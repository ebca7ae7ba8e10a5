// Calling the app's server actions over raw HTTP, as the browser's React runtime does, so the battery
// can call them as any caller with any arguments (the forms would never send most of them).
//
// How a browser calls a server action (Next.js 16, production build):
//   - POST to the path of a page whose bundle holds the action (the manifest's "workers"), with
//     `Next-Action: <action id>`, `Origin: <the server's origin>` (the app's server refuses server
//     actions without it or from another origin, 403), `Accept: text/x-component`,
//     `Content-Type: text/plain;charset=UTF-8`, the JSON array of arguments as the body, and the
//     session cookie (a Bearer token is no session here);
//   - the action ids are in `.next/server/server-reference-manifest.json` (`node[id].exportedName`,
//     `filename`, `workers`); an action no client component imports has no id and cannot be called;
//   - the answer is 200 in React's flight format (`text/x-component`): one row per line,
//     `<hex id>:<JSON or tagged value>`, in any order; row 0 is `{"a": "$@<row>", ...}` where `a` points
//     at the row holding the action's return value (for this app `{ok: true, data}` or
//     `{ok: false, error: {code, message}}`). When the action revalidated a path, the same answer also
//     carries that page re-rendered for the caller (rows this module ignores). Strings that start with
//     `$` are escaped as `$$`, and a few values are references (`$D<date>`, `$undefined`, `$<row>`):
//     `decodeFlight` resolves the ones a plain JSON result can contain and refuses the rest;
//   - an action that calls Next's `redirect()` (the app's anonymous callers) answers 200 with
//     `x-action-redirect: <path>;<push|replace>` and the target page's tree, but no result.
import { readFileSync } from "node:fs";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";

interface ManifestEntry {
  workers: Record<string, unknown>;
  filename?: string;
  exportedName?: string;
}

export interface ServerActionRef {
  id: string;
  name: string;
  file: string;
  /** The app pages ("app/articles/[id]/page") whose bundles hold the action. */
  pages: string[];
}

/** Every server action the build registered, by exported name (and file, when two files share a name). */
export function serverActions(distDir = process.env.NEXT_DIST_DIR || ".next"): ServerActionRef[] {
  const file = path.join(distDir, "server", "server-reference-manifest.json");
  const manifest = JSON.parse(readFileSync(file, "utf8")) as { node: Record<string, ManifestEntry> };
  return Object.entries(manifest.node).map(([id, entry]) => ({
    id,
    name: entry.exportedName ?? "",
    file: entry.filename ?? "",
    pages: Object.keys(entry.workers),
  }));
}

/** The id of `name` exported by `file` (e.g. "app/articles/actions.ts"); throws if the build has none. */
export function serverActionId(name: string, file?: string): string {
  const found = serverActions().filter((a) => a.name === name && (file === undefined || a.file === file));
  if (found.length !== 1) throw new Error(`${found.length} server actions named ${name}${file ? ` in ${file}` : ""}`);
  return found[0]!.id;
}

export type ServerActionAnswer =
  | { kind: "result"; status: number; result: unknown }
  | { kind: "redirect"; status: number; location: string }
  | { kind: "other"; status: number; contentType: string; body: string };

/** Turns the values React's flight encoder escapes back into plain JSON values. */
function decodeFlight(value: unknown, rows: Map<string, unknown>, depth = 0): unknown {
  if (depth > 64) throw new Error("flight row references nest too deep");
  if (typeof value === "string") {
    if (!value.startsWith("$")) return value;
    if (value.startsWith("$$")) return value.slice(1);
    if (value === "$undefined") return undefined;
    if (value.startsWith("$D")) return value.slice(2);
    // A row, or a path into one ("$1:data:0:author": React sends an object it already sent once as a
    // reference to where it first appeared).
    const ref = /^\$@?([0-9a-f]+)((?::[^:]+)*)$/.exec(value);
    if (ref) {
      if (!rows.has(ref[1]!)) throw new Error(`flight row ${ref[1]} is missing`);
      // Walk the path through the raw rows (decoding them whole would follow this same reference again).
      let target = rows.get(ref[1]!);
      for (const key of ref[2]!.split(":").slice(1)) {
        const row = typeof target === "string" ? /^\$@?([0-9a-f]+)$/.exec(target)?.[1] : undefined;
        if (row !== undefined) target = rows.get(row);
        target = (target as Record<string, unknown> | undefined)?.[key];
      }
      return decodeFlight(target, rows, depth + 1);
    }
    throw new Error(`unhandled flight value ${value.slice(0, 40)}`);
  }
  if (Array.isArray(value)) return value.map((v) => decodeFlight(v, rows, depth + 1));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decodeFlight(v, rows, depth + 1)]));
  }
  return value;
}

/** The rows of a flight answer: `<hex id>:<JSON>` lines and `<hex id>:T<hex length>,<text>` text rows. */
export function parseFlight(body: string): Map<string, unknown> {
  const rows = new Map<string, unknown>();
  let at = 0;
  while (at < body.length) {
    const colon = body.indexOf(":", at);
    if (colon < 0) break;
    // Hints (`:HL[...]`) have no id.
    const id = body.slice(at, colon);
    if (!/^[0-9a-f]*$/.test(id)) throw new Error(`not a flight row at ${at}: ${body.slice(at, at + 40)}`);
    const text = /^T([0-9a-f]+),/.exec(body.slice(colon + 1, colon + 20));
    if (text) {
      // A text row gives its length in UTF-8 bytes.
      const start = colon + 1 + text[0].length;
      const bytes = Buffer.from(body.slice(start), "utf8").subarray(0, parseInt(text[1]!, 16));
      const value = bytes.toString("utf8");
      rows.set(id, value);
      at = start + value.length;
      continue;
    }
    const end = body.indexOf("\n", colon);
    const line = body.slice(colon + 1, end < 0 ? body.length : end);
    // Module references (`I[...]`), errors (`E{...}`) and the like stay text: a result never is one.
    let value: unknown = line;
    if (/^[[{"0-9tfn-]/.test(line)) {
      try {
        value = JSON.parse(line) as unknown;
      } catch {
        value = line;
      }
    }
    rows.set(id, value);
    at = end < 0 ? body.length : end + 1;
  }
  return rows;
}

/** Arguments as React's reply encoder sends them: JSON, with strings that start with `$` escaped as `$$`. */
export function encodeActionArgs(args: unknown[]): string {
  const escape = (value: unknown): unknown => {
    if (typeof value === "string") return value.startsWith("$") ? `$${value}` : value;
    if (Array.isArray(value)) return value.map(escape);
    if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, escape(v)]));
    return value;
  };
  return JSON.stringify(args.map(escape));
}

/**
 * Calls a server action as the browser does: POST the arguments to `pagePath` with the action's id,
 * encoded from `args`, or `body` sent exactly as given (for bodies no encoder would produce).
 * `headers` carries the caller's cookie or anything else.
 */
export async function callServerAction(
  request: APIRequestContext,
  options: { actionId: string; pagePath: string; origin: string; headers?: Record<string, string> } & ({ args: unknown[] } | { body: string }),
): Promise<ServerActionAnswer> {
  const response = await request.post(options.pagePath, {
    headers: {
      "Next-Action": options.actionId,
      Origin: options.origin,
      Accept: "text/x-component",
      "Content-Type": "text/plain;charset=UTF-8",
      ...options.headers,
    },
    data: "body" in options ? options.body : encodeActionArgs(options.args),
    maxRedirects: 0,
    failOnStatusCode: false,
  });
  const status = response.status();
  const redirect = response.headers()["x-action-redirect"];
  if (redirect !== undefined) return { kind: "redirect", status, location: redirect.split(";")[0]! };
  const contentType = response.headers()["content-type"] ?? "";
  const body = await response.text();
  if (status !== 200 || !contentType.startsWith("text/x-component")) return { kind: "other", status, contentType, body };
  const rows = parseFlight(body);
  const head = rows.get("0") as { a?: unknown } | undefined;
  if (!head || !("a" in head)) return { kind: "other", status, contentType, body };
  return { kind: "result", status, result: decodeFlight(head.a, rows) };
}

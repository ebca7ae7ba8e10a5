// The role × action matrix: every REST route, every server action and every page, tried by every kind of
// caller (anonymous, each role by session, viewer, editor and admin also by token, a user disabled after
// signing in, revoked, expired, malformed and unknown tokens), each against the outcome the documented rules give
// (README's API table and roles, lib/core/roles.ts), written out below, never computed by the app's
// own permission code. Then ids swapped into every id position (an article id where a claim id goes, a
// source of another claim, a deleted claim, an unknown id) and a reviewer deleting another reviewer's
// claim. Every refused write must leave every row and the audit trail as they were; every allowed
// write adds exactly one audit event.
import { randomBytes } from "node:crypto";
import type { APIRequestContext } from "@playwright/test";
import { CLAIM_QUOTE, PASSWORD, USERS, apiToken, auditEvents, expect, expireTokenInDatabase, freshArticle, sessionContext, test } from "../fixtures";
import { cliAsync, fingerprint, tokenFor, type Fingerprint } from "./access-helpers";
import { query } from "./db";
import { port } from "../raw-http";
import { recordFigures } from "./figures";
import { callServerAction, serverActionId, serverActions } from "./server-actions";

const ORIGIN = `http://localhost:${port}`;

// ---- the expected outcomes ----

/** The five columns of the table: what anonymous callers and each role may do. */
type Column = "anonymous" | "viewer" | "reviewer" | "editor" | "admin";
/** API: the status (an error's code follows from it). Server actions: "ok", the error code, or the sign-in redirect. Pages: the status or the sign-in redirect. */
type Outcome = number | `${number} ${string}` | "ok" | "forbidden" | "not_found" | "validation_failed" | "self_approval" | "sign-in";
type Row5 = [anonymous: Outcome, viewer: Outcome, reviewer: Outcome, editor: Outcome, admin: Outcome];
const COLUMNS: Column[] = ["anonymous", "viewer", "reviewer", "editor", "admin"];
const ok = "ok";
const forbidden = "forbidden";
const notFound = "not_found";
const signIn = "sign-in";

/** Ids the rows use: made once, before the matrix. */
interface World {
  article: string;
  /** Alice's claim on `article`, with `source`. */
  claim: string;
  source: string;
  /** Bob's claim on another article. */
  bobClaim: string;
  /** A claim the editor deleted, with a source added before. */
  deleted: string;
  deletedSource: string;
  /** A well-formed id of nothing. */
  unknown: string;
  /** A throwaway account the admin's actions change: its email, its id, and an API token of its own. */
  target: string;
  targetId: string;
  targetToken: string;
  /** Alice's user id (assignments and queues), and the other article (Bob's claim's). */
  alice: string;
  other: string;
  /** An article in independent review, and Alice's claim on it. */
  reviewed: string;
  reviewedClaim: string;
}
/** Per call: fresh records for writes that use them up, and values that must differ from the last call's. */
type Fresh = Record<string, string | number | boolean>;

interface Row {
  kind: "api" | "action" | "page";
  name: string;
  write: boolean;
  /** Expected outcome per column; a call is made for each caller whose column is listed. */
  expect: Partial<Record<Column, Outcome>>;
  /** Id swaps are counted apart in the figures. */
  swap?: boolean;
  /** Audit events an allowed write adds: one, or as said. */
  events?: number;
  fresh?: (w: World) => Promise<Fresh>;
  call: (c: Caller, w: World, f: Fresh) => Promise<string>;
}

const all = (o: Row5) => Object.fromEntries(COLUMNS.map((c, i) => [c, o[i]])) as Record<Column, Outcome>;

let counter = 0;
const next = () => ++counter;

function api(
  method: string,
  path: (w: World, f: Fresh) => string,
  expected: Partial<Record<Column, Outcome>>,
  options: { body?: (w: World, f: Fresh) => unknown; fresh?: Row["fresh"]; name?: string; events?: number } = {},
): Row {
  const name = options.name ?? `${method} ${path(NAMES, NAMES)}`;
  return {
    kind: "api",
    name,
    write: method !== "GET",
    expect: expected,
    events: options.events,
    fresh: options.fresh,
    call: async (c, w, f) => {
      const response = await c.api.fetch(path(w, f), {
        method,
        headers: { ...c.headers, ...(method === "GET" ? {} : { Origin: ORIGIN }) },
        ...(options.body ? { data: options.body(w, f) } : {}),
        maxRedirects: 0,
      });
      const status = response.status();
      if (status < 400) return String(status);
      const body = (await response.json().catch(() => null)) as { error?: { code?: string } } | null;
      return `${status} ${body?.error?.code ?? "(no error JSON)"}`;
    },
  };
}

function action(
  name: string,
  page: (w: World) => string,
  args: (w: World, f: Fresh) => unknown[],
  expected: Partial<Record<Column, Outcome>>,
  options: { write?: boolean; fresh?: Row["fresh"]; label?: string; events?: number } = {},
): Row {
  return {
    kind: "action",
    name: options.label ?? name,
    write: options.write ?? true,
    expect: expected,
    events: options.events,
    fresh: options.fresh,
    call: async (c, w, f) => {
      const answer = await callServerAction(c.ui, { actionId: serverActionId(name), pagePath: page(w), args: args(w, f), origin: ORIGIN, headers: c.headers });
      if (answer.kind === "redirect") return answer.location === "/sign-in" ? signIn : `redirect ${answer.location}`;
      if (answer.kind === "other") return `HTTP ${answer.status} ${answer.contentType}`;
      const result = answer.result as { ok?: boolean; error?: { code?: string } };
      return result.ok === true ? ok : result.ok === false ? String(result.error?.code) : `no result: ${JSON.stringify(result).slice(0, 80)}`;
    },
  };
}

function page(path: (w: World) => string, expected: Partial<Record<Column, Outcome>>): Row {
  return {
    kind: "page",
    name: `page ${path(NAMES)}`,
    write: false,
    expect: expected,
    call: async (c, w) => {
      const requested = path(w);
      const response = await c.ui.get(requested, { headers: c.headers, maxRedirects: 0 });
      const status = response.status();
      if (status >= 300 && status < 400) {
        const location = new URL(response.headers().location ?? "", ORIGIN);
        // The sign-in page, remembering the page asked for (except the home page).
        const remembered = requested === "/" ? null : requested;
        return location.pathname === "/sign-in" && location.searchParams.get("callbackUrl") === remembered ? signIn : `${status} → ${location.pathname}${location.search}`;
      }
      // A page refused by forbidden() or notFound() carries that error's digest and the app's template
      // (app/forbidden.tsx, app/not-found.tsx); a page shown renders its own heading first.
      const html = await response.text();
      // The report page is a route handler: its "not found" is plain text.
      if (status === 404 && response.headers()["content-type"]?.startsWith("text/plain") && html === "Not found") return "404";
      const heading = /<h1[^>]*>([^<]*)</.exec(html)?.[1] ?? "(no heading)";
      const shown = html.includes("NEXT_HTTP_ERROR_FALLBACK;403") && html.includes("You do not have permission to do that")
        ? "forbidden page"
        : html.includes("NEXT_HTTP_ERROR_FALLBACK;404") && html.includes("There is nothing at this address")
          ? "not-found page"
          : html.includes("NEXT_HTTP_ERROR_FALLBACK") || ["(no heading)", "You do not have permission to do that", "Not found"].includes(heading)
            ? "an error"
            : "page";
      if ((status === 403 && shown === "forbidden page") || (status === 404 && shown === "not-found page") || (status === 200 && shown === "page")) return String(status);
      return `${status} with ${shown} (“${heading}”)`;
    },
  };
}

/** Placeholders that name each id position in the rows' names. */
const NAMES = new Proxy({}, { get: (_, key) => `{${String(key)}}` }) as World & Fresh;

const ERROR_CODES: Record<number, string> = { 400: "validation_failed", 401: "unauthenticated", 403: "forbidden", 404: "not_found" };
/** What a call should come back as: an API error names its code too. */
const expectedText = (row: Row, o: Outcome) => (row.kind === "api" && typeof o === "number" && ERROR_CODES[o] ? `${o} ${ERROR_CODES[o]}` : String(o));

// Fresh records, made through the API by their authors.
interface Author {
  context: APIRequestContext;
  headers: Record<string, string>;
}
let setup: { alice: Author; editor: Author; bob: Author };
async function post(as: Author, path: string, data: unknown) {
  const response = await as.context.post(path, { headers: as.headers, data });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { id: string }).id;
}
const aliceClaim = (w: World) => post(setup.alice, `/api/v1/articles/${w.article}/claims`, { exact: CLAIM_QUOTE });
async function deletedClaim(w: World) {
  const id = await aliceClaim(w);
  expect((await setup.editor.context.delete(`/api/v1/claims/${id}`, { headers: setup.editor.headers })).status()).toBe(204);
  return id;
}
const source = (claim: string) => post(setup.alice, `/api/v1/claims/${claim}/sources`, { url: `https://example.org/fresh/${next()}`, stance: "context" });
async function claimVersion(id: string) {
  return Number((await query<{ version: number | string }>(`SELECT "version" FROM "Claim" WHERE "id" = $1`, [id]))[0]!.version);
}
async function userId(email: string) {
  return (await query<{ id: string }>(`SELECT "id" FROM "User" WHERE "email" = $1`, [email]))[0]!.id;
}

async function userState(email: string) {
  const row = (await query<{ role: string; disabledAt: unknown }>(`SELECT "role", "disabledAt" FROM "User" WHERE "email" = $1`, [email]))[0]!;
  return { role: row.role, disabled: row.disabledAt !== null };
}

/** Distinct passages of the sample text, one per import, so no import is skipped as a duplicate. */
let passages: string[] = [];
const annotation = (w: World, f: Fresh) => ({
  "@context": "http://www.w3.org/ns/anno.jsonld",
  type: "Annotation",
  bodyValue: `Imported ${String(f.n)}`,
  target: { source: `${ORIGIN}/articles/${w.article}`, selector: { type: "TextQuoteSelector", exact: passages[Number(f.n) % passages.length] } },
});
const n = () => Promise.resolve({ n: next() });
/** A small news page to import, its title unique to the call. */
const importablePage = (f: Fresh) =>
  `<html><head><title>Imported ${String(f.n)}</title></head><body><article><h1>Imported ${String(f.n)}</h1>${"<p>The alliance said about 2,500 soldiers were sent to restore order, and more than 4,200 people were detained.</p>".repeat(3)}</article></body></html>`;
/** A fresh claim of Alice's on the plain article whose verdict `by` gave: ready to approve, at version 2. */
async function givenClaim(w: World, by: Author) {
  const claim = await aliceClaim(w);
  const response = await by.context.patch(`/api/v1/claims/${claim}`, { headers: by.headers, data: { version: 1, verdict: "mostly_true" } });
  expect(response.status(), await response.text()).toBe(200);
  return { claim, version: 2 };
}
/** A fresh claim of Alice's in the article under independent review: each caller's assessment is its first. */
const reviewedClaim = async (w: World) => ({ claim: await post(setup.alice, `/api/v1/articles/${w.reviewed}/claims`, { exact: CLAIM_QUOTE }), n: next() });
/** A fresh comment of Alice's on her claim: the reviewer column edits and deletes their own. */
const aliceComment = async (w: World) => ({ comment: await post(setup.alice, `/api/v1/claims/${w.claim}/comments`, { body: `Alice's comment ${next()}` }) });
/** A fresh comment of Bob's that mentions every role's demo account (by their emails' local parts: the matrix renames them). */
const mentionEveryone = async (w: World) => ({ comment: await post(setup.bob, `/api/v1/claims/${w.claim}/comments`, { body: `@viewer @alice @editor @admin, a look? (${next()})` }) });
/** A due time no earlier call used, so each assignment call changes something. */
const due = (f: Fresh) => new Date(Date.UTC(2031, 0, 1) + Number(f.n) * 60_000).toISOString();
/** An assignment of Alice to a fresh claim of hers, made by the editor through the API. */
async function assignment(w: World) {
  const claim = await aliceClaim(w);
  const response = await setup.editor.context.post(`/api/v1/articles/${w.article}/assignments`, { headers: setup.editor.headers, data: { userIds: [w.alice], claimIds: [claim] } });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { items: { id: string }[] }).items[0]!.id;
}

// Every /api/v1 route and method (README's table), every server action, every page; `all([...])` is the
// expected outcome for [anonymous, viewer, reviewer, editor, admin]. A session or token of a role gets its
// role's column (on pages and server actions a token is no session: anonymous); a disabled user's
// session or token and a revoked, expired, malformed or unknown token get the anonymous column.
const ROWS: Row[] = [
  api("GET", () => "/api/v1/articles", all([401, 200, 200, 200, 200])),
  api("POST", () => "/api/v1/articles", all([401, 403, 403, 201, 201]), { body: (_, f) => ({ title: `Access ${f.n}`, text: "A short article." }), fresh: n }),
  api("GET", (w) => `/api/v1/articles/${w.article}`, all([401, 200, 200, 200, 200])),
  api("PATCH", (w) => `/api/v1/articles/${w.article}`, all([401, 403, 403, 200, 200]), { body: (_, f) => ({ title: `Retitled ${f.n}` }), fresh: n }),
  api("GET", (w) => `/api/v1/articles/${w.article}/claims`, all([401, 200, 200, 200, 200])),
  api("POST", (w) => `/api/v1/articles/${w.article}/claims`, all([401, 403, 201, 201, 201]), { body: () => ({ exact: CLAIM_QUOTE }) }),
  api("GET", (w) => `/api/v1/claims/${w.claim}`, all([401, 200, 200, 200, 200])),
  api("PATCH", (w) => `/api/v1/claims/${w.claim}`, all([401, 403, 200, 200, 200]), {
    body: (_, f) => ({ version: f.version, rationale: `Rationale ${f.n}` }),
    fresh: async (w) => ({ version: await claimVersion(w.claim), n: next() }),
  }),
  // The reviewer column is Alice, the author of the fresh claim.
  api("DELETE", (_, f) => `/api/v1/claims/${f.claim}`, all([401, 403, 204, 204, 204]), { fresh: async (w) => ({ claim: await aliceClaim(w) }), name: "DELETE /api/v1/claims/{own claim}" }),
  api("POST", (_, f) => `/api/v1/claims/${f.claim}/restore`, all([401, 403, 403, 200, 200]), { fresh: async (w) => ({ claim: await deletedClaim(w) }), name: "POST /api/v1/claims/{deleted}/restore" }),
  api("POST", (w) => `/api/v1/claims/${w.claim}/sources`, all([401, 403, 201, 201, 201]), { body: (_, f) => ({ url: `https://example.org/added/${f.n}`, stance: "supports" }), fresh: n }),
  api("PATCH", (w) => `/api/v1/sources/${w.source}`, all([401, 403, 200, 200, 200]), { body: (_, f) => ({ title: `Source ${f.n}` }), fresh: n }),
  api("DELETE", (_, f) => `/api/v1/sources/${f.source}`, all([401, 403, 204, 204, 204]), { fresh: async (w) => ({ source: await source(w.claim) }), name: "DELETE /api/v1/sources/{source}" }),
  api("GET", (w) => `/api/v1/articles/${w.article}/audit`, all([401, 200, 200, 200, 200])),
  api("GET", () => "/api/v1/audit/verify", all([401, 200, 200, 200, 200])),
  api("GET", (w) => `/api/v1/articles/${w.article}/report?format=json`, all([401, 200, 200, 200, 200])),
  api("GET", (w) => `/api/v1/reports?articles=${w.article}&format=json`, all([401, 200, 200, 200, 200])),
  // An import that places one annotation: the claim's event and the import's.
  api("POST", (w) => `/api/v1/articles/${w.article}/annotations/import`, all([401, 403, 403, 201, 201]), { body: annotation, fresh: n, events: 2 }),
  api("GET", (w) => `/api/v1/articles/${w.article}/assignments`, all([401, 200, 200, 200, 200])),
  api("POST", (w) => `/api/v1/articles/${w.article}/assignments`, all([401, 403, 403, 201, 201]), { body: (w, f) => ({ userIds: [w.alice], due: due(f) }), fresh: n }),
  api("DELETE", (_, f) => `/api/v1/assignments/${f.assignment}`, all([401, 403, 403, 204, 204]), { fresh: async (w) => ({ assignment: await assignment(w) }), name: "DELETE /api/v1/assignments/{assignment}" }),
  api("GET", () => "/api/v1/queue", all([401, 200, 200, 200, 200])),
  api("GET", (w) => `/api/v1/queue?user=${w.alice}`, all([401, 403, 200, 200, 200]), { name: "GET /api/v1/queue?user={Alice}" }),
  // Independent review: everyone with write access assesses; a first assessment also moves the claim to "in review".
  api("PUT", (_, f) => `/api/v1/claims/${f.claim}/assessment`, all([401, 403, 200, 200, 200]), {
    body: (_, f) => ({ verdict: "mostly_true", rationale: `Assessment ${f.n}` }),
    fresh: reviewedClaim,
    events: 2,
    name: "PUT /api/v1/claims/{claim in independent review}/assessment",
  }),
  api("GET", (w) => `/api/v1/claims/${w.reviewedClaim}/assessments`, all([401, 200, 200, 200, 200])),
  // Editors decide: the final verdict (independent review), and approval of a verdict someone else gave.
  api("PUT", (_, f) => `/api/v1/claims/${f.claim}/final`, all([401, 403, 403, 200, 200]), {
    body: (_, f) => ({ version: 1, verdict: "half_true", note: `Final ${f.n}` }),
    fresh: reviewedClaim,
    name: "PUT /api/v1/claims/{claim in independent review}/final",
  }),
  api("POST", (_, f) => `/api/v1/claims/${f.claim}/approve`, all([401, 403, 403, 200, 200]), {
    body: (_, f) => ({ version: f.version }),
    fresh: (w) => givenClaim(w, setup.alice),
    name: "POST /api/v1/claims/{claim with Alice's verdict}/approve",
  }),
  api("GET", (w) => `/api/v1/articles/${w.reviewed}/agreement`, all([401, 200, 200, 200, 200])),
  api("GET", (w) => `/api/v1/agreement?articles=${w.reviewed},${w.article}`, all([401, 200, 200, 200, 200])),
  // The discussion: reviewers and editors comment; each edits their own comments only (the reviewer
  // column is Alice, the author), editors delete anyone's; everyone marks a mention of them read (not audited).
  api("GET", (w) => `/api/v1/claims/${w.claim}/comments`, all([401, 200, 200, 200, 200])),
  api("POST", (w) => `/api/v1/claims/${w.claim}/comments`, all([401, 403, 201, 201, 201]), { body: (_, f) => ({ body: `Access comment ${f.n}` }), fresh: n }),
  api("PATCH", (_, f) => `/api/v1/comments/${f.comment}`, all([401, 403, 200, 403, 403]), { body: (_, f) => ({ body: `Edited ${String(f.comment)}` }), fresh: aliceComment, name: "PATCH /api/v1/comments/{Alice's comment}" }),
  api("DELETE", (_, f) => `/api/v1/comments/${f.comment}`, all([401, 403, 204, 204, 204]), { fresh: aliceComment, name: "DELETE /api/v1/comments/{Alice's comment}" }),
  api("POST", (_, f) => `/api/v1/comments/${f.comment}/read`, all([401, 204, 204, 204, 204]), { fresh: mentionEveryone, events: 0, name: "POST /api/v1/comments/{comment mentioning the caller}/read" }),
  // Articles that change: revisions and their diffs for everyone; editors import (here from HTML they
  // have: the web fetch is lib/server's unit tests' and e2e/revisions') and re-check (this article has no
  // web address to fetch, which is refused as such).
  api("GET", (w) => `/api/v1/articles/${w.article}/revisions`, all([401, 200, 200, 200, 200])),
  api("GET", (w) => `/api/v1/articles/${w.article}/revisions/1/diff?from=1`, all([401, 200, 200, 200, 200])),
  api("POST", () => "/api/v1/articles/import", all([401, 403, 403, 201, 201]), { body: (_, f) => ({ html: importablePage(f) }), fresh: n }),
  api("POST", (w) => `/api/v1/articles/${w.article}/recheck`, all([401, 403, 403, 400, 400])),
  // A path with no endpoint names nothing, for anyone (README).
  api("GET", () => "/api/v1/no-such-endpoint", all([404, 404, 404, 404, 404])),

  action("createArticleAction", () => "/articles/new", (_, f) => [{ title: `Action ${f.n}`, text: "A short article." }], all([signIn, forbidden, forbidden, ok, ok]), { fresh: n }),
  action("updateArticleAction", (w) => `/articles/${w.article}/edit`, (w, f) => [w.article, { title: `Action retitled ${f.n}` }], all([signIn, forbidden, forbidden, ok, ok]), { fresh: n }),
  action("createClaimAction", (w) => `/articles/${w.article}`, (w) => [w.article, { exact: CLAIM_QUOTE }], all([signIn, forbidden, ok, ok, ok])),
  action("updateClaimAction", (w) => `/articles/${w.article}`, (w, f) => [w.claim, { version: f.version, note: `Note ${f.n}` }], all([signIn, forbidden, ok, ok, ok]), {
    fresh: async (w) => ({ version: await claimVersion(w.claim), n: next() }),
  }),
  action("deleteClaimAction", (w) => `/articles/${w.article}`, (_, f) => [f.claim], all([signIn, forbidden, ok, ok, ok]), { fresh: async (w) => ({ claim: await aliceClaim(w) }), label: "deleteClaimAction(own claim)" }),
  action("restoreClaimAction", (w) => `/articles/${w.article}`, (_, f) => [f.claim], all([signIn, forbidden, forbidden, ok, ok]), { fresh: async (w) => ({ claim: await deletedClaim(w) }) }),
  action("addSourceAction", (w) => `/articles/${w.article}`, (w, f) => [w.claim, { url: `https://example.org/action/${f.n}`, stance: "contradicts" }], all([signIn, forbidden, ok, ok, ok]), { fresh: n }),
  action("updateSourceAction", (w) => `/articles/${w.article}`, (w, f) => [w.claim, w.source, { publisher: `Publisher ${f.n}` }], all([signIn, forbidden, ok, ok, ok]), { fresh: n }),
  action("removeSourceAction", (w) => `/articles/${w.article}`, (w, f) => [w.claim, f.source], all([signIn, forbidden, ok, ok, ok]), { fresh: async (w) => ({ source: await source(w.claim) }) }),
  action("claimHistoryAction", (w) => `/articles/${w.article}`, (w) => [w.claim], all([signIn, ok, ok, ok, ok]), { write: false }),
  // What a live page fetches again when something changed.
  action("articleClaimsAction", (w) => `/articles/${w.article}`, (w) => [w.article], all([signIn, ok, ok, ok, ok]), { write: false }),
  action("createUserAction", () => "/admin/users", (_, f) => [{ email: `access-${f.n}-${randomBytes(3).toString("hex")}@example.com`, name: "Access Made", role: "viewer", password: "a-long-enough-password" }], all([signIn, forbidden, forbidden, forbidden, ok]), { fresh: n }),
  action("setUserDisabledAction", () => "/admin/users", (w, f) => [w.target, f.disabled], all([signIn, forbidden, forbidden, forbidden, ok]), {
    fresh: async (w) => ({ disabled: !(await userState(w.target)).disabled }),
  }),
  action("setUserRoleAction", () => "/admin/users", (w, f) => [w.target, f.role], all([signIn, forbidden, forbidden, forbidden, ok]), {
    fresh: async (w) => ({ role: (await userState(w.target)).role === "viewer" ? "reviewer" : "viewer" }),
  }),

  page(() => "/", all([signIn, 200, 200, 200, 200])),
  page(() => "/articles/new", all([signIn, 403, 403, 200, 200])),
  page((w) => `/articles/${w.article}`, all([signIn, 200, 200, 200, 200])),
  page((w) => `/articles/${w.article}/edit`, all([signIn, 403, 403, 200, 200])),
  page((w) => `/articles/${w.article}/activity`, all([signIn, 200, 200, 200, 200])),
  page((w) => `/articles/${w.article}/report`, all([signIn, 200, 200, 200, 200])),
  action("resetPasswordAction", () => "/admin/users", (w) => [w.targetId], all([signIn, forbidden, forbidden, forbidden, ok])),
  // Everyone renames themselves (the demo names are put back after the matrix); a password change with a
  // wrong current password is refused as such for every role, so no demo password changes.
  action("renameAccountAction", () => "/account", (_, f) => [{ name: `Access name ${f.n}` }], all([signIn, ok, ok, ok, ok]), { fresh: n }),
  action(
    "changePasswordAction",
    () => "/account",
    () => [{ current: "not the current password", password: "an entirely new passphrase", confirm: "an entirely new passphrase" }],
    all([signIn, "validation_failed", "validation_failed", "validation_failed", "validation_failed"]),
  ),
  // Everyone makes tokens of their own; only an admin revokes someone else's (to anyone else it is not there).
  action("createTokenAction", () => "/tokens", (_, f) => [{ name: `Access token ${f.n}`, days: 1 }], all([signIn, ok, ok, ok, ok]), { fresh: n }),
  action("revokeTokenAction", () => "/tokens", (w) => [w.targetToken], all([signIn, notFound, notFound, notFound, ok])),

  page(() => "/admin/users", all([signIn, 403, 403, 403, 200])),
  page(() => "/account", all([signIn, 200, 200, 200, 200])),
  page(() => "/tokens", all([signIn, 200, 200, 200, 200])),
  // Editors hand out work; everyone reads their own queue, editors anyone's.
  action("assignReviewersAction", (w) => `/articles/${w.article}`, (w, f) => [w.article, { userIds: [w.alice], due: due(f) }], all([signIn, forbidden, forbidden, ok, ok]), { fresh: n }),
  action("removeAssignmentAction", (w) => `/articles/${w.article}`, (w, f) => [w.article, f.assignment], all([signIn, forbidden, forbidden, ok, ok]), { fresh: async (w) => ({ assignment: await assignment(w) }) }),
  page(() => "/queue", all([signIn, 200, 200, 200, 200])),
  page((w) => `/articles/${w.article}/revisions`, all([signIn, 200, 200, 200, 200])),
  action("recheckArticleAction", (w) => `/articles/${w.article}`, (w) => [w.article], all([signIn, forbidden, forbidden, "validation_failed", "validation_failed"])),
  action("listAssessmentsAction", (w) => `/articles/${w.reviewed}`, (w) => [w.reviewedClaim], all([signIn, ok, ok, ok, ok]), { write: false }),
  action("submitAssessmentAction", (w) => `/articles/${w.reviewed}`, (_, f) => [f.claim, { verdict: "false", rationale: `Action ${f.n}` }], all([signIn, forbidden, ok, ok, ok]), { fresh: reviewedClaim, events: 2 }),
  action("setFinalVerdictAction", (w) => `/articles/${w.reviewed}`, (_, f) => [f.claim, { version: 1, verdict: "true", note: "" }], all([signIn, forbidden, forbidden, ok, ok]), { fresh: reviewedClaim }),
  action("approveClaimAction", (w) => `/articles/${w.article}`, (_, f) => [f.claim, { version: f.version }], all([signIn, forbidden, forbidden, ok, ok]), { fresh: (w) => givenClaim(w, setup.alice) }),
  page((w) => `/queue?user=${w.alice}`, all([signIn, 403, 200, 200, 200])),
  action("listCommentsAction", (w) => `/articles/${w.article}`, (w) => [w.claim], all([signIn, ok, ok, ok, ok]), { write: false }),
  action("addCommentAction", (w) => `/articles/${w.article}`, (w, f) => [w.claim, { body: `Action comment ${f.n}` }], all([signIn, forbidden, ok, ok, ok]), { fresh: n }),
  action("editCommentAction", (w) => `/articles/${w.article}`, (w, f) => [w.claim, f.comment, { body: `Action edit ${String(f.comment)}` }], all([signIn, forbidden, ok, forbidden, forbidden]), { fresh: aliceComment, label: "editCommentAction(Alice's comment)" }),
  action("deleteCommentAction", (w) => `/articles/${w.article}`, (w, f) => [w.claim, f.comment], all([signIn, forbidden, ok, ok, ok]), { fresh: aliceComment, label: "deleteCommentAction(Alice's comment)" }),
  action("markMentionReadAction", () => "/queue", (_, f) => [f.comment], all([signIn, ok, ok, ok, ok]), { fresh: mentionEveryone, events: 0, label: "markMentionReadAction(comment mentioning the caller)" }),

  // ---- ids of the wrong kind, of another record, of a deleted claim, of nothing: 404 and no change ----
  ...[
    api("GET", (w) => `/api/v1/articles/${w.claim}`, { viewer: 404 }),
    api("PATCH", (w) => `/api/v1/articles/${w.claim}`, { editor: 404 }, { body: () => ({ title: "Swapped" }) }),
    api("GET", (w) => `/api/v1/articles/${w.claim}/claims`, { viewer: 404 }),
    api("POST", (w) => `/api/v1/articles/${w.claim}/claims`, { reviewer: 404 }, { body: () => ({ exact: CLAIM_QUOTE }) }),
    api("POST", (w) => `/api/v1/articles/${w.unknown}/claims`, { reviewer: 404 }, { body: () => ({ exact: CLAIM_QUOTE }) }),
    api("GET", (w) => `/api/v1/articles/${w.claim}/audit`, { viewer: 404 }),
    api("GET", (w) => `/api/v1/articles/${w.claim}/report?format=json`, { viewer: 404 }),
    api("GET", (w) => `/api/v1/reports?articles=${w.claim}&format=json`, { viewer: 404 }),
    api("POST", (w) => `/api/v1/articles/${w.claim}/annotations/import`, { editor: 404 }, { body: annotation, fresh: n }),
    api("GET", (w) => `/api/v1/articles/${w.claim}/revisions`, { viewer: 404 }),
    api("GET", (w) => `/api/v1/articles/${w.article}/revisions/9/diff`, { viewer: 404 }),
    api("GET", (w) => `/api/v1/articles/${w.article}/revisions/x/diff`, { viewer: 404 }),
    api("POST", (w) => `/api/v1/articles/${w.claim}/recheck`, { editor: 404 }),
    api("GET", (w) => `/api/v1/claims/${w.article}`, { viewer: 404 }),
    api("GET", (w) => `/api/v1/claims/${w.deleted}`, { viewer: 404 }),
    api("PATCH", (w) => `/api/v1/claims/${w.article}`, { reviewer: 404 }, { body: () => ({ version: 1, rationale: "Swapped" }) }),
    api("PATCH", (w) => `/api/v1/claims/${w.deleted}`, { editor: 404 }, { body: (_, f) => ({ version: f.version, rationale: "Swapped" }), fresh: async (w) => ({ version: await claimVersion(w.deleted) }) }),
    api("PATCH", (w) => `/api/v1/claims/${w.unknown}`, { reviewer: 404 }, { body: () => ({ version: 1, rationale: "Swapped" }) }),
    api("DELETE", (w) => `/api/v1/claims/${w.article}`, { editor: 404 }),
    api("DELETE", (w) => `/api/v1/claims/${w.source}`, { editor: 404 }),
    api("DELETE", (w) => `/api/v1/claims/${w.deleted}`, { editor: 404 }),
    // Alice may delete her own claims, not Bob's.
    api("DELETE", (w) => `/api/v1/claims/${w.bobClaim}`, { reviewer: 403 }),
    api("POST", (w) => `/api/v1/claims/${w.article}/restore`, { editor: 404 }),
    api("POST", (w) => `/api/v1/claims/${w.source}/restore`, { editor: 404 }),
    api("POST", (w) => `/api/v1/claims/${w.article}/sources`, { reviewer: 404 }, { body: () => ({ url: "https://example.org/swapped", stance: "supports" }) }),
    api("POST", (w) => `/api/v1/claims/${w.deleted}/sources`, { reviewer: 404 }, { body: () => ({ url: "https://example.org/swapped", stance: "supports" }) }),
    api("PATCH", (w) => `/api/v1/sources/${w.claim}`, { reviewer: 404 }, { body: () => ({ title: "Swapped" }) }),
    api("PATCH", (w) => `/api/v1/sources/${w.deletedSource}`, { reviewer: 404 }, { body: () => ({ title: "Swapped" }) }),
    api("DELETE", (w) => `/api/v1/sources/${w.claim}`, { editor: 404 }),
    api("DELETE", (w) => `/api/v1/sources/${w.deletedSource}`, { editor: 404 }),
    api("DELETE", (w) => `/api/v1/sources/${w.unknown}`, { editor: 404 }),

    action("updateArticleAction", (w) => `/articles/${w.article}/edit`, (w) => [w.claim, { title: "Swapped" }], { editor: notFound }, { label: "updateArticleAction({claim})" }),
    action("createClaimAction", (w) => `/articles/${w.article}`, (w) => [w.claim, { exact: CLAIM_QUOTE }], { reviewer: notFound }, { label: "createClaimAction({claim})" }),
    action("updateClaimAction", (w) => `/articles/${w.article}`, (w) => [w.article, { version: 1, note: "Swapped" }], { reviewer: notFound }, { label: "updateClaimAction({article})" }),
    action("updateClaimAction", (w) => `/articles/${w.article}`, (w, f) => [w.deleted, { version: f.version, note: "Swapped" }], { editor: notFound }, {
      label: "updateClaimAction({deleted})",
      fresh: async (w) => ({ version: await claimVersion(w.deleted) }),
    }),
    action("deleteClaimAction", (w) => `/articles/${w.article}`, (w) => [w.article], { editor: notFound }, { label: "deleteClaimAction({article})" }),
    action("deleteClaimAction", (w) => `/articles/${w.article}`, (w) => [w.source], { editor: notFound }, { label: "deleteClaimAction({source})" }),
    action("deleteClaimAction", (w) => `/articles/${w.article}`, (w) => [w.unknown], { editor: notFound }, { label: "deleteClaimAction({unknown})" }),
    action("deleteClaimAction", (w) => `/articles/${w.article}`, (w) => [w.bobClaim], { reviewer: forbidden }, { label: "deleteClaimAction({Bob's claim}) by Alice" }),
    action("restoreClaimAction", (w) => `/articles/${w.article}`, (w) => [w.article], { editor: notFound }, { label: "restoreClaimAction({article})" }),
    action("addSourceAction", (w) => `/articles/${w.article}`, (w) => [w.article, { url: "https://example.org/swapped", stance: "supports" }], { reviewer: notFound }, { label: "addSourceAction({article})" }),
    action("addSourceAction", (w) => `/articles/${w.article}`, (w) => [w.deleted, { url: "https://example.org/swapped", stance: "supports" }], { reviewer: notFound }, { label: "addSourceAction({deleted})" }),
    action("updateSourceAction", (w) => `/articles/${w.article}`, (w) => [w.bobClaim, w.source, { title: "Swapped" }], { editor: notFound }, { label: "updateSourceAction({Bob's claim}, {source of Alice's claim})" }),
    action("updateSourceAction", (w) => `/articles/${w.article}`, (w) => [w.claim, w.claim, { title: "Swapped" }], { reviewer: notFound }, { label: "updateSourceAction({claim}, {claim})" }),
    action("updateSourceAction", (w) => `/articles/${w.article}`, (w) => [w.deleted, w.deletedSource, { title: "Swapped" }], { reviewer: notFound }, { label: "updateSourceAction({deleted}, {its source})" }),
    action("removeSourceAction", (w) => `/articles/${w.article}`, (w) => [w.bobClaim, w.source], { editor: notFound }, { label: "removeSourceAction({Bob's claim}, {source of Alice's claim})" }),
    action("removeSourceAction", (w) => `/articles/${w.article}`, (w) => [w.claim, w.bobClaim], { reviewer: notFound }, { label: "removeSourceAction({claim}, {Bob's claim})" }),
    action("removeSourceAction", (w) => `/articles/${w.article}`, (w) => [w.deleted, w.deletedSource], { editor: notFound }, { label: "removeSourceAction({deleted}, {its source})" }),
    action("claimHistoryAction", (w) => `/articles/${w.article}`, (w) => [w.article], { viewer: notFound }, { write: false, label: "claimHistoryAction({article})" }),
    action("setUserDisabledAction", () => "/admin/users", () => ["no-such-user@example.com", true], { admin: notFound }, { label: "setUserDisabledAction({unknown email})" }),
    action("setUserRoleAction", () => "/admin/users", () => ["no-such-user@example.com", "viewer"], { admin: notFound }, { label: "setUserRoleAction({unknown email})" }),

    api("GET", (w) => `/api/v1/articles/${w.claim}/assignments`, { viewer: 404 }),
    api("POST", (w) => `/api/v1/articles/${w.claim}/assignments`, { editor: 404 }, { body: (w) => ({ userIds: [w.alice] }) }),
    api("POST", (w) => `/api/v1/articles/${w.article}/assignments`, { editor: 400 }, { body: (w) => ({ userIds: [w.alice], claimIds: [w.bobClaim] }), name: "POST /api/v1/articles/{article}/assignments {Bob's claim on another article}" }),
    api("DELETE", (w) => `/api/v1/assignments/${w.claim}`, { editor: 404 }),
    api("GET", (w) => `/api/v1/queue?user=${w.article}`, { editor: 404 }),
    api("PUT", (w) => `/api/v1/claims/${w.reviewed}/assessment`, { reviewer: 404 }, { body: () => ({ verdict: "true", rationale: "Swapped" }) }),
    api("PUT", (w) => `/api/v1/claims/${w.deleted}/assessment`, { reviewer: 404 }, { body: () => ({ verdict: "true", rationale: "Swapped" }) }),
    api("PUT", (w) => `/api/v1/claims/${w.reviewedClaim}/assessment`, { reviewer: 400 }, { body: (w) => ({ verdict: "true", rationale: "", sourceIds: [w.source] }), name: "PUT /api/v1/claims/{reviewedClaim}/assessment {source of another claim}" }),
    api("GET", (w) => `/api/v1/claims/${w.article}/assessments`, { viewer: 404 }),
    api("GET", (w) => `/api/v1/articles/${w.claim}/agreement`, { viewer: 404 }),
    api("GET", (w) => `/api/v1/agreement?articles=${w.article},${w.unknown}`, { viewer: 404 }),
    action("submitAssessmentAction", (w) => `/articles/${w.reviewed}`, (w) => [w.article, { verdict: "true", rationale: "" }], { reviewer: notFound }, { label: "submitAssessmentAction({article})" }),
    api("PUT", (w) => `/api/v1/claims/${w.article}/final`, { editor: 404 }, { body: () => ({ version: 1, verdict: "true", note: "" }) }),
    api("PUT", (w) => `/api/v1/claims/${w.deleted}/final`, { editor: 404 }, { body: () => ({ version: 1, verdict: "true", note: "" }) }),
    api("POST", (w) => `/api/v1/claims/${w.source}/approve`, { editor: 404 }, { body: () => ({ version: 1 }) }),
    // The desk has two editors (and an admin): nobody approves the verdict they gave.
    api("POST", (_, f) => `/api/v1/claims/${f.claim}/approve`, { editor: "403 self_approval" }, {
      body: (_, f) => ({ version: f.version }),
      fresh: (w) => givenClaim(w, setup.editor),
      name: "POST /api/v1/claims/{claim with the editor's own verdict}/approve",
    }),
    action("approveClaimAction", (w) => `/articles/${w.article}`, (_, f) => [f.claim, { version: f.version }], { editor: "self_approval" }, {
      fresh: (w) => givenClaim(w, setup.editor),
      label: "approveClaimAction({claim with the editor's own verdict})",
    }),
    action("removeAssignmentAction", (w) => `/articles/${w.article}`, (w, f) => [w.other, f.assignment], { editor: notFound }, { fresh: async (w) => ({ assignment: await assignment(w) }), label: "removeAssignmentAction({other article}, {assignment})" }),
    action("assignReviewersAction", (w) => `/articles/${w.article}`, (w) => [w.claim, { userIds: [w.alice] }], { editor: notFound }, { label: "assignReviewersAction({claim})" }),
    api("GET", (w) => `/api/v1/claims/${w.article}/comments`, { viewer: 404 }),
    api("POST", (w) => `/api/v1/claims/${w.deleted}/comments`, { reviewer: 404 }, { body: () => ({ body: "Swapped" }) }),
    api("PATCH", (w) => `/api/v1/comments/${w.claim}`, { reviewer: 404 }, { body: () => ({ body: "Swapped" }) }),
    api("DELETE", (w) => `/api/v1/comments/${w.unknown}`, { editor: 404 }),
    // Someone else's comment: Alice deletes only her own; a mention of someone else is not the caller's to mark.
    api("DELETE", (_, f) => `/api/v1/comments/${f.comment}`, { reviewer: 403 }, { fresh: async (w) => ({ comment: await post(setup.bob, `/api/v1/claims/${w.claim}/comments`, { body: `Bob's comment ${next()}` }) }), name: "DELETE /api/v1/comments/{Bob's comment} by Alice" }),
    api("POST", (_, f) => `/api/v1/comments/${f.comment}/read`, { viewer: 404 }, { fresh: aliceComment, name: "POST /api/v1/comments/{comment mentioning nobody}/read" }),
    action("editCommentAction", (w) => `/articles/${w.article}`, (w, f) => [w.bobClaim, f.comment, { body: "Swapped" }], { reviewer: notFound }, { fresh: aliceComment, label: "editCommentAction({Bob's claim}, {Alice's comment})" }),
    action("deleteCommentAction", (w) => `/articles/${w.article}`, (w) => [w.claim, w.claim], { editor: notFound }, { label: "deleteCommentAction({claim}, {claim})" }),
    page((w) => `/articles/${w.claim}`, { anonymous: signIn, viewer: 404 }),
    page((w) => `/articles/${w.claim}/edit`, { anonymous: signIn, editor: 404 }),
    page((w) => `/articles/${w.claim}/activity`, { viewer: 404 }),
    page((w) => `/articles/${w.claim}/report`, { viewer: 404 }),
    page((w) => `/articles/${w.unknown}`, { viewer: 404 }),
  ].map((row) => ({ ...row, swap: true })),
];

// ---- the callers ----

interface Caller {
  name: string;
  /** For the figures: anonymous, a role, disabled user, revoked/expired/malformed/unknown token. */
  kind: string;
  /** Whose column the API's answer follows, and the pages' and actions' (a token is no session there). */
  apiColumn: Column;
  uiColumn: Column;
  /** The context to call with (a session's cookies, or none) and extra headers (a Bearer token). */
  api: APIRequestContext;
  ui: APIRequestContext;
  headers: Record<string, string>;
  /** Pages and server actions are tried by the session callers, the anonymous one and one token. */
  onUi: boolean;
}

test.describe("the role × action matrix @pg", () => {
  test("every route, server action and page answers every kind of caller exactly as the documented rules say, and refused writes change nothing", async ({ playwright, request }) => {
    const started = Date.now();
    const bare = await playwright.request.newContext({ baseURL: ORIGIN });
    const contexts: APIRequestContext[] = [bare];
    const open = async (email: string, password = PASSWORD) => {
      const context = await sessionContext(ORIGIN, email, password);
      contexts.push(context);
      return context;
    };
    const token = (t: string) => ({ Authorization: `Bearer ${t}` });
    let preChecks = 0;
    const works = async (context: APIRequestContext, headers: Record<string, string>, what: string) => {
      expect((await context.get("/api/v1/articles?limit=1", { headers })).status(), what).toBe(200);
      preChecks++;
    };

    // The action ids the build registered: exactly the actions some client component calls.
    const actionFiles = ["app/articles/actions.ts", "app/admin/users/actions.ts", "app/account/actions.ts", "app/tokens/actions.ts", "app/queue/actions.ts"];
    const registered = serverActions().filter((a) => actionFiles.includes(a.file)).map((a) => a.name).sort();
    const exercised = [...new Set(ROWS.filter((r) => r.kind === "action").map((r) => r.name.split("(")[0]!))].sort();
    expect(registered).toEqual(exercised);

    // Sessions of the demo roles (Alice is the reviewer; Bob only writes his claim).
    const [viewerSession, aliceSession, editorSession, adminSession, bob] = await Promise.all(
      [USERS.viewer, USERS.alice, USERS.editor, USERS.admin, USERS.bob].map((u) => open(u.email)),
    );
    const sessions = { viewer: viewerSession!, reviewer: aliceSession!, editor: editorSession!, admin: adminSession! };
    const adminAction = async (name: string, args: unknown[]) =>
      callServerAction(sessions.admin, { actionId: serverActionId(name), pagePath: "/admin/users", args, origin: ORIGIN });
    // Throwaway accounts, made by the admin: an editor to disable after signing in, a viewer whose role and state the admin's actions change.
    const throwaway = async (role: string) => {
      const account = { email: `access-${role}-${randomBytes(4).toString("hex")}@example.com`, name: `Access ${role}`, role, password: `pw-${randomBytes(8).toString("hex")}` };
      expect(await adminAction("createUserAction", [account])).toMatchObject({ kind: "result", result: { ok: true } });
      return account;
    };
    const disabledUser = await throwaway("editor");
    const target = (await throwaway("viewer")).email;
    // Tokens, made by the CLI side by side: each role's, the throwaway editor's, and two of the editor's that stop working.
    // (Each costs seconds of a busy machine: the reviewer role is tried by Alice's session only.)
    const made = Promise.all([USERS.viewer.email, disabledUser.email, USERS.editor.email, USERS.editor.email, target].map(tokenFor));
    const tokens = { editor: apiToken("editor"), admin: apiToken("admin"), viewer: "" };
    const [viewerToken, disabledToken, revoked, expired, targetToken] = await made;
    tokens.viewer = viewerToken!.token;
    const revoking = (async () => {
      await works(bare, token(revoked!.token), "the token before it is revoked");
      await cliAsync(["token", "revoke", "--id", revoked!.id]);
    })();

    // The world: two fresh articles, Alice's claim with a source, Bob's claim on the other article, a deleted claim.
    setup = { alice: { context: sessions.reviewer, headers: { Origin: ORIGIN } }, editor: { context: request, headers: token(tokens.editor) }, bob: { context: bob!, headers: { Origin: ORIGIN } } };
    const article = (await freshArticle(request, "Access matrix")).id;
    const other = (await freshArticle(request, "Access matrix (other)")).id;
    const reviewed = (await freshArticle(request, "Access matrix (independent review)")).id;
    expect((await request.patch(`/api/v1/articles/${reviewed}`, { headers: setup.editor.headers, data: { independentReview: true } })).status()).toBe(200);
    const claim = await post(setup.alice, `/api/v1/articles/${article}/claims`, { exact: CLAIM_QUOTE, statement: "reportedly 2,500" });
    const bobAnswer = await bob!.post(`/api/v1/articles/${other}/claims`, { headers: { Origin: ORIGIN }, data: { exact: CLAIM_QUOTE } });
    expect(bobAnswer.status()).toBe(201);
    const bobClaim = ((await bobAnswer.json()) as { id: string }).id;
    const deletedId = await aliceClaim({ article } as World);
    const deletedSource = await source(deletedId);
    expect((await request.delete(`/api/v1/claims/${deletedId}`, { headers: setup.editor.headers })).status()).toBe(204);
    const articleText = (await query<{ text: string }>(`SELECT "text" FROM "Article" WHERE "id" = $1`, [article]))[0]!.text;
    passages = [];
    for (let at = 0; at + 40 < articleText.length && passages.length < 40; at += 53) {
      const p = articleText.slice(at, at + 40);
      if (!p.includes("\n") && p.trim() === p && articleText.indexOf(p) === articleText.lastIndexOf(p)) passages.push(p);
    }
    expect(passages.length).toBeGreaterThan(20);
    const world: World = { article, claim, source: await source(claim), bobClaim, deleted: deletedId, deletedSource, unknown: randomBytes(16).toString("base64url"), target, targetId: await userId(target), targetToken: targetToken!.id, alice: await userId("alice@example.com"), other, reviewed, reviewedClaim: "" };
    world.reviewedClaim = (await reviewedClaim(world)).claim;

    // The throwaway editor's session and token work, until the admin disables the account.
    const disabledSession = await open(disabledUser.email, disabledUser.password);
    await works(disabledSession, {}, "the session before the user is disabled");
    await works(bare, token(disabledToken!.token), "the token before the user is disabled");
    expect(await adminAction("setUserDisabledAction", [disabledUser.email, true])).toMatchObject({ kind: "result", result: { ok: true } });
    await works(bare, token(expired!.token), "the token before it expires");
    await expireTokenInDatabase(expired!.id);
    await revoking;

    const callers: Caller[] = [
      { name: "anonymous", kind: "anonymous", apiColumn: "anonymous", uiColumn: "anonymous", api: bare, ui: bare, headers: {}, onUi: true },
      ...(["viewer", "reviewer", "editor", "admin"] as const).map(
        (role): Caller => ({ name: `${role} session`, kind: role, apiColumn: role, uiColumn: role, api: sessions[role], ui: sessions[role], headers: {}, onUi: true }),
      ),
      ...(["viewer", "editor", "admin"] as const).map(
        (role): Caller => ({ name: `${role} token`, kind: role, apiColumn: role, uiColumn: "anonymous", api: bare, ui: bare, headers: token(tokens[role]), onUi: role === "editor" }),
      ),
      { name: "disabled user's session", kind: "disabled user", apiColumn: "anonymous", uiColumn: "anonymous", api: disabledSession, ui: disabledSession, headers: {}, onUi: true },
      { name: "disabled user's token", kind: "disabled user", apiColumn: "anonymous", uiColumn: "anonymous", api: bare, ui: bare, headers: token(disabledToken!.token), onUi: false },
      { name: "revoked token", kind: "revoked token", apiColumn: "anonymous", uiColumn: "anonymous", api: bare, ui: bare, headers: token(revoked!.token), onUi: false },
      { name: "expired token", kind: "expired token", apiColumn: "anonymous", uiColumn: "anonymous", api: bare, ui: bare, headers: token(expired!.token), onUi: false },
      { name: "malformed token", kind: "malformed token", apiColumn: "anonymous", uiColumn: "anonymous", api: bare, ui: bare, headers: { Authorization: "Bearer not a token!" }, onUi: false },
      { name: "unknown token", kind: "unknown token", apiColumn: "anonymous", uiColumn: "anonymous", api: bare, ui: bare, headers: token(`fct_${randomBytes(32).toString("base64url")}`), onUi: false },
    ];

    // ---- the one loop ----
    const mismatches: string[] = [];
    let checks = 0;
    let swapChecks = 0;
    let refusedWrites = 0;
    let allowedWrites = 0;
    let last: Fingerprint | null = null;
    for (const row of ROWS) {
      for (const caller of callers) {
        if (row.kind !== "api" && !caller.onUi) continue;
        const column = row.kind === "api" ? caller.apiColumn : caller.uiColumn;
        const expected = row.expect[column];
        // Swap rows name the roles they are tried by: their sessions and tokens, not the broken credentials.
        if (expected === undefined || (row.swap && caller.kind !== column)) continue;
        const fresh = row.fresh ? await row.fresh(world) : {};
        // The state after the last write is the state before this one, unless records were made since.
        if (row.fresh || !row.write) last = null;
        const before: Fingerprint | null = row.write ? (last ?? (await fingerprint())) : null;
        const observed = await row.call(caller, world, fresh);
        const allowed = expected === ok || (typeof expected === "number" && expected < 300);
        const problems: string[] = [];
        if (observed !== expectedText(row, expected)) problems.push(`got ${observed}, expected ${expectedText(row, expected)}`);
        if (before) {
          const after = await fingerprint();
          last = after;
          if (allowed) {
            allowedWrites++;
            const events = row.events ?? 1;
            if (after.auditEvents - before.auditEvents !== events) problems.push(`${after.auditEvents - before.auditEvents} audit events, expected ${events}`);
          } else {
            refusedWrites++;
            for (const table of Object.keys({ ...before.tables, ...after.tables })) {
              if (before.tables[table] !== after.tables[table]) problems.push(`changed ${table}: ${before.tables[table]} → ${after.tables[table]}`);
            }
          }
        }
        checks++;
        if (row.swap) swapChecks++;
        if (problems.length > 0) mismatches.push(`${row.name} as ${caller.name}: ${problems.join("; ")}`);
      }
    }

    // The demo accounts get their names back (renameAccountAction renamed each role's), the same way.
    for (const [role, user] of [["viewer", USERS.viewer], ["reviewer", USERS.alice], ["editor", USERS.editor], ["admin", USERS.admin]] as const) {
      const back = await callServerAction(sessions[role], { actionId: serverActionId("renameAccountAction"), pagePath: "/account", args: [{ name: user.name }], origin: ORIGIN });
      expect(back).toMatchObject({ kind: "result", result: { ok: true } });
    }

    // The audit trail is still one intact chain, and it holds every event the table does.
    const chained = await auditEvents(request);
    expect(chained).toBe((await fingerprint()).auditEvents);
    for (const context of contexts) await context.dispose();

    const matched = checks - mismatches.length;
    const routes = new Set(ROWS.filter((r) => r.kind === "api" && !r.swap).map((r) => r.name)).size;
    const actions = new Set(ROWS.filter((r) => r.kind === "action").map((r) => r.name.split("(")[0]!)).size;
    const pages = ROWS.filter((r) => r.kind === "page" && !r.swap).length;
    const kinds = new Set(callers.map((c) => c.kind)).size;
    recordFigures(
      "access",
      `${matched + preChecks}/${checks + preChecks} checks as expected over ${routes} API routes, ${actions} server actions and ${pages} pages, ${kinds} caller kinds (${callers.length} credentials); ${swapChecks} id swaps; ${refusedWrites} refused writes changed nothing, ${allowedWrites} allowed writes added their audit events`,
      { checks: checks + preChecks, asExpected: matched + preChecks, routes, actions, pages, callerKinds: kinds, credentials: callers.length, idSwaps: swapChecks, refusedWrites, allowedWrites, seconds: Math.round((Date.now() - started) / 1000) },
    );
    expect(mismatches, mismatches.join("\n")).toEqual([]);
  });
});

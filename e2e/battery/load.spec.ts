// Load, on SQLite and PostgreSQL alike (@pg): 20 reviewers, each with an account and an API token of
// their own, make 50 edits each through the REST API on the same 3 claims, all 20 at once (each
// reviewer's edits one after another, as a person or script would), 1,000 requests in all. Each edit
// sends the version that reviewer last saw of the claim (from its last 200, or the `current` of its
// last 409), so most edits race and many are stale. No update may be lost: every answer is 200 or 409
// (no 5xx, no 429), each 200 moved the claim exactly one version on from the version it was sent, no
// two 200s of a claim gave the same version, each claim's final version is its first plus its saved
// edits and it holds the last saved edit's note, each 409's `current` is a version some 200 made (with
// that 200's note), the article's audit trail holds exactly one `claim.updated` event per saved edit
// (each with the version and note that edit saved) and nothing else beyond the article and its claims
// being created, and the whole chain verifies, incrementally through the API and in full with the CLI.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import type { APIRequestContext } from "@playwright/test";
import { DATABASE_URL, PASSWORD, USERS, expect, freshArticle, sessionContext, test, type ApiClaim } from "../fixtures";
import { port } from "../raw-http";
import { recordFigures } from "./figures";
import { callServerAction, serverActionId } from "./server-actions";

const ORIGIN = `http://localhost:${port}`;
const REVIEWERS = 20;
const EDITS = 50;
/** Distinct quotes that each occur once in the sample article. */
const QUOTES = ["reportedly sent a force of about 2,500 soldiers", "Almaty", "Zhanaozen and Aktau"];

interface Edit {
  reviewer: number;
  edit: number;
  claim: number;
  sentVersion: number;
  note: string;
  status: number;
  /** A 200's claim version and note. */
  version?: number;
  savedNote?: string;
  /** A 409's `current` claim. */
  current?: { version: number; note: string };
  errorCode?: string;
  body?: string;
}

interface AuditItem {
  seq: number;
  action: string;
  entity: { type: string; id: string };
  before: { version?: number; note?: string } | null;
  after: { version?: number; note?: string } | null;
}

/** The admin CLI's exit code and output, without throwing on a failing exit (a broken chain exits 1). */
function cliRun(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile("node_modules/.bin/tsx", ["scripts/cli.ts", ...args], { env: { ...process.env, DATABASE_URL }, encoding: "utf8" }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** Every audit event of an article, page by page. */
async function articleAudit(request: APIRequestContext, token: string, articleId: string): Promise<{ items: AuditItem[]; hidden: number }> {
  const items: AuditItem[] = [];
  let hidden = 0;
  let cursor: string | null = "";
  while (cursor !== null) {
    const response = await request.get(`/api/v1/articles/${articleId}/audit?limit=500${cursor ? `&cursor=${cursor}` : ""}`, { headers: { Authorization: `Bearer ${token}` } });
    expect(response.status(), await response.text()).toBe(200);
    const page = (await response.json()) as { items: AuditItem[]; nextCursor: string | null; hidden: number };
    items.push(...page.items);
    hidden += page.hidden;
    cursor = page.nextCursor;
  }
  return { items, hidden };
}

test.describe("load @pg", () => {
  test("20 reviewers × 50 concurrent edits on 3 claims: only 200 or 409, no lost update, one audit event per saved edit, the chain verifies", async ({ request }) => {
    test.setTimeout(300_000);
    const setupStarted = Date.now();

    // 20 reviewer accounts made by the admin (the admin page's action: the CLI costs seconds a run),
    // each signing in and making its own API token on the Tokens page.
    const admin = await sessionContext(ORIGIN, USERS.admin.email, PASSWORD);
    const run = randomBytes(3).toString("hex");
    const accounts = Array.from({ length: REVIEWERS }, (_, r) => ({
      email: `load-${run}-r${String(r).padStart(2, "0")}@example.com`,
      name: `Load reviewer ${r}`,
      role: "reviewer",
      password: `pw-${randomBytes(8).toString("hex")}`,
    }));
    const createUser = serverActionId("createUserAction");
    const createToken = serverActionId("createTokenAction");
    const tokens = await Promise.all(
      accounts.map(async (account) => {
        const made = await callServerAction(admin, { actionId: createUser, pagePath: "/admin/users", args: [account], origin: ORIGIN });
        expect(made, account.email).toMatchObject({ kind: "result", result: { ok: true } });
        const session = await sessionContext(ORIGIN, account.email, account.password);
        try {
          const answer = await callServerAction(session, { actionId: createToken, pagePath: "/tokens", args: [{ name: "load test", days: 1 }], origin: ORIGIN });
          expect(answer, account.email).toMatchObject({ kind: "result", result: { ok: true } });
          const token = (answer as { result: { data: { token: string } } }).result.data.token;
          expect(token).toMatch(/^fct_/);
          return token;
        } finally {
          await session.dispose();
        }
      }),
    );
    await admin.dispose();
    const auth = (r: number) => ({ Authorization: `Bearer ${tokens[r]!}` });

    // A fresh article with 3 claims, marked by the first reviewer.
    const article = await freshArticle(request, `Load ${run}`);
    const claims: ApiClaim[] = [];
    for (const exact of QUOTES) {
      const response = await request.post(`/api/v1/articles/${article.id}/claims`, { headers: auth(0), data: { exact } });
      expect(response.status(), await response.text()).toBe(201);
      claims.push((await response.json()) as ApiClaim);
    }
    const firstVersion = claims.map((c) => c.version);
    expect(firstVersion).toEqual([1, 1, 1]);
    const setupSeconds = (Date.now() - setupStarted) / 1000;

    // The load: 20 reviewers at once, each one edit after another; reviewer r's edit e goes to claim (r + e) mod 3.
    const edits: Edit[] = [];
    const started = Date.now();
    await Promise.all(
      Array.from({ length: REVIEWERS }, async (_, r) => {
        const seen = [...firstVersion];
        for (let e = 0; e < EDITS; e++) {
          const k = (r + e) % claims.length;
          const note = `r${String(r).padStart(2, "0")}-e${String(e).padStart(2, "0")}`;
          const edit: Edit = { reviewer: r, edit: e, claim: k, sentVersion: seen[k]!, note, status: 0 };
          edits.push(edit);
          try {
            const response = await request.patch(`/api/v1/claims/${claims[k]!.id}`, { headers: auth(r), data: { version: seen[k], note }, timeout: 120_000 });
            edit.status = response.status();
            const text = await response.text();
            const body = JSON.parse(text || "null") as (ApiClaim & { error?: { code: string }; current?: ApiClaim }) | null;
            if (edit.status === 200 && body) {
              edit.version = body.version;
              edit.savedNote = body.note;
              seen[k] = body.version;
            } else if (edit.status === 409 && body?.current) {
              edit.errorCode = body.error?.code;
              edit.current = { version: body.current.version, note: body.current.note };
              seen[k] = body.current.version;
            } else {
              edit.errorCode = body?.error?.code;
              edit.body = text.slice(0, 500);
            }
          } catch (error) {
            edit.body = `request failed: ${(error as Error).message.slice(0, 300)}`;
          }
        }
      }),
    );
    const seconds = (Date.now() - started) / 1000;

    // What the answers say, per claim.
    const problems: string[] = [];
    const saved = edits.filter((e) => e.status === 200);
    const conflicts = edits.filter((e) => e.status === 409);
    const errors = edits.filter((e) => e.status !== 200 && e.status !== 409);
    const statuses = new Map<number, number>();
    for (const e of edits) statuses.set(e.status, (statuses.get(e.status) ?? 0) + 1);
    for (const e of errors.slice(0, 10)) problems.push(`r${e.reviewer} edit ${e.edit} on claim ${e.claim}: ${e.status} ${e.errorCode ?? ""} ${e.body ?? ""}`);
    if (errors.length > 10) problems.push(`… and ${errors.length - 10} more answers neither 200 nor 409`);
    for (const e of saved) {
      if (e.version !== e.sentVersion + 1) problems.push(`r${e.reviewer} edit ${e.edit}: saved on version ${e.sentVersion} but answered version ${e.version}`);
      if (e.savedNote !== e.note) problems.push(`r${e.reviewer} edit ${e.edit}: saved note ${JSON.stringify(e.savedNote)}, sent ${e.note}`);
    }
    for (const e of conflicts) {
      if (e.errorCode !== "conflict") problems.push(`r${e.reviewer} edit ${e.edit}: 409 with code ${e.errorCode}`);
      if (!e.current) problems.push(`r${e.reviewer} edit ${e.edit}: 409 without current`);
      else if (e.current.version === e.sentVersion) problems.push(`r${e.reviewer} edit ${e.edit}: 409 although version ${e.sentVersion} was current`);
    }

    const token0 = tokens[0]!;
    const perClaim = [];
    for (let k = 0; k < claims.length; k++) {
      const claimSaved = saved.filter((e) => e.claim === k);
      const claimConflicts = conflicts.filter((e) => e.claim === k);
      // Each saved edit made its own version: a version answered twice is an update overwritten.
      const byVersion = new Map<number, Edit>();
      for (const e of claimSaved) {
        const twice = byVersion.get(e.version!);
        if (twice) problems.push(`claim ${k}: version ${e.version} answered to both ${twice.note} and ${e.note} (a lost update)`);
        byVersion.set(e.version!, e);
      }
      const versions = [...byVersion.keys()].sort((a, b) => a - b);
      const expectedVersions = Array.from({ length: claimSaved.length }, (_, i) => firstVersion[k]! + 1 + i);
      if (JSON.stringify(versions) !== JSON.stringify(expectedVersions)) problems.push(`claim ${k}: saved versions ${versions.join(",")} are not ${firstVersion[k]! + 1}..${firstVersion[k]! + claimSaved.length}`);
      const noteAt = (version: number) => (version === firstVersion[k] ? "" : byVersion.get(version)?.note);
      for (const e of claimConflicts) {
        if (e.current && e.current.note !== noteAt(e.current.version)) {
          problems.push(`claim ${k}: a 409 showed version ${e.current.version} with note ${JSON.stringify(e.current.note)}, which no saved edit made`);
        }
      }

      // The claim as stored: its first version plus its saved edits, with the last saved edit's note.
      const response = await request.get(`/api/v1/claims/${claims[k]!.id}`, { headers: auth(0) });
      expect(response.status()).toBe(200);
      const final = (await response.json()) as ApiClaim;
      const last = claimSaved.reduce<Edit | undefined>((best, e) => (!best || e.version! > best.version! ? e : best), undefined);
      if (final.version !== firstVersion[k]! + claimSaved.length) problems.push(`claim ${k}: final version ${final.version}, but ${firstVersion[k]} + ${claimSaved.length} saved edits`);
      if (final.note !== (last?.note ?? "")) problems.push(`claim ${k}: final note ${JSON.stringify(final.note)}, the last saved edit's is ${last?.note}`);
      perClaim.push({ k, id: claims[k]!.id, saved: claimSaved, conflicts: claimConflicts.length, byVersion, final });
    }

    // The audit trail: the article and its 3 claims created, then one claim.updated per saved edit,
    // each with the version and note that edit saved.
    const audit = await articleAudit(request, token0, article.id);
    const actions = new Map<string, number>();
    for (const item of audit.items) actions.set(item.action, (actions.get(item.action) ?? 0) + 1);
    console.log(`load: the article's audit actions: ${[...actions].map(([a, n]) => `${a} ×${n}`).join(", ")}`);
    if (audit.hidden !== 0) problems.push(`${audit.hidden} audit events hidden`);
    const expectedActions = new Map([["article.created", 1], ["claim.created", claims.length], ["claim.updated", saved.length]]);
    for (const action of new Set([...actions.keys(), ...expectedActions.keys()])) {
      if ((actions.get(action) ?? 0) !== (expectedActions.get(action) ?? 0)) {
        problems.push(`audit: ${actions.get(action) ?? 0} ${action} events, expected ${expectedActions.get(action) ?? 0}`);
      }
    }
    if (audit.items.length !== 1 + claims.length + saved.length) problems.push(`audit: ${audit.items.length} events on the article, expected ${1 + claims.length + saved.length}`);
    const seqs = audit.items.map((i) => i.seq);
    if (seqs.some((s, i) => i > 0 && s <= seqs[i - 1]!)) problems.push("audit: events not in ascending seq order");
    let auditUpdates = 0;
    for (const c of perClaim) {
      const updates = audit.items.filter((i) => i.action === "claim.updated" && i.entity.type === "claim" && i.entity.id === c.id);
      auditUpdates += updates.length;
      if (updates.length !== c.saved.length) problems.push(`claim ${c.k}: ${updates.length} claim.updated events for ${c.saved.length} saved edits`);
      updates.forEach((event, i) => {
        const version = firstVersion[c.k]! + 1 + i;
        const edit = c.byVersion.get(version);
        if (event.before?.version !== version - 1 || event.after?.version !== version || event.after?.note !== edit?.note) {
          problems.push(
            `claim ${c.k}: update event seq ${event.seq} went ${event.before?.version}→${event.after?.version} with note ${JSON.stringify(event.after?.note)}; expected ${version - 1}→${version} with ${edit?.note}`,
          );
        }
      });
    }

    // The whole chain: the API's incremental check and the CLI's full recomputation, agreeing.
    const verifyResponse = await request.get("/api/v1/audit/verify", { headers: auth(0) });
    const verify = (await verifyResponse.json()) as { ok: boolean; events: number; head?: string; reason?: string };
    if (verifyResponse.status() !== 200 || !verify.ok) problems.push(`GET /api/v1/audit/verify: ${verifyResponse.status()} ${JSON.stringify(verify)}`);
    const cliVerify = await cliRun(["audit", "verify"]);
    const cliOk = /^ok: (\d+) events, head ([0-9a-f]{64})$/m.exec(cliVerify.stdout);
    if (cliVerify.code !== 0 || !cliOk) problems.push(`cli audit verify exited ${cliVerify.code}: ${cliVerify.stdout.trim()} ${cliVerify.stderr.trim()}`);
    else if (Number(cliOk[1]) !== verify.events || cliOk[2] !== verify.head) problems.push(`cli audit verify (${cliOk[1]} events, head ${cliOk[2]}) disagrees with the API (${verify.events}, head ${verify.head})`);

    const rate = edits.length / seconds;
    const verified = problems.length === 0;
    recordFigures(
      "load",
      `${edits.length} edits by ${REVIEWERS} reviewers on ${claims.length} claims in ${seconds.toFixed(1)} s (${rate.toFixed(0)}/s): ${saved.length} saved, ${conflicts.length} conflicts, ${errors.length} errors; ` +
        (verified ? "versions, audit events and chain verified" : `${problems.length} problems`),
      {
        requests: edits.length,
        reviewers: REVIEWERS,
        claims: claims.length,
        saved: saved.length,
        conflicts: conflicts.length,
        errors: errors.length,
        seconds: Number(seconds.toFixed(1)),
        requestsPerSecond: Number(rate.toFixed(1)),
        setupSeconds: Number(setupSeconds.toFixed(1)),
        savedPerClaim: perClaim.map((c) => c.saved.length).join("/"),
        auditUpdates,
        chainEvents: verify.events,
        chainVerified: verify.ok && cliOk !== null && cliVerify.code === 0,
      },
    );
    console.log(`load: statuses ${[...statuses].map(([s, n]) => `${s} ×${n}`).join(", ")}; setup ${setupSeconds.toFixed(1)} s`);

    expect(problems, problems.slice(0, 30).join("\n")).toEqual([]);
    expect(edits).toHaveLength(REVIEWERS * EDITS);
    expect(errors).toHaveLength(0);
    expect(saved.length + conflicts.length).toBe(REVIEWERS * EDITS);
    // Racing on 3 claims, some edits must win and some must lose; otherwise nothing was contended.
    for (const c of perClaim) {
      expect(c.saved.length, `claim ${c.k} saved edits`).toBeGreaterThan(0);
      expect(c.final.version).toBe(firstVersion[c.k]! + c.saved.length);
    }
    expect(conflicts.length).toBeGreaterThan(0);
    expect(auditUpdates).toBe(saved.length);
    expect(verify.ok).toBe(true);
    expect(cliVerify.code).toBe(0);
  });
});

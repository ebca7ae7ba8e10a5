// Generated malformed payloads against every write: each REST write endpoint and the claim and source
// server actions get hundreds of bodies made with fast-check from a valid body plus one mutation the
// documented schema refuses (wrong types, missing or unknown fields, enum values, numbers out of range,
// over-long text, NUL and lone surrogates, non-http(s) links, impossible dates, "__proto__" keys, deep
// nesting, broken JSON, other content types, bodies over the size limit). Every answer must be the
// documented refusal (a 4xx with the error JSON, or {ok: false, error} from an action), and nothing may
// be written: no row, no audit event, the target rows' version and updatedAt unchanged.
// Replay a run with MALFORMED_SEED=<the seed it printed>.
import fc from "fast-check";
import { CLAIM_QUOTE, PASSWORD, USERS, apiClaim, apiGetClaim, bearer, expect, freshArticle, test, type DemoUser } from "../fixtures";
import { CLAIM_STATUSES, SOURCE_STANCES, VERDICT_IDS } from "../../lib/core/claim";
import { ArticleCreateSchema, ArticleUpdateSchema } from "../../lib/validation/article";
import { ClaimCreateSchema, ClaimUpdateSchema } from "../../lib/validation/claim";
import { SourceCreateSchema, SourceUpdateSchema } from "../../lib/validation/source";
import { query, rowCounts, type Table } from "./db";
import { recordFigures } from "./figures";
import {
  encodeRawActionArgs,
  malformedImports,
  malformedPayloads,
  malformedValues,
  toJsonText,
  type EndpointSpec,
  type Expected,
  type MalformedValue,
  type Payload,
} from "./malformed-helpers";
import { callServerAction, serverActionId } from "./server-actions";

const SEED = Number(process.env.MALFORMED_SEED ?? Math.floor(Math.random() * 2 ** 31));
const PER_ENDPOINT = 300;
const PER_ACTION = 150;
const CONCURRENCY = 4;
const MAX_BODY = 1_000_000;
const MAX_IMPORT = 10_000_000;
/**
 * What React's reply format, which carries a server action's arguments, does to a body before the
 * action sees it: it drops "__proto__" keys, and its decoder recurses, so nesting thousands deep ends
 * in a stack overflow (a 500) before any app code runs. Nesting stays within 1,000 levels here.
 */
const ACTION_TRANSPORT = { maxDepth: 1_000, dropsProtoKey: true };

/** Runs `work` over `items`, at most `limit` at a time. */
async function inPool<T>(items: T[], limit: number, work: (item: T, index: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const index = next++;
        await work(items[index]!, index);
      }
    }),
  );
}

const clip = (text: string, n = 300) => (text.length > n ? `${text.slice(0, n)}… (${text.length} chars)` : text);

/** The rows the writes aim at: what a refused write must leave as it was. */
async function targetRows(ids: { article: string; claim: string; source: string }) {
  const [article] = await query(`SELECT "version", "updatedAt", "text", "title" FROM "Article" WHERE "id" = $1`, [ids.article]);
  const [claim] = await query(`SELECT "version", "updatedAt", "statement", "status", "verdict", "rationale", "note" FROM "Claim" WHERE "id" = $1`, [ids.claim]);
  const [source] = await query(`SELECT "updatedAt", "url", "title", "stance" FROM "Source" WHERE "id" = $1`, [ids.source]);
  return JSON.stringify({ article, claim, source });
}

function added(before: Record<Table, number>, after: Record<Table, number>) {
  return Object.fromEntries(Object.keys(after).map((t) => [t, after[t as Table] - before[t as Table]])) as Record<Table, number>;
}

test.describe("malformed payloads @pg", () => {
  test("every write endpoint and the claim and source server actions refuse generated malformed payloads and write nothing", async ({
    page,
    request,
    baseURL,
  }) => {
    test.setTimeout(600_000);
    console.log(`malformed: fast-check seed ${SEED} (replay with MALFORMED_SEED=${SEED})`);
    const origin = baseURL!;
    // The tokens first (each one a CLI run of several seconds), so no request waits on one mid-way.
    bearer("editor");
    bearer("alice");
    // Alice's session for the server actions, through the sign-in form (password hashing is slow on a busy machine).
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(USERS.alice.email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("heading", { name: "Articles" })).toBeVisible({ timeout: 30_000 });
    expect((await page.context().cookies()).map((c) => c.name).join(" ")).toContain("session-token");

    // A fresh article with one claim (Alice's) and one source to aim the writes at.
    const article = await freshArticle(request);
    const claim = await apiClaim(request, "alice", article.id, { exact: CLAIM_QUOTE });
    const sourceResponse = await request.post(`/api/v1/claims/${claim.id}/sources`, {
      headers: bearer("alice"),
      data: { url: "https://example.org/report", stance: "supports" },
    });
    expect(sourceResponse.status()).toBe(201);
    const source = (await sourceResponse.json()) as { id: string };
    const articleVersion = ((await (await request.get(`/api/v1/articles/${article.id}`, { headers: bearer("editor") })).json()) as { version: number }).version;
    const claimVersion = (await apiGetClaim(request, claim.id)).version;
    const ids = { article: article.id, claim: claim.id, source: source.id };
    const readArticle = async () => (await fetch(new URL(`/api/v1/articles/${ids.article}`, origin), { headers: bearer("editor") })).text();

    // The documented bodies (lib/validation), each with a valid base.
    const text = (max: number, more: object = {}) => ({ kind: "text" as const, max, ...more });
    const articleCreate: EndpointSpec = {
      base: { title: "Malformed probe", text: "A short article text.", publisher: "Probe Press", url: "https://example.org/a", publishedOn: "2024-01-02" },
      fields: {
        title: text(300, { required: true, blank: ["", " ", "\t\n", "\u00a0", "\u2003 "] }),
        text: text(200_000, { required: true, blank: ["", "  ", "\n\n", "\u3000"] }),
        publisher: text(200, { nullable: true }),
        url: { kind: "url", nullable: true },
        publishedOn: { kind: "date", nullable: true },
      },
    };
    const articleUpdate: EndpointSpec = {
      base: { version: articleVersion, title: "Edited by a malformed probe" },
      fields: {
        version: { kind: "int", min: 1, version: { current: articleVersion } },
        // May be left out of an update, but not blank when given.
        title: text(300, { blank: ["", " ", "\t"] }),
        text: text(200_000, { blank: ["", " \n"] }),
        publisher: text(200, { nullable: true }),
        url: { kind: "url", nullable: true },
        publishedOn: { kind: "date", nullable: true },
      },
    };
    const claimCreate: EndpointSpec = {
      base: { exact: CLAIM_QUOTE, statement: "A probe statement" },
      fields: {
        exact: text(5000, { required: true, blank: [""] }),
        prefix: text(500),
        suffix: text(500),
        start: { kind: "int", min: 0 },
        end: { kind: "int", min: 1 },
        statement: text(1000, { nullable: true }),
      },
    };
    const claimUpdate: EndpointSpec = {
      base: { version: claimVersion, rationale: "A probe rationale", verdict: "false", status: "verdict_given" },
      fields: {
        version: { kind: "int", min: 1, required: true, version: { current: claimVersion } },
        statement: text(1000, { nullable: true }),
        status: { kind: "enum", values: CLAIM_STATUSES },
        verdict: { kind: "enum", values: VERDICT_IDS, nullable: true },
        rationale: text(20_000),
        note: text(20_000),
      },
    };
    const sourceFields = {
      url: { kind: "url", required: true },
      stance: { kind: "enum", values: SOURCE_STANCES, required: true },
      title: text(500),
      publisher: text(200),
      quote: text(5000),
      archivedUrl: { kind: "url", nullable: true },
      accessedOn: { kind: "date", nullable: true },
    } as const;
    const sourceCreate: EndpointSpec = {
      base: { url: "https://example.org/probe", stance: "contradicts", title: "Probe", archivedUrl: "https://archive.example.org/p", accessedOn: "2024-03-04" },
      fields: sourceFields,
    };
    const sourceUpdate: EndpointSpec = {
      base: { title: "Edited probe source", stance: "context" },
      fields: { ...sourceFields, url: { kind: "url" }, stance: { kind: "enum", values: SOURCE_STANCES } },
    };
    const annotation = {
      type: "Annotation",
      target: { source: "https://example.org/a", selector: { type: "TextQuoteSelector", exact: CLAIM_QUOTE } },
      body: [{ type: "TextualBody", purpose: "assessing", value: "false" }],
    };

    // Each payload is one mutation away from a valid body: the bases pass the app's own schemas.
    for (const [schema, spec] of [
      [ArticleCreateSchema, articleCreate],
      [ArticleUpdateSchema, articleUpdate],
      [ClaimCreateSchema, claimCreate],
      [ClaimUpdateSchema, claimUpdate],
      [SourceCreateSchema, sourceCreate],
      [SourceUpdateSchema, sourceUpdate],
    ] as const) {
      expect(schema.safeParse(spec.base).success, JSON.stringify(spec.base)).toBe(true);
    }

    interface Endpoint {
      name: string;
      method: "POST" | "PATCH";
      path: string;
      user: DemoUser;
      payloads: fc.Arbitrary<Payload>;
      /** A valid body, padded past the size limit for the two 413 payloads. */
      oversize: { limit: number; field: string; base: Record<string, unknown> };
    }
    const endpoints: Endpoint[] = [
      { name: "POST /api/v1/articles", method: "POST", path: "/api/v1/articles", user: "editor", payloads: malformedPayloads(articleCreate), oversize: { limit: MAX_BODY, field: "text", base: articleCreate.base } },
      { name: "PATCH /api/v1/articles/{id}", method: "PATCH", path: `/api/v1/articles/${ids.article}`, user: "editor", payloads: malformedPayloads(articleUpdate), oversize: { limit: MAX_BODY, field: "title", base: articleUpdate.base } },
      { name: "POST /api/v1/articles/{id}/claims", method: "POST", path: `/api/v1/articles/${ids.article}/claims`, user: "alice", payloads: malformedPayloads(claimCreate), oversize: { limit: MAX_BODY, field: "statement", base: claimCreate.base } },
      { name: "PATCH /api/v1/claims/{id}", method: "PATCH", path: `/api/v1/claims/${ids.claim}`, user: "alice", payloads: malformedPayloads(claimUpdate), oversize: { limit: MAX_BODY, field: "note", base: claimUpdate.base } },
      { name: "POST /api/v1/claims/{id}/sources", method: "POST", path: `/api/v1/claims/${ids.claim}/sources`, user: "alice", payloads: malformedPayloads(sourceCreate), oversize: { limit: MAX_BODY, field: "quote", base: sourceCreate.base } },
      { name: "PATCH /api/v1/sources/{id}", method: "PATCH", path: `/api/v1/sources/${ids.source}`, user: "alice", payloads: malformedPayloads(sourceUpdate), oversize: { limit: MAX_BODY, field: "quote", base: sourceUpdate.base } },
      { name: "POST /api/v1/articles/{id}/annotations/import", method: "POST", path: `/api/v1/articles/${ids.article}/annotations/import`, user: "editor", payloads: malformedImports(annotation), oversize: { limit: MAX_IMPORT, field: "padding", base: { type: "AnnotationCollection", items: [annotation] } } },
    ];

    const histogram: Record<string, number> = {};
    const perEndpoint: Record<string, number> = {};
    const failures: string[] = [];
    const totalAdded: Record<string, number> = {};
    const sumAdded = (delta: Record<Table, number>) => {
      for (const [t, n] of Object.entries(delta)) totalAdded[t] = (totalAdded[t] ?? 0) + n;
    };

    // The counterexamples, with the seed to replay them.
    const expectNoFailures = () =>
      expect(failures, `${failures.length} payloads not refused as documented (MALFORMED_SEED=${SEED}):\n${failures.slice(0, 10).join("\n")}`).toEqual([]);

    const check = (where: string, what: string, sent: string, expected: Expected, status: number, contentType: string, body: string) => {
      histogram[status] = (histogram[status] ?? 0) + 1;
      let code: unknown;
      let message: unknown;
      try {
        const parsed = JSON.parse(body) as { error?: { code?: unknown; message?: unknown } };
        code = parsed.error?.code;
        message = parsed.error?.message;
      } catch {
        // not JSON: reported below
      }
      if (status !== expected.status || code !== expected.code || !contentType.startsWith("application/json") || typeof message !== "string" || !message) {
        failures.push(
          `${where} [${what}] expected ${expected.status} ${expected.code}, got ${status} ${contentType} ${clip(body, 200)}\n  payload: ${clip(JSON.stringify(sent))}`,
        );
      }
    };

    const send = async (endpoint: Endpoint, payload: { body: string | ReadableStream<Uint8Array>; contentType: string | null }) => {
      const headers: Record<string, string> = { ...bearer(endpoint.user) };
      if (payload.contentType !== null) headers["content-type"] = payload.contentType;
      const body = typeof payload.body === "string" && payload.contentType === null ? new TextEncoder().encode(payload.body) : payload.body;
      const response = await fetch(new URL(endpoint.path, origin), { method: endpoint.method, headers, body, ...(typeof body === "object" && "getReader" in body ? { duplex: "half" } : {}) });
      return { status: response.status, contentType: response.headers.get("content-type") ?? "", text: await response.text() };
    };

    const beforeAll = await targetRows(ids);
    const articleBefore = await readArticle();

    for (const [index, endpoint] of endpoints.entries()) {
      const payloads = fc.sample(endpoint.payloads, { seed: SEED + index, numRuns: PER_ENDPOINT });
      const counts = await rowCounts();
      const targets = await targetRows(ids);
      await inPool(payloads, CONCURRENCY, async (payload, i) => {
        const answer = await send(endpoint, payload);
        check(`${endpoint.name} #${i} (seed ${SEED + index})`, payload.what, payload.body, payload.expected, answer.status, answer.contentType, answer.text);
      });
      // Over the size limit: once with the length declared, once streamed without one.
      const padded = toJsonText({ ...endpoint.oversize.base, [endpoint.oversize.field]: "a".repeat(endpoint.oversize.limit + 1) });
      const tooLarge: Expected = { status: 413, code: "payload_too_large" };
      const declared = await send(endpoint, { body: padded, contentType: "application/json" });
      check(`${endpoint.name} over the limit`, "declared length", padded.slice(0, 80), tooLarge, declared.status, declared.contentType, declared.text);
      const chunk = new TextEncoder().encode(padded);
      const streamed = await send(endpoint, {
        body: new ReadableStream<Uint8Array>({
          start(controller) {
            for (let at = 0; at < chunk.length; at += 65_536) controller.enqueue(chunk.subarray(at, at + 65_536));
            controller.close();
          },
        }),
        contentType: "application/json",
      });
      check(`${endpoint.name} over the limit`, "streamed without a length", padded.slice(0, 80), tooLarge, streamed.status, streamed.contentType, streamed.text);
      perEndpoint[endpoint.name] = payloads.length + 2;

      expectNoFailures();
      const delta = added(counts, await rowCounts());
      sumAdded(delta);
      expect(delta, `rows added by ${endpoint.name}`).toEqual(Object.fromEntries(Object.keys(delta).map((t) => [t, 0])));
      expect(await targetRows(ids), `target rows after ${endpoint.name}`).toBe(targets);
    }

    // The same bodies through the server actions of the article page, as Alice signed in.
    const badIds = fc.constantFrom<unknown>(null, 1, {}, [], "", "../../admin", "a b", "x".repeat(65), "$1", ids.claim + "\u0000");
    const notFound: Expected = { status: 200, code: "not_found" };
    const actions: { name: string; id: string; arbitrary: fc.Arbitrary<{ what: string; args: unknown[]; expected: Expected }> }[] = [
      { name: "createClaimAction", target: ids.article, spec: claimCreate },
      { name: "updateClaimAction", target: ids.claim, spec: claimUpdate },
      { name: "addSourceAction", target: ids.claim, spec: sourceCreate },
    ].map(({ name, target, spec }) => ({
      name,
      id: serverActionId(name, "app/articles/actions.ts"),
      arbitrary: fc.oneof(
        { weight: 10, arbitrary: malformedValues(spec, ACTION_TRANSPORT).map((v: MalformedValue) => ({ what: v.what, args: [target, v.value], expected: v.expected })) },
        { weight: 1, arbitrary: badIds.map((bad) => ({ what: `record id ${clip(JSON.stringify(bad), 40)}`, args: [bad, spec.base], expected: notFound })) },
      ),
    }));
    const rowsBeforeActions = await rowCounts();
    const targetsBeforeActions = await targetRows(ids);
    for (const [index, action] of actions.entries()) {
      const calls = fc.sample(action.arbitrary, { seed: SEED + 100 + index, numRuns: PER_ACTION });
      await inPool(calls, CONCURRENCY, async (call, i) => {
        const body = encodeRawActionArgs(call.args);
        const reply = await callServerAction(page.request, { pagePath: `/articles/${ids.article}`, actionId: action.id, body, origin });
        histogram[`action ${reply.status}`] = (histogram[`action ${reply.status}`] ?? 0) + 1;
        const result = (reply.kind === "result" ? reply.result : undefined) as { ok?: unknown; error?: { code?: unknown; message?: unknown } } | undefined;
        if (reply.status !== 200 || result?.ok !== false || result.error?.code !== call.expected.code || !result.error.message) {
          const got = reply.kind === "result" ? JSON.stringify(reply.result) : reply.kind === "redirect" ? `redirect to ${reply.location}` : `${reply.contentType} ${reply.body}`;
          failures.push(
            `${action.name} #${i} (seed ${SEED + 100 + index}) [${call.what}] expected {ok:false, error:{code:${call.expected.code}}}, got ${reply.status} ${clip(got, 200)}\n  arguments: ${clip(body)}`,
          );
        }
      });
      perEndpoint[action.name] = calls.length;
    }
    expectNoFailures();
    const actionDelta = added(rowsBeforeActions, await rowCounts());
    sumAdded(actionDelta);
    expect(actionDelta, "rows added by the server actions").toEqual(Object.fromEntries(Object.keys(actionDelta).map((t) => [t, 0])));
    expect(await targetRows(ids), "target rows after the server actions").toBe(targetsBeforeActions);

    expect(await targetRows(ids)).toBe(beforeAll);
    expect(await readArticle()).toBe(articleBefore);

    const total = Object.values(perEndpoint).reduce((a, b) => a + b, 0);
    const statuses = Object.entries(histogram)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([s, n]) => `${s}: ${n}`)
      .join(", ");
    const rows = Object.values(totalAdded).reduce((a, b) => a + b, 0);
    recordFigures(
      "malformed",
      `${total}/${total} malformed payloads refused as documented over ${endpoints.length} endpoints and ${actions.length} server actions (${statuses}); ${rows} rows and ${totalAdded.AuditEvent ?? 0} audit events added (seed ${SEED}, as ${USERS.editor.email} and ${USERS.alice.email})`,
      {
        seed: SEED,
        payloads: total,
        ...Object.fromEntries(Object.entries(perEndpoint).map(([name, n]) => [`payloads ${name}`, n])),
        ...Object.fromEntries(Object.entries(histogram).map(([s, n]) => [`status ${s}`, n])),
        rowsAdded: rows,
        auditEventsAdded: totalAdded.AuditEvent ?? 0,
      },
    );
  });
});

// The REST API end to end with Bearer tokens, on SQLite and PostgreSQL alike (@pg): every documented
// endpoint, then bad input to every write: a 4xx with the error JSON and a clear message, nothing written
// and no audit event added, never a 5xx.
import type { APIRequestContext, APIResponse } from "@playwright/test";
import {
  CLAIM_QUOTE,
  USERS,
  apiClaim,
  apiGetClaim,
  apiToken,
  auditEvents,
  bearer,
  cli,
  expect,
  expireTokenInDatabase,
  freshArticle,
  newToken,
  signIn,
  test,
  type ApiClaim,
  type DemoUser,
} from "./fixtures";

interface ApiErrorBody {
  error: { code: string; message: string; fields?: Record<string, string> };
  current?: ApiClaim;
}
interface ArticleBody {
  id: string;
  title: string;
  publisher: string | null;
  url: string | null;
  publishedOn: string | null;
  text: string;
  version: number;
  claims: ApiClaim[];
}
interface AuditItem {
  seq: number;
  at: string;
  actor: { id: string; name: string } | null;
  action: string;
  entity: { type: string; id: string };
  articleId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  hash: string;
}

const JSON_TYPE = { "content-type": "application/json" };

/** Checks the status and the error JSON, and that no bad input ever becomes a 5xx. */
async function expectError(response: APIResponse, status: number, code: string, opts: { message?: RegExp; field?: string } = {}) {
  const text = await response.text();
  const what = `${response.url()} → ${response.status()} ${text.slice(0, 300)}`;
  expect(response.status(), what).toBeLessThan(500);
  expect(response.status(), what).toBe(status);
  const body = JSON.parse(text) as ApiErrorBody;
  expect(body.error.code, what).toBe(code);
  expect(body.error.message.length, what).toBeGreaterThan(10);
  if (opts.message) expect(body.error.message, what).toMatch(opts.message);
  if (opts.field) expect(body.error.fields?.[opts.field], what).toBeTruthy();
  return body;
}

async function getArticle(request: APIRequestContext, id: string) {
  const response = await request.get(`/api/v1/articles/${id}`, { headers: bearer("viewer") });
  expect(response.status()).toBe(200);
  return (await response.json()) as ArticleBody;
}

/** What a refused write must leave untouched: the article with its claims and sources, and the audit log. */
async function snapshot(request: APIRequestContext, articleId: string) {
  return { article: await getArticle(request, articleId), events: await auditEvents(request) };
}

/** An article copy with one claim (Alice's, with one source) to aim bad writes at. */
async function setup(request: APIRequestContext) {
  const article = await freshArticle(request);
  const claim = await apiClaim(request, "alice", article.id, { exact: CLAIM_QUOTE });
  const added = await request.post(`/api/v1/claims/${claim.id}/sources`, {
    headers: bearer("alice"),
    data: { url: "https://example.org/report", title: "A report", stance: "supports", archivedUrl: "https://web.archive.org/x", accessedOn: "2022-01-09" },
  });
  expect(added.status()).toBe(201);
  const source = (await added.json()) as ApiClaim["sources"][number];
  return { article, claim, source };
}

test.describe("REST API @pg", () => {
  // eslint-disable-next-line no-empty-pattern -- Playwright hands fixtures in the first argument
  test.beforeEach(({}, testInfo) => {
    // Making a token is an audited event: make them all before any test counts events. Each is a CLI
    // process of a few seconds' CPU, made once per worker: room for that on a busy machine.
    testInfo.setTimeout(testInfo.timeout + 120_000);
    for (const user of Object.keys(USERS) as DemoUser[]) apiToken(user);
  });

  test("articles are listed page by page; limit and cursor give disjoint pages", async ({ request }) => {
    const created: string[] = [];
    for (let i = 0; i < 3; i++) {
      const response = await request.post("/api/v1/articles", { headers: bearer("editor"), data: { title: `Paging ${i}`, text: `Text number ${i}.` } });
      expect(response.status()).toBe(201);
      created.push(((await response.json()) as { id: string }).id);
    }
    const everything = (await (await request.get("/api/v1/articles?limit=200", { headers: bearer("viewer") })).json()) as {
      items: { id: string }[];
      nextCursor: string | null;
    };

    const first = (await (await request.get("/api/v1/articles?limit=2", { headers: bearer("viewer") })).json()) as {
      items: { id: string; title: string; claims: number; claimsWithVerdict: number }[];
      nextCursor: string | null;
    };
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toBeTruthy();
    // Newest first: the last two articles made above.
    expect(first.items.map((a) => a.id)).toEqual([created[2], created[1]]);
    expect(first.items[0]).toMatchObject({ title: "Paging 2", claims: 0, claimsWithVerdict: 0 });

    const seen = first.items.map((a) => a.id);
    let cursor = first.nextCursor;
    while (cursor) {
      const response = await request.get(`/api/v1/articles?limit=2&cursor=${encodeURIComponent(cursor)}`, { headers: bearer("viewer") });
      expect(response.status()).toBe(200);
      const page = (await response.json()) as { items: { id: string }[]; nextCursor: string | null };
      expect(page.items.length).toBeGreaterThan(0);
      for (const item of page.items) expect(seen).not.toContain(item.id);
      seen.push(...page.items.map((a) => a.id));
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(everything.items.map((a) => a.id));
    expect(seen).toContain(created[0]);

    for (const query of ["limit=0", "limit=201", "limit=abc"]) {
      await expectError(await request.get(`/api/v1/articles?${query}`, { headers: bearer("viewer") }), 400, "validation_failed");
    }
  });

  test("an editor adds an article and anyone reads it back with its text and claims", async ({ request }) => {
    const data = {
      title: "Tokayev thanks the CSTO",
      publisher: "Example News",
      url: "https://news.example.org/tokayev",
      publishedOn: "2022-01-08",
      text: "Kazakhstan's president thanked the CSTO.\n\nTroops arrived on Friday.",
    };
    const response = await request.post("/api/v1/articles", { headers: bearer("editor"), data });
    expect(response.status()).toBe(201);
    const created = (await response.json()) as ArticleBody;
    expect(created).toMatchObject({ ...data, version: 1 });
    expect(created.id).toBeTruthy();

    const read = await getArticle(request, created.id);
    expect(read).toMatchObject({ ...data, id: created.id, version: 1, claims: [] });

    const claim = await apiClaim(request, "alice", created.id, { exact: "Troops arrived on Friday." });
    expect((await getArticle(request, created.id)).claims.map((c) => c.id)).toEqual([claim.id]);
  });

  test("claims are made by a unique quote or by position, then read, edited and deleted", async ({ request }) => {
    const article = await freshArticle(request);

    const byQuote = await apiClaim(request, "alice", article.id, { exact: CLAIM_QUOTE, statement: "2,500 soldiers" });
    const at = article.text.indexOf(CLAIM_QUOTE);
    expect(byQuote).toMatchObject({
      articleId: article.id,
      exact: CLAIM_QUOTE,
      start: at,
      end: at + CLAIM_QUOTE.length,
      prefix: article.text.slice(at - 32, at),
      suffix: article.text.slice(at + CLAIM_QUOTE.length, at + CLAIM_QUOTE.length + 32),
      statement: "2,500 soldiers",
      status: "open",
      verdict: null,
      version: 1,
      author: { name: USERS.alice.name },
      sources: [],
    });

    // "Kremlin" occurs several times; its position picks the second one.
    const second = article.text.indexOf("Kremlin", article.text.indexOf("Kremlin") + 1);
    const byPosition = await apiClaim(request, "bob", article.id, { exact: "Kremlin", start: second, end: second + "Kremlin".length });
    expect(byPosition).toMatchObject({ exact: "Kremlin", start: second, end: second + 7, author: { name: USERS.bob.name } });

    expect(await apiGetClaim(request, byQuote.id)).toEqual(byQuote);
    const listed = (await (await request.get(`/api/v1/articles/${article.id}/claims`, { headers: bearer("viewer") })).json()) as { items: ApiClaim[] };
    expect(listed.items.map((c) => c.id).sort()).toEqual([byQuote.id, byPosition.id].sort());
    // In text order, a page at a time.
    const inOrder = [byQuote, byPosition].sort((a, b) => a.start - b.start).map((c) => c.id);
    const firstPage = (await (await request.get(`/api/v1/articles/${article.id}/claims?limit=1`, { headers: bearer("viewer") })).json()) as {
      items: ApiClaim[];
      nextCursor: string | null;
    };
    expect(firstPage.items.map((c) => c.id)).toEqual([inOrder[0]]);
    expect(firstPage.nextCursor).toBeTruthy();
    const secondPage = (await (
      await request.get(`/api/v1/articles/${article.id}/claims?limit=1&cursor=${firstPage.nextCursor}`, { headers: bearer("viewer") })
    ).json()) as { items: ApiClaim[]; nextCursor: string | null };
    expect(secondPage).toEqual({ items: [expect.objectContaining({ id: inOrder[1] })], nextCursor: null });

    const patched = await request.patch(`/api/v1/claims/${byQuote.id}`, {
      headers: bearer("bob"),
      data: { version: 1, verdict: "mostly_true", rationale: "The CSTO said so.", note: "ask the desk" },
    });
    expect(patched.status()).toBe(200);
    expect(await patched.json()).toMatchObject({ verdict: "mostly_true", status: "verdict_given", rationale: "The CSTO said so.", note: "ask the desk", version: 2 });
    const filtered = (await (await request.get(`/api/v1/articles/${article.id}/claims?verdict=mostly_true`, { headers: bearer("viewer") })).json()) as {
      items: ApiClaim[];
    };
    expect(filtered.items.map((c) => c.id)).toEqual([byQuote.id]);

    const deleted = await request.delete(`/api/v1/claims/${byPosition.id}`, { headers: bearer("bob") });
    expect(deleted.status()).toBe(204);
    await expectError(await request.get(`/api/v1/claims/${byPosition.id}`, { headers: bearer("viewer") }), 404, "not_found");
    expect((await getArticle(request, article.id)).claims.map((c) => c.id)).toEqual([byQuote.id]);

    const restored = await request.post(`/api/v1/claims/${byPosition.id}/restore`, { headers: bearer("editor") });
    expect(restored.status()).toBe(200);
    expect(await restored.json()).toMatchObject({ id: byPosition.id, version: 3 });
  });

  test("sources are added, edited and removed", async ({ request }) => {
    const article = await freshArticle(request);
    const claim = await apiClaim(request, "alice", article.id, { exact: CLAIM_QUOTE });
    const data = {
      url: "https://en.odkb-csto.org/news/",
      title: "CSTO statement",
      publisher: "CSTO",
      quote: "about 2,500 peacekeepers",
      stance: "supports",
      archivedUrl: "https://web.archive.org/web/2022/https://en.odkb-csto.org/news/",
      accessedOn: "2022-01-09",
    };
    const added = await request.post(`/api/v1/claims/${claim.id}/sources`, { headers: bearer("bob"), data });
    expect(added.status()).toBe(201);
    const source = (await added.json()) as ApiClaim["sources"][number];
    expect(source).toMatchObject(data);
    expect((await apiGetClaim(request, claim.id)).sources).toEqual([source]);

    const patched = await request.patch(`/api/v1/sources/${source.id}`, { headers: bearer("alice"), data: { ...data, title: "CSTO press release", stance: "context" } });
    expect(patched.status()).toBe(200);
    expect(await patched.json()).toMatchObject({ ...data, id: source.id, title: "CSTO press release", stance: "context" });
    expect((await apiGetClaim(request, claim.id)).sources[0]).toMatchObject({ title: "CSTO press release", stance: "context" });

    const removed = await request.delete(`/api/v1/sources/${source.id}`, { headers: bearer("alice") });
    expect(removed.status()).toBe(204);
    expect((await apiGetClaim(request, claim.id)).sources).toEqual([]);
    await expectError(await request.delete(`/api/v1/sources/${source.id}`, { headers: bearer("alice") }), 404, "not_found");
  });

  test("a PATCH of an article changes only the fields it sends", async ({ request }) => {
    const withDetails = await request.post("/api/v1/articles", {
      headers: bearer("editor"),
      data: { title: "With details", publisher: "Example News", url: "https://news.example.org/a", publishedOn: "2022-01-08", text: "Some text." },
    });
    expect(withDetails.status()).toBe(201);
    const created = (await withDetails.json()) as ArticleBody;

    const renamed = await request.patch(`/api/v1/articles/${created.id}`, { headers: bearer("editor"), data: { title: "Renamed" } });
    expect(renamed.status()).toBe(200);
    expect(await getArticle(request, created.id)).toMatchObject({
      title: "Renamed",
      publisher: "Example News",
      url: "https://news.example.org/a",
      publishedOn: "2022-01-08",
    });
  });

  test("a PATCH of a source changes only the fields it sends", async ({ request }) => {
    const { article, source } = await setup(request);
    const retitled = await request.patch(`/api/v1/sources/${source.id}`, { headers: bearer("alice"), data: { title: "Renamed report" } });
    expect(retitled.status()).toBe(200);
    expect((await getArticle(request, article.id)).claims[0]!.sources[0]).toMatchObject({
      title: "Renamed report",
      archivedUrl: "https://web.archive.org/x",
      accessedOn: "2022-01-09",
    });
  });

  test("the article's audit lists its events oldest first, and the whole chain verifies", async ({ request }) => {
    const article = await freshArticle(request);
    const claim = await apiClaim(request, "alice", article.id, { exact: CLAIM_QUOTE });
    expect((await request.patch(`/api/v1/claims/${claim.id}`, { headers: bearer("alice"), data: { version: 1, verdict: "false" } })).status()).toBe(200);
    const source = await request.post(`/api/v1/claims/${claim.id}/sources`, {
      headers: bearer("bob"),
      data: { url: "https://example.org/", title: "Example", stance: "contradicts" },
    });
    expect(source.status()).toBe(201);
    const sourceId = ((await source.json()) as { id: string }).id;

    const response = await request.get(`/api/v1/articles/${article.id}/audit`, { headers: bearer("viewer") });
    expect(response.status()).toBe(200);
    const { items, nextCursor } = (await response.json()) as { items: AuditItem[]; nextCursor: string | null };
    expect(nextCursor).toBeNull();
    expect(items.map((e) => [e.action, e.entity.type, e.entity.id, e.actor?.name])).toEqual([
      ["article.created", "article", article.id, USERS.editor.name],
      ["claim.created", "claim", claim.id, USERS.alice.name],
      ["claim.verdict_changed", "claim", claim.id, USERS.alice.name],
      ["source.added", "source", sourceId, USERS.bob.name],
    ]);
    for (const [i, event] of items.entries()) {
      expect(event.articleId).toBe(article.id);
      expect(event.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(new Date(event.at).toISOString()).toBe(event.at);
      if (i > 0) {
        expect(event.seq).toBeGreaterThan(items[i - 1]!.seq);
        expect(event.at >= items[i - 1]!.at).toBe(true);
      }
    }
    expect(items[0]!.before).toBeNull();
    expect(items[0]!.after).toMatchObject({ title: article.title });
    expect(items[2]!.before).toMatchObject({ verdict: null, version: 1 });
    expect(items[2]!.after).toMatchObject({ verdict: "false", status: "verdict_given", version: 2 });
    expect(items[3]!.after).toMatchObject({ claimId: claim.id, url: "https://example.org/", stance: "contradicts" });

    const paged = (await (await request.get(`/api/v1/articles/${article.id}/audit?limit=3`, { headers: bearer("viewer") })).json()) as {
      items: AuditItem[];
      nextCursor: string | null;
    };
    expect(paged.items.map((e) => e.seq)).toEqual(items.slice(0, 3).map((e) => e.seq));
    const rest = (await (await request.get(`/api/v1/articles/${article.id}/audit?limit=3&cursor=${paged.nextCursor}`, { headers: bearer("viewer") })).json()) as {
      items: AuditItem[];
    };
    expect(rest.items.map((e) => e.seq)).toEqual([items[3]!.seq]);

    const verify = await request.get("/api/v1/audit/verify", { headers: bearer("viewer") });
    expect(verify.status()).toBe(200);
    const report = (await verify.json()) as { ok: boolean; events: number; head: string };
    expect(report.ok).toBe(true);
    expect(report.events).toBeGreaterThanOrEqual(items[3]!.seq);
    // Nothing was written since the source: the chain's head is that event's hash.
    expect(report.head).toBe(items[3]!.hash);
  });

  test.describe("bad input is refused with a 4xx, writes nothing and adds no audit event", () => {
    test("malformed JSON, wrong types, unknown fields, oversized strings and bad links, on every write", async ({ request }) => {
      const { article, claim, source } = await setup(request);
      const before = await snapshot(request, article.id);
      const long = (n: number) => "x".repeat(n);
      type Case = { method: "POST" | "PATCH"; url: string; as: DemoUser; body: unknown; status: number; code: string; field?: string; message?: RegExp };
      const bodyWrites: { method: "POST" | "PATCH"; url: string; as: DemoUser; ok: Record<string, unknown> }[] = [
        { method: "POST", url: "/api/v1/articles", as: "editor", ok: { title: "T", text: "Some text." } },
        { method: "PATCH", url: `/api/v1/articles/${article.id}`, as: "editor", ok: { title: "T" } },
        { method: "POST", url: `/api/v1/articles/${article.id}/claims`, as: "alice", ok: { exact: "Kremlin said in a statement" } },
        { method: "PATCH", url: `/api/v1/claims/${claim.id}`, as: "alice", ok: { version: claim.version, verdict: "false" } },
        { method: "POST", url: `/api/v1/claims/${claim.id}/sources`, as: "alice", ok: { url: "https://example.org/", stance: "supports" } },
        { method: "PATCH", url: `/api/v1/sources/${source.id}`, as: "alice", ok: { title: "T" } },
      ];
      const cases: Case[] = [
        ...bodyWrites.flatMap((w) => [
          { ...w, body: '{"title": "unfinished', status: 400, code: "bad_request", message: /not valid JSON/ },
          { ...w, body: "[1, 2, 3]", status: 400, code: "validation_failed" },
        ]),
        // Wrong types, with the field named.
        { ...bodyWrites[0]!, body: { title: 42, text: "Some text." }, status: 400, code: "validation_failed", field: "title" },
        { ...bodyWrites[1]!, body: { publishedOn: 20220108 }, status: 400, code: "validation_failed", field: "publishedOn" },
        { ...bodyWrites[2]!, body: { exact: ["reportedly"] }, status: 400, code: "validation_failed", field: "exact" },
        { ...bodyWrites[2]!, body: { exact: "Kremlin", start: "12" }, status: 400, code: "validation_failed", field: "start" },
        { ...bodyWrites[3]!, body: { version: "1", verdict: "false" }, status: 400, code: "validation_failed", field: "version" },
        { ...bodyWrites[3]!, body: { verdict: "false" }, status: 400, code: "validation_failed", field: "version", message: /version is required/ },
        { ...bodyWrites[3]!, body: { version: claim.version, verdict: "probably" }, status: 400, code: "validation_failed", field: "verdict" },
        { ...bodyWrites[3]!, body: { version: claim.version, status: "verdict_given" }, status: 400, code: "validation_failed", field: "status" },
        { ...bodyWrites[4]!, body: { url: 7, stance: "supports" }, status: 400, code: "validation_failed", field: "url" },
        { ...bodyWrites[4]!, body: { url: "https://example.org/", stance: "maybe" }, status: 400, code: "validation_failed", field: "stance" },
        { ...bodyWrites[5]!, body: { accessedOn: "2022-02-30" }, status: 400, code: "validation_failed", field: "accessedOn" },
        // Unknown fields.
        ...bodyWrites.map((w) => ({ ...w, body: { ...w.ok, isAdmin: true }, status: 400, code: "validation_failed", field: "_", message: /Unknown field\(s\): isAdmin/ })),
        // Oversized strings.
        { ...bodyWrites[0]!, body: { title: long(301), text: "Some text." }, status: 400, code: "validation_failed", field: "title", message: /at most 300/ },
        { ...bodyWrites[1]!, body: { publisher: long(201) }, status: 400, code: "validation_failed", field: "publisher" },
        { ...bodyWrites[2]!, body: { exact: long(5001) }, status: 400, code: "validation_failed", field: "exact", message: /5,000/ },
        { ...bodyWrites[2]!, body: { exact: CLAIM_QUOTE, statement: long(1001) }, status: 400, code: "validation_failed", field: "statement" },
        { ...bodyWrites[3]!, body: { version: claim.version, rationale: long(20_001) }, status: 400, code: "validation_failed", field: "rationale" },
        { ...bodyWrites[3]!, body: { version: claim.version, note: long(20_001) }, status: 400, code: "validation_failed", field: "note" },
        { ...bodyWrites[4]!, body: { url: "https://example.org/", stance: "supports", quote: long(5001) }, status: 400, code: "validation_failed", field: "quote" },
        { ...bodyWrites[5]!, body: { title: long(501) }, status: 400, code: "validation_failed", field: "title" },
        { ...bodyWrites[5]!, body: { url: `https://example.org/${long(2000)}` }, status: 400, code: "validation_failed", field: "url" },
        // Links that are not http(s).
        ...["javascript:alert(document.cookie)", "data:text/html,<script>alert(1)</script>", "JavaScript:alert(1)"].flatMap((url) => [
          { ...bodyWrites[4]!, body: { url, stance: "supports" }, status: 400, code: "validation_failed", field: "url", message: /http:\/\/ or https:\/\// },
          { ...bodyWrites[4]!, body: { url: "https://example.org/", archivedUrl: url, stance: "supports" }, status: 400, code: "validation_failed", field: "archivedUrl", message: /http:\/\/ or https:\/\// },
          { ...bodyWrites[5]!, body: { url }, status: 400, code: "validation_failed", field: "url", message: /http:\/\/ or https:\/\// },
          { ...bodyWrites[0]!, body: { title: "Links", text: "Some text.", url }, status: 400, code: "validation_failed", field: "url", message: /http:\/\/ or https:\/\// },
          { ...bodyWrites[1]!, body: { url }, status: 400, code: "validation_failed", field: "url", message: /http:\/\/ or https:\/\// },
        ]),
      ];

      for (const c of cases) {
        const response = await request.fetch(c.url, {
          method: c.method,
          headers: { ...bearer(c.as), ...JSON_TYPE },
          // A Buffer goes out byte for byte; Playwright would JSON-encode a string once more.
          data: Buffer.from(typeof c.body === "string" ? c.body : JSON.stringify(c.body)),
        });
        await test.step(`${c.method} ${c.url} ${JSON.stringify(c.body).slice(0, 60)}`, async () => {
          await expectError(response, c.status, c.code, { ...(c.field ? { field: c.field } : {}), ...(c.message ? { message: c.message } : {}) });
        });
      }
      expect(await snapshot(request, article.id)).toEqual(before);
    });

    test("quotes not in the article or found twice are refused", async ({ request }) => {
      const { article } = await setup(request);
      const before = await snapshot(request, article.id);
      const claims = `/api/v1/articles/${article.id}/claims`;
      const headers = bearer("alice");

      await expectError(await request.post(claims, { headers, data: { exact: "sent a force of about 25,000 soldiers" } }), 422, "quote_not_found", {
        message: /not in the article/,
      });
      const count = article.text.split("Kremlin").length - 1;
      expect(count).toBeGreaterThan(1);
      await expectError(await request.post(claims, { headers, data: { exact: "Kremlin" } }), 422, "ambiguous_quote", { message: /more than once/ });
      // A position that does not hold the quote does not rescue an ambiguous quote.
      await expectError(await request.post(claims, { headers, data: { exact: "Kremlin", start: 0, end: 7 } }), 422, "ambiguous_quote");
      expect(await snapshot(request, article.id)).toEqual(before);
    });

    test("ids that do not exist, or name something else, are 404", async ({ request }) => {
      const { article, claim, source } = await setup(request);
      const other = await setup(request);
      const deletedResponse = await request.delete(`/api/v1/claims/${other.claim.id}`, { headers: bearer("alice") });
      expect(deletedResponse.status()).toBe(204);
      const before = await snapshot(request, article.id);
      const eventsBefore = before.events;
      const missing = "no-such-id-0123456789";
      const editor = bearer("editor");
      const attempts: [string, Promise<APIResponse>][] = [
        ["GET article", request.get(`/api/v1/articles/${missing}`, { headers: editor })],
        ["GET audit", request.get(`/api/v1/articles/${missing}/audit`, { headers: editor })],
        ["GET claims", request.get(`/api/v1/articles/${missing}/claims`, { headers: editor })],
        ["PATCH article", request.patch(`/api/v1/articles/${missing}`, { headers: editor, data: { title: "x" } })],
        ["POST claim", request.post(`/api/v1/articles/${missing}/claims`, { headers: editor, data: { exact: CLAIM_QUOTE } })],
        ["POST claim on a claim id", request.post(`/api/v1/articles/${claim.id}/claims`, { headers: editor, data: { exact: CLAIM_QUOTE } })],
        ["GET claim", request.get(`/api/v1/claims/${missing}`, { headers: editor })],
        ["GET claim by article id", request.get(`/api/v1/claims/${article.id}`, { headers: editor })],
        ["PATCH claim", request.patch(`/api/v1/claims/${missing}`, { headers: editor, data: { version: 1, verdict: "false" } })],
        ["PATCH claim by source id", request.patch(`/api/v1/claims/${source.id}`, { headers: editor, data: { version: 1, verdict: "false" } })],
        ["DELETE claim", request.delete(`/api/v1/claims/${missing}`, { headers: editor })],
        ["POST restore", request.post(`/api/v1/claims/${missing}/restore`, { headers: editor })],
        ["POST source", request.post(`/api/v1/claims/${missing}/sources`, { headers: editor, data: { url: "https://example.org/", stance: "supports" } })],
        ["POST source by source id", request.post(`/api/v1/claims/${source.id}/sources`, { headers: editor, data: { url: "https://example.org/", stance: "supports" } })],
        ["PATCH source", request.patch(`/api/v1/sources/${missing}`, { headers: editor, data: { title: "x" } })],
        ["PATCH source by claim id", request.patch(`/api/v1/sources/${claim.id}`, { headers: editor, data: { title: "x" } })],
        ["DELETE source", request.delete(`/api/v1/sources/${missing}`, { headers: editor })],
        // The other article's claim is deleted: it and its source are gone for writers.
        ["PATCH deleted claim", request.patch(`/api/v1/claims/${other.claim.id}`, { headers: editor, data: { version: 2, verdict: "false" } })],
        ["POST source on deleted claim", request.post(`/api/v1/claims/${other.claim.id}/sources`, { headers: editor, data: { url: "https://example.org/", stance: "supports" } })],
        ["PATCH source of deleted claim", request.patch(`/api/v1/sources/${other.source.id}`, { headers: editor, data: { title: "x" } })],
        ["DELETE source of deleted claim", request.delete(`/api/v1/sources/${other.source.id}`, { headers: editor })],
        ["DELETE deleted claim", request.delete(`/api/v1/claims/${other.claim.id}`, { headers: editor })],
      ];
      for (const [what, pending] of attempts) {
        await test.step(what, async () => {
          await expectError(await pending, 404, "not_found", { message: /was not found/ });
        });
      }
      expect(await snapshot(request, article.id)).toEqual(before);
      expect(await auditEvents(request)).toBe(eventsBefore);
    });

    test("a save against a stale version is a 409 carrying the current claim", async ({ request }) => {
      const { article, claim } = await setup(request);
      const first = await request.patch(`/api/v1/claims/${claim.id}`, { headers: bearer("alice"), data: { version: claim.version, verdict: "false" } });
      expect(first.status()).toBe(200);
      const current = (await first.json()) as ApiClaim;
      const before = await snapshot(request, article.id);

      const stale = await request.patch(`/api/v1/claims/${claim.id}`, { headers: bearer("bob"), data: { version: claim.version, verdict: "true", rationale: "Bob" } });
      const body = await expectError(stale, 409, "conflict");
      expect(body.current).toEqual(current);
      expect(body.current?.version).toBe(claim.version + 1);

      const ahead = await request.patch(`/api/v1/claims/${claim.id}`, { headers: bearer("bob"), data: { version: current.version + 5, verdict: "true" } });
      expect((await expectError(ahead, 409, "conflict")).current).toEqual(current);
      expect(await snapshot(request, article.id)).toEqual(before);
    });

    test("bodies that are not JSON, or over 1 MB, are refused", async ({ request }) => {
      const { article, claim, source } = await setup(request);
      const before = await snapshot(request, article.id);
      const writes: { method: "POST" | "PATCH"; url: string; as: DemoUser; ok: Record<string, unknown> }[] = [
        { method: "POST", url: "/api/v1/articles", as: "editor", ok: { title: "T", text: "Some text." } },
        { method: "PATCH", url: `/api/v1/articles/${article.id}`, as: "editor", ok: { title: "T" } },
        { method: "POST", url: `/api/v1/articles/${article.id}/claims`, as: "alice", ok: { exact: "Kremlin said in a statement" } },
        { method: "PATCH", url: `/api/v1/claims/${claim.id}`, as: "alice", ok: { version: claim.version, verdict: "false" } },
        { method: "POST", url: `/api/v1/claims/${claim.id}/sources`, as: "alice", ok: { url: "https://example.org/", stance: "supports" } },
        { method: "PATCH", url: `/api/v1/sources/${source.id}`, as: "alice", ok: { title: "T" } },
      ];
      for (const w of writes) {
        for (const type of ["text/plain", "application/x-www-form-urlencoded", "application/jsonx", "multipart/form-data; boundary=x"]) {
          const response = await request.fetch(w.url, { method: w.method, headers: { ...bearer(w.as), "content-type": type }, data: Buffer.from(JSON.stringify(w.ok)) });
          await test.step(`${w.method} ${w.url} as ${type}`, async () => {
            await expectError(response, 415, "unsupported_media_type", { message: /application\/json/ });
          });
        }
        const huge = { ...w.ok, padding: "x".repeat(1_100_000) };
        const response = await request.fetch(w.url, { method: w.method, headers: { ...bearer(w.as), ...JSON_TYPE }, data: Buffer.from(JSON.stringify(huge)) });
        await test.step(`${w.method} ${w.url} over 1 MB`, async () => {
          await expectError(response, 413, "payload_too_large", { message: /1 MB/ });
        });
      }
      expect(await snapshot(request, article.id)).toEqual(before);
    });

    test("revoked and expired tokens, foreign origins and cookie writes without Origin are refused", async ({ request, page }) => {
      const { article, claim } = await setup(request);
      const revoked = newToken(USERS.editor.email);
      const expired = newToken(USERS.editor.email);
      for (const t of [revoked, expired]) {
        expect((await request.get("/api/v1/articles?limit=1", { headers: { Authorization: `Bearer ${t.token}` } })).status()).toBe(200);
      }
      cli(["token", "revoke", "--id", revoked.id]);
      await expireTokenInDatabase(expired.id);
      await signIn(page, "editor");
      const before = await snapshot(request, article.id);

      for (const [what, t] of [
        ["revoked", revoked.token],
        ["expired", expired.token],
        ["malformed", "not a token"],
        ["unknown", `fct_${"A".repeat(43)}`],
      ] as const) {
        const auth = { Authorization: `Bearer ${t}` };
        await test.step(`${what} token`, async () => {
          await expectError(await request.get("/api/v1/articles", { headers: auth }), 401, "unauthenticated");
          await expectError(await request.post("/api/v1/articles", { headers: auth, data: { title: "T", text: "Some text." } }), 401, "unauthenticated");
          await expectError(await request.patch(`/api/v1/claims/${claim.id}`, { headers: auth, data: { version: claim.version, verdict: "false" } }), 401, "unauthenticated");
        });
      }
      await expectError(await request.get("/api/v1/articles"), 401, "unauthenticated");

      for (const origin of ["https://evil.example", "http://localhost.evil.example:3217", "null"]) {
        await test.step(`Origin: ${origin}`, async () => {
          const headers = { ...bearer("editor"), Origin: origin };
          await expectError(await request.post("/api/v1/articles", { headers, data: { title: "T", text: "Some text." } }), 403, "forbidden");
          await expectError(await request.patch(`/api/v1/claims/${claim.id}`, { headers, data: { version: claim.version, verdict: "false" } }), 403, "forbidden");
          await expectError(await request.delete(`/api/v1/claims/${claim.id}`, { headers }), 403, "forbidden");
          // A cookie session from another site is refused the same way.
          await expectError(await page.request.post("/api/v1/articles", { headers: { Origin: origin }, data: { title: "T", text: "Some text." } }), 403, "forbidden");
        });
      }

      // The browser's session cookie alone, with no Origin, cannot write.
      await expectError(await page.request.post("/api/v1/articles", { data: { title: "T", text: "Some text." } }), 403, "forbidden", { message: /Origin/ });
      await expectError(await page.request.delete(`/api/v1/claims/${claim.id}`), 403, "forbidden");
      expect(await snapshot(request, article.id)).toEqual(before);

      // The same cookie reads, and writes from its own origin: the refusals above were about the origin.
      expect((await page.request.get(`/api/v1/articles/${article.id}`)).status()).toBe(200);
      const sameOrigin = await page.request.patch(`/api/v1/claims/${claim.id}`, {
        headers: { Origin: new URL(page.url()).origin },
        data: { version: claim.version, verdict: "false" },
      });
      expect(sameOrigin.status()).toBe(200);
    });

    test("odd paths and queries get a 4xx, never a 5xx", async ({ request }) => {
      const { article } = await setup(request);
      const viewer = bearer("viewer");
      const checks: [string, number][] = [
        [`/api/v1/articles?cursor=${"z".repeat(201)}`, 400],
        [`/api/v1/articles/${article.id}/audit?cursor=abc`, 400],
        [`/api/v1/articles/${article.id}/audit?limit=1001`, 400],
        [`/api/v1/articles/${article.id}/claims?verdict=probably`, 400],
        [`/api/v1/articles/${article.id}/claims?status=closed`, 400],
        [`/api/v1/articles/${article.id}/claims?limit=0`, 400],
        [`/api/v1/articles/${article.id}/claims?cursor=-1`, 400],
        [`/api/v1/claims/${"a".repeat(5000)}`, 404],
      ];
      for (const [url, status] of checks) {
        const response = await request.get(url, { headers: viewer });
        expect(response.status(), `${url}: ${await response.text()}`).toBe(status);
      }
      const unknownCursor = await request.get("/api/v1/articles?cursor=no-such-article", { headers: viewer });
      expect(unknownCursor.status(), await unknownCursor.text()).toBeLessThan(500);
    });

    test("unknown API paths are a 404 and unsupported methods a 405 with Allow, both as the error JSON", async ({ request }) => {
      const { article, claim, source } = await setup(request);
      for (const [method, url] of [
        ["GET", "/api/v1/nope"],
        ["GET", "/api/v1"],
        ["POST", "/api/v1/articles/x/y/z"],
        ["GET", `/api/v1/articles/${article.id}/nope`],
        ["DELETE", `/api/v1/claims/${claim.id}/sources/${source.id}`],
        ["OPTIONS", "/api/v1/nope"],
      ] as const) {
        // The same answer with or without credentials: an unknown path names nothing.
        for (const headers of [bearer("viewer"), {}]) {
          await expectError(await request.fetch(url, { method, headers }), 404, "not_found");
        }
      }
      const notAllowed: [string, string, string][] = [
        ["PUT", "/api/v1/articles", "GET, HEAD, POST, OPTIONS"],
        ["DELETE", `/api/v1/articles/${article.id}`, "GET, HEAD, PATCH, OPTIONS"],
        ["POST", `/api/v1/articles/${article.id}/audit`, "GET, HEAD, OPTIONS"],
        ["PATCH", `/api/v1/articles/${article.id}/claims`, "GET, HEAD, POST, OPTIONS"],
        ["POST", `/api/v1/claims/${claim.id}`, "GET, HEAD, PATCH, DELETE, OPTIONS"],
        ["GET", `/api/v1/claims/${claim.id}/restore`, "POST, OPTIONS"],
        ["GET", `/api/v1/sources/${source.id}`, "PATCH, DELETE, OPTIONS"],
        ["DELETE", "/api/v1/reports", "GET, HEAD, OPTIONS"],
      ];
      for (const [method, url, allow] of notAllowed) {
        const response = await request.fetch(url, { method, headers: bearer("editor") });
        await expectError(response, 405, "method_not_allowed", { message: new RegExp(`^${method} is not supported`) });
        expect(response.headers()["allow"], `${method} ${url}`).toBe(allow);
      }
      const options = await request.fetch(`/api/v1/claims/${claim.id}`, { method: "OPTIONS" });
      expect(options.status()).toBe(204);
      expect(options.headers()["allow"]).toBe("GET, HEAD, PATCH, DELETE, OPTIONS");
      expect((await request.head("/api/v1/articles", { headers: bearer("viewer") })).status()).toBe(200);
      // Refused writes wrote nothing: the claim still has its source.
      expect((await apiGetClaim(request, claim.id)).sources).toHaveLength(1);
    });

    test("a query parameter given twice is a 400 naming it, not silently one of its values", async ({ request }) => {
      const { article } = await setup(request);
      const checks: [string, string][] = [
        ["/api/v1/articles?limit=5&limit=6", "limit"],
        ["/api/v1/articles?cursor=a&cursor=b", "cursor"],
        [`/api/v1/articles/${article.id}/claims?verdict=false&verdict=true`, "verdict"],
        [`/api/v1/articles/${article.id}/claims?limit=1&limit=2`, "limit"],
        [`/api/v1/articles/${article.id}/audit?cursor=1&cursor=2`, "cursor"],
        [`/api/v1/articles/${article.id}/report?format=json&format=csv`, "format"],
        [`/api/v1/reports?format=csv&articles=${article.id}&audience=public&audience=internal`, "audience"],
      ];
      for (const [url, field] of checks) {
        await expectError(await request.get(url, { headers: bearer("viewer") }), 400, "validation_failed", { field, message: new RegExp(`${field} is given more than once`) });
      }
      // A parameter that is a list may repeat.
      const both = await request.get(`/api/v1/reports?format=csv&articles=${article.id}&articles=${article.id}`, { headers: bearer("viewer") });
      expect(both.status(), await both.text()).toBe(200);
    });

    test("numbers in a query stay within the database's integer range, on both databases", async ({ request }) => {
      const { article } = await setup(request);
      for (const value of ["2147483648", "1e10", "9".repeat(30), "0x10", "-1"]) {
        for (const url of [`/api/v1/articles/${article.id}/audit?cursor=${value}`, `/api/v1/articles/${article.id}/claims?cursor=${value}`]) {
          await expectError(await request.get(url, { headers: bearer("viewer") }), 400, "validation_failed", { field: "cursor", message: /whole number/ });
        }
      }
      const last = await request.get(`/api/v1/articles/${article.id}/audit?cursor=2147483647`, { headers: bearer("viewer") });
      expect(last.status(), await last.text()).toBe(200);
      expect(await last.json()).toEqual({ items: [], nextCursor: null, hidden: 0 });
    });

    test("a NUL character in an id or a text field is a 4xx, never a 5xx", async ({ request }) => {
      // PostgreSQL cannot store U+0000: ids and text with it must be refused before they reach the database.
      const { article, claim, source } = await setup(request);
      const before = await snapshot(request, article.id);
      const reads = ["/api/v1/claims/%00", `/api/v1/articles/${article.id}%00`, "/api/v1/articles?cursor=%00"];
      for (const url of reads) {
        const response = await request.get(url, { headers: bearer("viewer") });
        expect(response.status(), `${url}: ${await response.text()}`).toBeLessThan(500);
      }
      const nul = "before\u0000after";
      const writes: [string, Promise<APIResponse>, number][] = [
        ["PATCH claim", request.patch(`/api/v1/claims/${claim.id}`, { headers: bearer("alice"), data: { version: claim.version, rationale: nul } }), 400],
        ["PATCH source", request.patch(`/api/v1/sources/${source.id}`, { headers: bearer("alice"), data: { title: nul } }), 400],
        ["PATCH article", request.patch(`/api/v1/articles/${article.id}`, { headers: bearer("editor"), data: { title: nul } }), 400],
        ["DELETE claim", request.delete("/api/v1/claims/%00", { headers: bearer("editor") }), 404],
      ];
      for (const [what, pending, status] of writes) {
        const response = await pending;
        expect(response.status(), `${what}: ${await response.text()}`).toBe(status);
      }
      // Every write was refused: nothing changed, no event was added, and the chain verifies (auditEvents checks it).
      expect(await snapshot(request, article.id)).toEqual(before);
    });
  });
});

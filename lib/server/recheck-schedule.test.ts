// The server's scheduled re-check (FACTCHECK_RECHECK_MINUTES), against real databases and a local web
// server: articles due a check are fetched once per period, a changed page becomes a revision by nobody,
// a page that cannot be read is noted and tried again a period later, and two server processes running
// the schedule at once never fetch the same page twice.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import type { Actor } from "./actor";
import { createArticle } from "./articles";
import { lastCheck } from "./article-import";
import { createClaim } from "./claims";
import { parseEnv } from "./env";
import { runDueRechecks } from "./recheck-schedule";
import { listRevisions } from "./revisions";
import { describeOnDatabases, seedUser } from "./test-databases";

const PERIOD = 60;
const allow = { allowPrivate: true };

describeOnDatabases("scheduled re-check", () => {
  let ed: Actor;
  let server: Server;
  let base = "";
  const pages = new Map<string, string>();
  const hits = new Map<string, number>();
  let clock = Date.parse("2026-12-01T09:00:00Z");
  const now = () => new Date(clock);
  const minutesPass = (m: number) => (clock += m * 60_000);

  const html = (title: string, ps: string[]) =>
    `<!doctype html><html lang="en"><head><title>${title}</title></head><body><article><h1>${title}</h1>${ps.map((p) => `<p>${p}</p>`).join("")}</article></body></html>`;
  const paragraphs = (figure: string) => [
    `The alliance said about ${figure} soldiers would be deployed to restore order in the country's largest city.`,
    "More than 4,200 people have been detained across the country, the interior ministry said on Saturday morning.",
    "Officials said the troops would stay for several weeks, until the situation was stable again in every region.",
  ];

  beforeAll(async () => {
    ed = await seedUser("ed@test.org", "Ed Editor", "editor");
    server = createServer((req, res) => {
      const path = req.url ?? "/";
      hits.set(path, (hits.get(path) ?? 0) + 1);
      const page = pages.get(path);
      if (!page) {
        res.writeHead(404, { "content-type": "text/plain" });
        res.end("gone");
        return;
      }
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(page);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => hits.clear());

  async function articleAt(path: string, text: string) {
    pages.set(path, html(path, text.split("\n\n")));
    return createArticle(ed, { title: `Page ${path}`, url: `${base}${path}`, text });
  }

  it("checks each page once per period, keeps a change as a revision by nobody, and notes a page that cannot be read", async () => {
    const troops = await articleAt("/troops", paragraphs("2,500").join("\n\n"));
    await createClaim(ed, troops.id, { exact: "about 2,500 soldiers" });
    const quiet = await articleAt("/quiet", paragraphs("1,000").join("\n\n"));
    const noAddress = await createArticle(ed, { title: "Pasted", text: "Pasted by hand, with no web address to check." });
    const gone = await articleAt("/gone", paragraphs("3,000").join("\n\n"));
    pages.delete("/gone");

    const first = await runDueRechecks(PERIOD, { now, fetch: allow });
    expect(first.map((r) => r.articleId).sort()).toEqual([troops.id, quiet.id, gone.id].sort());
    expect(first.find((r) => r.articleId === troops.id)).toMatchObject({ changed: false });
    expect(first.find((r) => r.articleId === gone.id)).toMatchObject({ failed: "The server answered with HTTP status 404." });
    expect(await lastCheck(ed, troops.id)).toEqual({ at: now().toISOString(), error: null });
    expect((await lastCheck(ed, gone.id))?.error).toMatch(/404/);
    expect(await lastCheck(ed, noAddress.id)).toBeNull();
    hits.clear();

    // Within the period nothing is due, not even the page that failed.
    pages.set("/troops", html("/troops", paragraphs("3,500")));
    minutesPass(PERIOD - 1);
    expect(await runDueRechecks(PERIOD, { now, fetch: allow })).toEqual([]);
    expect(hits.size).toBe(0);
    minutesPass(1);
    const second = await runDueRechecks(PERIOD, { now, fetch: allow });
    expect(second.find((r) => r.articleId === troops.id)).toMatchObject({ changed: true, revision: 2, reanchor: { fuzzy: 1 } });
    expect(second.find((r) => r.articleId === quiet.id)).toMatchObject({ changed: false });
    expect(second.find((r) => r.articleId === gone.id)).toMatchObject({ failed: "The server answered with HTTP status 404." });
    const revisions = await listRevisions(ed, troops.id);
    expect(revisions[0]).toMatchObject({ number: 2, origin: "recheck", by: null, sourceUrl: `${base}/troops` });

    // A page back online is read again at its next turn, and its error is cleared.
    pages.set("/gone", html("/gone", paragraphs("3,000")));
    minutesPass(PERIOD);
    await runDueRechecks(PERIOD, { now, fetch: allow });
    expect(await lastCheck(ed, gone.id)).toEqual({ at: now().toISOString(), error: null });

  });

  it("shares the work between processes: run at once, every page is fetched exactly once", async () => {
    const made = [];
    for (let i = 0; i < 6; i++) made.push(await articleAt(`/shared-${i}`, paragraphs(`${i + 1},000`).join("\n\n")));
    minutesPass(PERIOD * 10);
    const [a, b] = await Promise.all([runDueRechecks(PERIOD, { now, fetch: allow }), runDueRechecks(PERIOD, { now, fetch: allow })]);
    const checked = [...a, ...b].map((r) => r.articleId);
    expect(new Set(checked).size).toBe(checked.length);
    expect(checked).toEqual(expect.arrayContaining(made.map((m) => m.id)));
    for (let i = 0; i < 6; i++) expect(hits.get(`/shared-${i}`)).toBe(1);
  });
});

it("FACTCHECK_RECHECK_MINUTES is off by default, and a period is at least 5 minutes and at most a week", () => {
  expect(parseEnv({}).FACTCHECK_RECHECK_MINUTES).toBe(0);
  expect(parseEnv({ FACTCHECK_RECHECK_MINUTES: "0" }).FACTCHECK_RECHECK_MINUTES).toBe(0);
  expect(parseEnv({ FACTCHECK_RECHECK_MINUTES: "60" }).FACTCHECK_RECHECK_MINUTES).toBe(60);
  expect(() => parseEnv({ FACTCHECK_RECHECK_MINUTES: "2" })).toThrow(/FACTCHECK_RECHECK_MINUTES must be 0 \(off\) or at least 5/);
  expect(() => parseEnv({ FACTCHECK_RECHECK_MINUTES: "20000" })).toThrow(/FACTCHECK_RECHECK_MINUTES/);
  expect(() => parseEnv({ FACTCHECK_RECHECK_MINUTES: "often" })).toThrow(/FACTCHECK_RECHECK_MINUTES/);
});

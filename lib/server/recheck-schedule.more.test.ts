// More of the scheduled re-check (lib/server/recheck-schedule.ts): two processes that start together
// over pages both find due (checked before) still fetch each page once, by the compare-and-set on the
// check's time; a run looks at a bounded number of pages; an article whose web address was removed is no
// longer checked; reports name the article.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Actor } from "./actor";
import { createArticle, updateArticle } from "./articles";
import { runDueRechecks } from "./recheck-schedule";
import { describeOnDatabases, seedUser } from "./test-databases";

const PERIOD = 30;
const allow = { allowPrivate: true };
const TEXT = [
  "The alliance said about 2,500 soldiers would be deployed to restore order in the country's largest city.",
  "More than 4,200 people have been detained across the country, the interior ministry said on Saturday morning.",
  "Officials said the troops would stay for several weeks, until the situation was stable again in every region.",
];

describeOnDatabases("scheduled re-check, shared and pruned", () => {
  let ed: Actor;
  let server: Server;
  let base = "";
  const hits = new Map<string, number>();
  let clock = Date.parse("2026-12-01T09:00:00Z");
  const now = () => new Date(clock);
  const run = () => runDueRechecks(PERIOD, { now, fetch: allow });

  beforeAll(async () => {
    ed = await seedUser("ed@test.org", "Ed Editor", "editor");
    server = createServer((req, res) => {
      hits.set(req.url ?? "/", (hits.get(req.url ?? "/") ?? 0) + 1);
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(`<!doctype html><html lang="en"><head><title>Page</title></head><body><article><h1>Page</h1>${TEXT.map((p) => `<p>${p}</p>`).join("")}</article></body></html>`);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("fetches each page once when two processes find the same pages due at the same moment", async () => {
    const made = [];
    for (let i = 0; i < 5; i++) made.push(await createArticle(ed, { title: `Story ${i}`, url: `${base}/story-${i}`, text: TEXT.join("\n\n") }));
    const first = await run();
    expect(first.map((r) => [r.articleId, r.title])).toEqual(made.map((a) => [a.id, a.title]));

    clock += PERIOD * 60_000;
    hits.clear();
    const [a, b] = await Promise.all([run(), run()]);
    const checked = [...a, ...b].map((r) => r.articleId).sort();
    expect(checked).toEqual(made.map((m) => m.id).sort());
    for (let i = 0; i < 5; i++) expect(hits.get(`/story-${i}`)).toBe(1);
  });

  it("looks at a bounded number of pages a run; the next run goes on with the rest", async () => {
    clock += PERIOD * 60_000;
    const all = (await run()).map((r) => r.articleId);
    expect(all.length).toBeGreaterThan(3);
    clock += PERIOD * 60_000;
    const first = await runDueRechecks(PERIOD, { now, fetch: allow, limit: 2 });
    const second = await runDueRechecks(PERIOD, { now, fetch: allow, limit: 2 });
    expect(first).toHaveLength(2);
    expect(second).toHaveLength(2);
    // The second run goes on with pages the first did not look at.
    const looked = [...first, ...second].map((r) => r.articleId);
    expect(new Set(looked).size).toBe(4);
    expect(all).toEqual(expect.arrayContaining(looked));
  });

  it("stops checking an article whose web address was removed", async () => {
    const kept = await createArticle(ed, { title: "Kept", url: `${base}/kept`, text: TEXT.join("\n\n") });
    const pasted = await createArticle(ed, { title: "Soon pasted", url: `${base}/soon-pasted`, text: TEXT.join("\n\n") });
    clock += PERIOD * 60_000;
    const before = (await run()).map((r) => r.articleId);
    expect(before).toEqual(expect.arrayContaining([kept.id, pasted.id]));

    await updateArticle(ed, pasted.id, { url: null });
    clock += PERIOD * 60_000;
    hits.clear();
    const after = await run();
    expect(after.map((r) => r.articleId)).toContain(kept.id);
    expect(after.map((r) => r.articleId)).not.toContain(pasted.id);
    expect(after.every((r) => !("failed" in r))).toBe(true);
    expect(hits.has("/soon-pasted")).toBe(false);
  });
});

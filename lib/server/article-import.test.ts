// Adding articles from the web and from files, against real databases: what is extracted becomes
// revision 1 with origin "import" and its source, a preview writes nothing, and a refused fetch (a
// private address, by default) writes nothing either.
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "./actor";
import { createArticle, getArticle } from "./articles";
import { extractFileForImport, extractForImport, recheckArticle, saveImported } from "./article-import";
import { createClaim, getClaim, updateClaim } from "./claims";
import { listRevisions } from "./revisions";
import { describeOnDatabases, expectRefused, lastEvent, seedUser } from "./test-databases";

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "fixtures", "articles", name));

describeOnDatabases("article import", () => {
  let ed: Actor;
  let rita: Actor;

  beforeAll(async () => {
    ed = await seedUser("ed@test.org", "Ed Editor", "editor");
    rita = await seedUser("rita@test.org", "Rita Reviewer", "reviewer");
  });

  it("adds an article from HTML with what was extracted, as revision 1 imported from its address", async () => {
    const html = fixture("en-wire-kazakhstan.html").toString("utf8");
    const imported = await extractForImport(ed, { html, url: "https://wire.example/world/kazakhstan-unrest" });
    expect(imported.preview).toBe(false);
    expect(imported.extracted.title).not.toBe("");
    expect(imported.extracted.text.length).toBeGreaterThan(500);
    const article = await saveImported(ed, imported);
    expect(article).toMatchObject({
      title: imported.extracted.title,
      byline: imported.extracted.byline,
      publisher: imported.extracted.publisher,
      publishedOn: imported.extracted.publishedOn,
      url: imported.extracted.url,
      text: imported.extracted.text,
      revision: 1,
    });
    expect(await getArticle(rita, article.id)).toMatchObject({ byline: imported.extracted.byline });
    const [first] = await listRevisions(rita, article.id);
    expect(first).toMatchObject({ number: 1, origin: "import", sourceUrl: "https://wire.example/world/kazakhstan-unrest", by: { id: ed.id } });
    expect(await lastEvent()).toMatchObject({ action: "article.created", entityId: article.id, after: { title: imported.extracted.title, byline: imported.extracted.byline } });
  });

  it("reads Markdown files, and names the file as the source", async () => {
    const imported = await extractFileForImport(ed, { name: "timeline.md", bytes: fixture("timeline.md"), type: "text/markdown" });
    const article = await saveImported(ed, imported);
    expect((await listRevisions(ed, article.id))[0]).toMatchObject({ origin: "import", sourceUrl: "timeline.md" });
  });

  it("writes nothing when the page cannot be imported, and only editors import", async () => {
    const watched = ["article"] as const;
    // Private addresses are refused unless FACTCHECK_FETCH_ALLOW_PRIVATE=1 (not set in unit tests).
    await expectRefused(() => extractForImport(ed, { url: "http://127.0.0.1:9/article" }), { code: "address_not_allowed" }, watched);
    await expectRefused(() => extractForImport(ed, { url: "file:///etc/passwd" }), { code: "fetch_failed" }, watched);
    await expectRefused(() => extractForImport(ed, { html: fixture("not-article-login.html").toString("utf8") }), { code: "not_an_article" }, watched);
    await expectRefused(() => extractForImport(ed, {}), { code: "validation_failed" }, watched);
    await expectRefused(() => extractForImport(rita, { html: "<p>Reviewers do not add articles.</p>" }), { code: "forbidden" }, watched);
    await expectRefused(() => extractFileForImport(ed, { name: "report.pdf", bytes: new Uint8Array([37, 80, 68, 70]) }), { code: "unsupported_media_type" }, watched);
  });

  describe("re-checking an article's page", () => {
    let server: Server;
    let page = "";
    let base = "";
    const paragraphs = [
      "The Collective Security Treaty Organization said about 2,500 soldiers would be deployed to Kazakhstan to restore order.",
      "More than 4,200 people have been detained across the country, the interior ministry said on Saturday morning.",
      "Officials said the troops would stay for several weeks, until the situation was stable again in every region.",
    ];
    const html = (ps: string[]) =>
      `<!doctype html><html lang="en"><head><title>Troops sent</title></head><body><nav><a href="/">Home</a></nav><article><h1>Troops sent</h1>${ps.map((p) => `<p>${p}</p>`).join("")}</article><footer>© Wire</footer></body></html>`;

    beforeAll(async () => {
      server = createServer((_req, res) => {
        res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
        res.end(page);
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it("keeps a changed page as the next revision, and reports an unchanged one", async () => {
      page = html(paragraphs);
      const imported = await extractForImport(ed, { html: page, url: `${base}/troops` });
      const article = await saveImported(ed, imported);
      expect(article.url).toBe(`${base}/troops`);
      const claim = await createClaim(rita, article.id, { exact: "about 2,500 soldiers" });
      await updateClaim(rita, claim.id, { version: claim.version, verdict: "mostly_true" });
      const allow = { allowPrivate: true };

      expect(await recheckArticle(ed, article.id, allow)).toEqual({ changed: false });
      page = html([paragraphs[0]!.replace("about 2,500", "about 3,000"), ...paragraphs.slice(1)]);
      expect(await recheckArticle(null, article.id, allow)).toEqual({ changed: true, revision: 2, reanchor: { exact: 0, moved: 0, fuzzy: 1, orphaned: 0 } });
      expect(await getClaim(rita, claim.id)).toMatchObject({ exact: "about 3,000 soldiers", status: "in_review", reworded: { revision: 2 } });
      const [latest] = await listRevisions(rita, article.id);
      expect(latest).toMatchObject({ number: 2, origin: "recheck", by: null, sourceUrl: `${base}/troops` });
      expect((await getArticle(rita, article.id)).changedAfterReviewAt).not.toBeNull();
      expect(await recheckArticle(ed, article.id, allow)).toEqual({ changed: false });
    });

    it("refuses articles without an address, and writes nothing when the page cannot be read", async () => {
      const bare = await createArticle(ed, { title: "No address", text: paragraphs.join("\n\n") });
      await expectRefused(() => recheckArticle(ed, bare.id), { code: "validation_failed" }, ["article"]);
      const local = await createArticle(ed, { title: "Local", text: paragraphs.join("\n\n"), url: `${base}/troops` });
      // Without permission to fetch private addresses (the default), nothing is fetched.
      await expectRefused(() => recheckArticle(ed, local.id), { code: "address_not_allowed" }, ["article"]);
      await expectRefused(() => recheckArticle(rita, local.id), { code: "forbidden" }, ["article"]);
      await expectRefused(() => recheckArticle(ed, "no-such-article"), { code: "not_found" });
    });
  });
});

// Where an imported article came from is recorded only when it is a web address: HTML pasted with a
// "javascript:" or "file:" address beside it keeps no such address, as the article's link or as its
// first revision's source, so no page can later offer it as a link or fetch it on a re-check.
import { beforeAll, expect, it } from "vitest";
import type { Actor } from "./actor";
import { extractForImport, saveImported } from "./article-import";
import { listRevisions } from "./revisions";
import { describeOnDatabases, seedUser } from "./test-databases";

const HTML = `<!doctype html><html lang="en"><head><title>Troops sent</title></head><body><article><h1>Troops sent</h1>
<p>The Collective Security Treaty Organization said about 2,500 soldiers would be deployed to restore order.</p>
<p>More than 4,200 people have been detained across the country, the interior ministry said on Saturday.</p>
<p>Officials said the troops would stay for several weeks, until the situation was stable again.</p></article></body></html>`;

describeOnDatabases("the source of imported HTML", () => {
  let ed: Actor;
  beforeAll(async () => {
    ed = await seedUser("ed@test.org", "Ed Editor", "editor");
  });

  it("records an http(s) address, and nothing of any other scheme", async () => {
    const fromWeb = await saveImported(ed, await extractForImport(ed, { html: HTML, url: "https://wire.example/troops" }));
    expect(fromWeb.url).toBe("https://wire.example/troops");
    expect((await listRevisions(ed, fromWeb.id))[0]).toMatchObject({ origin: "import", sourceUrl: "https://wire.example/troops" });

    for (const url of ["javascript:alert(1)", "file:///etc/passwd", "data:text/html,<p>x</p>"]) {
      const article = await saveImported(ed, await extractForImport(ed, { html: HTML, url }));
      expect(article.url).toBeNull();
      expect((await listRevisions(ed, article.id))[0]!.sourceUrl).toBe("pasted HTML");
    }
  });
});

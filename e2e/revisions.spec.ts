// Articles that change, as a newsroom meets them: an editor imports an article from its web address,
// reviewers mark claims and give verdicts, the publisher silently edits the page, and "Check for
// changes" finds it: a new revision, the diff, claims that moved, changed and vanished, and the
// changed claims back in their reviewer's queue.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { APIRequestContext } from "@playwright/test";
import { bearer, expect, selectWithMouse, signIn, test } from "./fixtures";

const P = {
  lead: "Russia-led troops arrive in Kazakhstan as the government restores order after a week of unrest.",
  figure: "The Collective Security Treaty Organization said about 2,500 soldiers had been deployed to Almaty and the capital.",
  detained: "More than 4,200 people have been detained across the country, the interior ministry said on Saturday.",
  weeks: "Officials said the troops would stay for several weeks, until the situation was stable in every region.",
};
const page = (title: string, paragraphs: string[]) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title} | Example Wire</title>
<meta property="og:site_name" content="Example Wire"><meta name="author" content="Dana Reporter">
<meta property="article:published_time" content="2022-01-08T10:00:00Z"></head>
<body><header><nav><a href="/">Home</a> <a href="/world">World</a></nav></header>
<main><article><h1>${title}</h1><p class="byline">By Dana Reporter</p>
${paragraphs.map((p) => `<p>${p}</p>`).join("\n")}
</article><aside><h2>Related articles</h2><ul><li><a href="/a">Another story</a></li></ul></aside></main>
<footer>© Example Wire. Accept cookies to continue.</footer></body></html>`;

let server: Server;
let current = "";
let base = "";

test.beforeAll(async () => {
  server = createServer((_req, res) => {
    if (!current) {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("Not found");
      return;
    }
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(current);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
test.afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

test("an editor imports an article from the web, checks it for changes, and sees what changed and which claims it touched", async ({ page: browser, request }) => {
  const title = `Troops arrive in Kazakhstan ${Date.now()}`;
  current = page(title, [P.lead, P.figure, P.detained, P.weeks]);

  await signIn(browser, "editor");
  await browser.getByRole("link", { name: "Add article" }).click();
  await browser.getByLabel("Article’s web address").fill(`${base}/world/troops`);
  await browser.getByRole("button", { name: "Fetch article" }).click();
  await expect(browser.getByText(`Extracted from ${base}/world/troops`)).toBeVisible();
  // What was extracted is there to check; the editor corrects the publisher before adding it.
  await expect(browser.getByLabel("Title")).toHaveValue(title);
  await expect(browser.getByLabel("Byline")).toHaveValue("Dana Reporter");
  await expect(browser.getByLabel("Publication date")).toHaveValue("2022-01-08");
  await expect(browser.getByLabel("Text")).toHaveValue([P.lead, P.figure, P.detained, P.weeks].join("\n\n"));
  await expect(browser.getByLabel("Publisher")).toHaveValue("Example Wire");
  await browser.getByLabel("Publisher").fill("Example Wire Service");
  await browser.screenshot({ path: "test-results/import-preview.png", fullPage: true });
  await browser.getByRole("button", { name: "Add article" }).click();
  await expect(browser.getByRole("heading", { name: title })).toBeVisible();
  await expect(browser.getByText("Example Wire Service · 8 Jan 2022")).toBeVisible();
  const articleId = browser.url().split("/articles/")[1]!.split("?")[0]!;

  // Reviewers mark the claims; one is marked here by hand, and Alice is assigned the article.
  await selectWithMouse(browser, "about 2,500 soldiers had been deployed");
  await browser.getByRole("button", { name: "Mark claim" }).click();
  await expect(browser.getByRole("button", { name: "Mark claim" })).toBeHidden();
  const claims = `/api/v1/articles/${articleId}/claims`;
  const mark = async (exact: string) => ((await (await request.post(claims, { headers: bearer("alice"), data: { exact } })).json()) as { id: string; version: number });
  const detained = await mark("More than 4,200 people have been detained");
  const weeks = await mark("stay for several weeks");
  const lead = await mark("troops arrive in Kazakhstan");
  expect((await request.post(`/api/v1/articles/${articleId}/assignments`, { headers: bearer("editor"), data: { userIds: [await aliceId(request)] } })).status()).toBe(201);
  for (const claim of [detained, weeks]) {
    expect((await request.patch(`/api/v1/claims/${claim.id}`, { headers: bearer("alice"), data: { version: claim.version, verdict: "true" } })).status()).toBe(200);
  }

  // Nothing changed yet.
  await browser.getByRole("button", { name: "Check for changes" }).click();
  await expect(browser.getByText("The page has not changed since the latest revision.")).toBeVisible();
  await expect(browser.getByText(/^Page last checked for changes \d+ \w+ \d{4}, \d\d:\d\d UTC$/)).toBeVisible();

  // The publisher corrects the figure of detainees, moves the lead to the end and drops a sentence.
  current = page(title, [P.figure, P.detained.replace("More than 4,200", "More than 5,000"), P.lead]);
  await browser.getByRole("button", { name: "Check for changes" }).click();
  await expect(browser.getByText("The page changed: it is now revision 2. Claims: 1 moved, 1 changed, 1 gone.")).toBeVisible();
  await expect(browser.getByText(/Changed after review/)).toBeVisible();
  // The text on the page is the new one, and the claim whose words are gone is listed apart.
  await expect(browser.getByRole("region", { name: "Article text" })).toContainText("More than 5,000 people");
  const gone = browser.getByRole("region", { name: /Claims whose text is gone/ });
  await expect(gone).toContainText("“stay for several weeks”");
  await expect(browser.locator(`mark[data-claim-id="${weeks.id}"]`)).toHaveCount(0);
  await expect(browser.locator(`mark[data-claim-id="${lead.id}"]`)).toHaveText("troops arrive in Kazakhstan");

  await browser.screenshot({ path: "test-results/recheck-article.png", fullPage: true });
  await browser.getByRole("link", { name: "See what changed" }).click();
  await expect(browser.getByRole("heading", { name: "What revision 2 changed" })).toBeVisible();
  const diff = browser.getByTestId("revision-diff");
  await expect(diff.locator("del")).toContainText(["4,200"]);
  await expect(diff.locator("ins")).toContainText(["5,000"]);
  const touched = browser.getByRole("list", { name: "Claims this revision touched" });
  await expect(touched.getByRole("listitem")).toHaveCount(3);
  await expect(touched).toContainText("“troops arrive in Kazakhstan” — moved");
  await expect(touched).toContainText("“More than 5,000 people have been detained” — words changed");
  await expect(touched).toContainText("“stay for several weeks” — text gone");
  const revisions = browser.getByRole("list", { name: "Revisions, newest first" });
  await expect(revisions.getByRole("listitem")).toHaveCount(2);
  await expect(revisions.getByRole("listitem").first()).toContainText("Revision 2 · Changed on the web (re-check)");
  await expect(revisions.getByRole("listitem").last()).toContainText("Revision 1 · Imported");

  await browser.screenshot({ path: "test-results/revision-diff.png", fullPage: true });
  // The changed claim opens with its new words, its verdict marked as given on an earlier wording.
  await touched.getByRole("link", { name: "“More than 5,000 people have been detained”" }).click();
  const note = browser.getByRole("note", { name: "Text changed" });
  await expect(note).toContainText("Revision 2 of the article changed these words");
  await expect(note).toContainText("The verdict was given on an earlier wording");
  await browser.screenshot({ path: "test-results/reworded-claim.png", fullPage: true });

  // The page is taken down: the check says why it failed, and the article says so until a check reads it again.
  const published = current;
  current = "";
  await browser.getByRole("button", { name: "Check for changes" }).click();
  await expect(browser.getByRole("alert").filter({ hasText: "The server answered with HTTP status 404." })).toBeVisible();
  await expect(browser.getByText(/The last check for changes, .* UTC, could not read the page: The server answered with HTTP status 404\.$/)).toBeVisible();
  current = published;

  // Alice finds the changed claims in her queue.
  await browser.context().clearCookies();
  await signIn(browser, "alice");
  await browser.goto("/queue");
  const item = browser.getByRole("list", { name: "Assigned articles" }).getByRole("listitem").filter({ hasText: title });
  await expect(item.getByRole("link", { name: "More than 5,000 people have been detained" })).toBeVisible();
  await expect(item.getByRole("link", { name: "stay for several weeks" })).toBeVisible();
});

async function aliceId(request: APIRequestContext): Promise<string> {
  return ((await (await request.get("/api/v1/queue", { headers: bearer("alice") })).json()) as { user: { id: string } }).user.id;
}

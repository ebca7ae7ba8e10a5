// The XSS sweep: some eighty script-injection vectors go into every field a user can type (article
// title, publisher, text and link; claim quote, statement, rationale and note; source title, publisher,
// quote, link and archived link; a user's name; an imported annotation's body), then every page and
// report that shows them is rendered in Chromium after hydration. Nothing may run: each vector calls its
// own `__xss(n)` marker (bound in every frame) and some also open a dialog. Because the pages' CSP
// would block inline scripts on its own, the sweep also proves the escaping itself: the served HTML never
// carries a vector's markup as typed, the DOM holds no element or attribute a vector would create, and
// every field's text is shown as the very characters the user typed.
import type { APIRequestContext, BrowserContext, Page } from "@playwright/test";
import { CLAIM_QUOTE, apiToken, bearer, expect, sessionContext, signIn, test, uniqueEmail } from "../fixtures";
import { port } from "../raw-http";
import { recordFigures } from "./figures";
import { VECTORS, groups, inUrl, inspectDom, missingText, pack, type DomFinding } from "./xss-helpers";

const ORIGIN = `http://localhost:${port}`;

interface SourceData {
  title: string;
  publisher: string;
  quote: string;
  url: string;
  archivedUrl: string;
}
interface ClaimData {
  id: string;
  exact: string;
  statement: string;
  rationale: string;
  note: string;
  author: string;
  sources: SourceData[];
}
interface ArticleData {
  id: string;
  title: string;
  publisher: string;
  url: string;
  claims: ClaimData[];
}

/** A labelled piece of user text a page must show as typed. */
type Shown = [label: string, text: string];

function articleFields(a: ArticleData): Shown[] {
  return [
    ["article title", a.title],
    ["article publisher", a.publisher],
    ["article url", a.url],
  ];
}

function claimFields(c: ClaimData, opts: { note: boolean; author: boolean }): Shown[] {
  const out: Shown[] = [["claim quote", c.exact]];
  if (c.statement) out.push(["claim statement", c.statement]);
  if (c.rationale) out.push(["claim rationale", c.rationale]);
  if (c.note && opts.note) out.push(["claim note", c.note]);
  if (opts.author) out.push(["author name", c.author]);
  for (const s of c.sources) {
    out.push(["source title", s.title], ["source publisher", s.publisher], ["source url", s.url], ["source archivedUrl", s.archivedUrl]);
    if (s.quote) out.push(["source quote", s.quote]);
  }
  return out;
}

async function post(request: APIRequestContext, path: string, headers: Record<string, string>, data: unknown) {
  const response = await request.post(path, { headers, data });
  expect(response.status(), `${path}: ${(await response.text()).slice(0, 300)}`).toBeLessThan(300);
  return (await response.json()) as Record<string, unknown> & { id: string };
}

test.describe("XSS sweep @pg", () => {
  test("no vector in any user field runs, becomes markup or a script link on any page or report", async ({ browser, request }) => {
    const started = Date.now();
    const V = VECTORS;
    const all = V.join(" ");
    const suffix = Math.random().toString(36).slice(2, 8);
    apiToken("editor");
    apiToken("alice");

    // ---- data: one main article for the long fields, small articles for the title-like ones ----
    const titles = pack(V, 300);
    const publishers = pack(V, 200);
    const articleUrls = pack(V, 1900, inUrl, "/").map((p, i) => `https://example.org/a${i}/${p}`);
    // Each account costs two scrypt hashes (made, then signed in): three names carry the short vectors.
    const names = pack(V.filter((v) => v.length <= 40), 120).slice(0, 3);
    const claimGroups = groups(V, 1000);
    const smallCount = Math.max(titles.length, publishers.length, articleUrls.length) - 1;
    const pick = (list: string[], k: number) => list[k % list.length]!;

    const mainParagraphs = claimGroups.map((g, i) => `Paragraph ${i + 1}: ${g.join(" ")}`);
    const importedQuote = `Imported paragraph ${suffix} for the annotation.`;
    const mainText = [`XSS sweep ${suffix}. ${CLAIM_QUOTE}.`, ...mainParagraphs, importedQuote, `Every vector at once: ${all}`].join("\n\n");

    const articles: ArticleData[] = [];
    const userArticle = (j: number) => 1 + (j % smallCount);
    for (let k = 0; k <= smallCount; k++) {
      const sentences = names.map((_, j) => j).filter((j) => userArticle(j) === k).map((j) => `Sentence ${j} stands here.`);
      const text = k === 0 ? mainText : [`Small article ${k} of sweep ${suffix}.`, ...sentences].join("\n\n");
      const data = { title: pick(titles, k), publisher: pick(publishers, k), url: pick(articleUrls, k), text, publishedOn: "2022-01-07" };
      const created = await post(request, "/api/v1/articles", bearer("editor"), data);
      articles.push({ id: created.id, title: data.title, publisher: data.publisher, url: data.url, claims: [] });
    }
    const main = articles[0]!;

    // The long fields: one claim per group of vectors on the main article, each quoting its paragraph.
    for (const [g, vs] of claimGroups.entries()) {
      const joined = vs.join(" ");
      const claim = await post(request, `/api/v1/articles/${main.id}/claims`, bearer("alice"), { exact: mainParagraphs[g], statement: joined });
      const patched = await request.patch(`/api/v1/claims/${claim.id}`, {
        headers: bearer("alice"),
        data: { version: 1, verdict: "false", status: "verdict_given", rationale: joined, note: joined },
      });
      expect(patched.status(), await patched.text()).toBe(200);
      const sourceTitles = pack(vs, 500);
      const sourcePublishers = pack(vs, 200);
      const sources: SourceData[] = [];
      for (let i = 0; i < Math.max(sourceTitles.length, sourcePublishers.length); i++) {
        const source: SourceData = {
          title: pick(sourceTitles, i),
          publisher: pick(sourcePublishers, i),
          quote: i === 0 ? joined : "",
          url: `https://example.org/s${g}/${i}/${vs.map(inUrl).join("/")}`,
          archivedUrl: `https://web.archive.org/web/2022/https://example.org/?q=${vs.map(inUrl).join("&q=")}`,
        };
        await post(request, `/api/v1/claims/${claim.id}/sources`, bearer("alice"), { ...source, stance: "contradicts", accessedOn: "2022-01-09" });
        sources.push(source);
      }
      main.claims.push({ id: claim.id, exact: mainParagraphs[g]!, statement: joined, rationale: joined, note: joined, author: "Alice Reviewer", sources });
    }

    // An imported W3C annotation whose body text carries every vector (it becomes the claim's rationale).
    const imported = await request.post(`/api/v1/articles/${main.id}/annotations/import`, {
      headers: bearer("editor"),
      data: {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        type: "Annotation",
        id: `urn:xss:${suffix}`,
        body: { type: "TextualBody", value: all },
        target: { source: "https://example.org/elsewhere", selector: { type: "TextQuoteSelector", exact: importedQuote } },
      },
    });
    expect(imported.status(), await imported.text()).toBeLessThan(300);
    const importResult = (await imported.json()) as { created: unknown[]; counts: { exact: number } };
    expect(importResult.counts.exact).toBe(1);
    const importedClaim = (await (await request.get(`/api/v1/articles/${main.id}/claims`, { headers: bearer("editor") })).json()) as {
      items: { id: string; exact: string; rationale: string; author: { name: string } }[];
    };
    const importedItem = importedClaim.items.find((c) => c.exact === importedQuote);
    expect(importedItem?.rationale).toBe(all);
    main.claims.push({ id: importedItem!.id, exact: importedQuote, statement: "", rationale: all, note: "", author: importedItem!.author.name, sources: [] });

    // ---- the browser: markers, dialogs, navigations and CSP reports in every page and frame ----
    const executions: string[] = [];
    const dialogs: string[] = [];
    const scriptNavigations: string[] = [];
    const cspViolations: string[] = [];
    let pageLoads = 0;
    const problems: string[] = [];

    async function instrumented(): Promise<{ context: BrowserContext; page: Page }> {
      const context = await browser.newContext({ baseURL: ORIGIN });
      await context.exposeBinding("__xss", ({ frame }, n: unknown) => void executions.push(`vector ${String(n)} ran in ${frame.url()}`));
      await context.exposeBinding("__cspViolation", ({ frame }, detail: unknown) => void cspViolations.push(`${frame.url()}: ${String(detail)}`));
      await context.addInitScript(() => {
        document.addEventListener("securitypolicyviolation", (e) => {
          const report = (window as unknown as { __cspViolation?: (d: string) => void }).__cspViolation;
          report?.(`${e.violatedDirective} blocked ${e.blockedURI} ${e.sample}`);
        });
      });
      const page = await context.newPage();
      page.on("dialog", (dialog) => {
        dialogs.push(`${dialog.type()} "${dialog.message()}" on ${page.url()}`);
        void dialog.dismiss();
      });
      page.on("framenavigated", (frame) => {
        if (!/^(https?:|about:)/.test(frame.url())) scriptNavigations.push(frame.url());
      });
      // The multi-article report is a download; open it as a browser opens the downloaded file.
      await page.route("**/api/v1/reports?**", async (route) => {
        const response = await route.fetch();
        const headers = { ...response.headers() };
        delete headers["content-disposition"];
        await route.fulfill({ response, headers });
      });
      return { context, page };
    }

    const withMarkup = V.filter((v) => /[<>"]/.test(v));
    /** Tags a vector would open, as typed: from each `<` to the vector's end, where that still names its marker. */
    const markupPieces = V.flatMap((v) => [...v.matchAll(/</g)].map((m) => v.slice(m.index)).filter((p) => /xss/i.test(p)));

    /** Loads one page, waits for hydration (or for the static report to load) and checks it. */
    async function sweep(page: Page, path: string, shown: Shown[], opts: { report?: boolean; openHistory?: boolean } = {}) {
      const response = await page.goto(path);
      pageLoads++;
      expect(response?.status(), path).toBe(200);
      const html = await response!.text();
      if (!opts.report) {
        // Hydrated: React has attached its fibers to the page's elements.
        await page.waitForFunction(() => {
          const main = document.getElementById("main") ?? document.querySelector("main");
          return main !== null && Object.keys(main).some((k) => k.startsWith("__reactFiber"));
        }, undefined, { timeout: 30_000 });
      }
      if (opts.openHistory) {
        await page.getByText("History", { exact: true }).click();
        await expect(page.getByRole("list", { name: "History" }).first()).toBeVisible();
      }
      for (const v of withMarkup) if (html.includes(v)) problems.push(`${path}: the served HTML carries vector ${V.indexOf(v) + 1} as typed`);
      for (const piece of markupPieces) if (html.includes(piece)) problems.push(`${path}: the served HTML carries markup ${JSON.stringify(piece.slice(0, 40))}`);
      const findings: DomFinding[] = await page.evaluate(inspectDom);
      for (const f of findings) problems.push(`${path}: ${f.what}: ${f.detail}`);
      const missing = await page.evaluate(missingText, shown.map(([, text]) => text));
      for (const text of missing) problems.push(`${path}: ${shown.find(([, t]) => t === text)?.[0]} not shown as typed: ${text.slice(0, 60)}`);
    }

    // ---- user names: an admin adds the accounts on the admin page; each marks a claim ----
    const { context, page } = await instrumented();
    await signIn(page, "admin");
    pageLoads++;
    await page.goto("/admin/users");
    pageLoads++;
    const password = `pw-${suffix}-long-enough-for-xss`;
    const users: { email: string; name: string }[] = [];
    for (const name of names) {
      const email = uniqueEmail("xss");
      const form = page.getByRole("form", { name: "Add a user" });
      await form.getByLabel("Name").fill(name);
      await form.getByLabel("Email").fill(email);
      await form.getByLabel("Role").selectOption("reviewer");
      await form.getByLabel("Initial password").fill(password);
      await form.getByRole("button", { name: "Add user" }).click();
      await expect(page.getByRole("status")).toHaveText(`Added ${email}.`);
      users.push({ email, name });
    }
    for (const [j, user] of users.entries()) {
      const client = await sessionContext(ORIGIN, user.email, password);
      const article = articles[userArticle(j)]!;
      const exact = `Sentence ${j} stands here.`;
      const created = await post(client, `/api/v1/articles/${article.id}/claims`, { Origin: ORIGIN }, { exact });
      await client.dispose();
      article.claims.push({ id: created.id, exact, statement: "", rationale: "", note: "", author: user.name, sources: [] });
    }

    // ---- the sweep ----
    await sweep(page, "/admin/users", users.map((u) => ["user name", u.name] as Shown));
    await sweep(page, "/", articles.map((a) => ["article title", a.title] as Shown));
    for (const article of articles) {
      const everything = article.claims.flatMap((c) => claimFields(c, { note: true, author: true }));
      const publicView = article.claims.flatMap((c) => claimFields(c, { note: false, author: true }));
      for (const claim of article === main ? article.claims : article.claims.slice(0, 1)) {
        const text: Shown[] = article === main ? [["article text", `Every vector at once: ${all}`]] : [];
        await sweep(page, `/articles/${article.id}?claim=${claim.id}`, [...articleFields(article), ...text, ...claimFields(claim, { note: true, author: true })], {
          openHistory: true,
        });
      }
      await sweep(page, `/articles/${article.id}/edit`, articleFields(article));
      // The small articles' activity and reports are covered by the multi-article report below.
      if (article !== main && article.id !== articles[1]!.id) continue;
      // The activity list shortens long values (quotes, links, long rationales): it must show the rest as typed.
      await sweep(page, `/articles/${article.id}/activity`, [...articleFields(article), ...everything].filter(([label, text]) => !label.includes("url") && text.length <= 500));
      await sweep(page, `/articles/${article.id}/report`, [...articleFields(article), ...everything], { report: true });
      await sweep(page, `/articles/${article.id}/report?audience=public`, [...articleFields(article), ...publicView], { report: true });
    }
    const ids = articles.map((a) => a.id).join(",");
    const everywhere = articles.flatMap((a) => [...articleFields(a), ...a.claims.flatMap((c) => claimFields(c, { note: true, author: true }))]);
    const everywherePublic = articles.flatMap((a) => [...articleFields(a), ...a.claims.flatMap((c) => claimFields(c, { note: false, author: true }))]);
    await sweep(page, `/api/v1/reports?articles=${ids}&format=html`, everywhere, { report: true });
    await sweep(page, `/api/v1/reports?articles=${ids}&format=html&audience=public`, everywherePublic, { report: true });
    await context.close();

    const fields = 15;
    const seconds = Math.round((Date.now() - started) / 1000);
    recordFigures(
      "xss",
      `${executions.length} executions and ${dialogs.length} dialogs of ${V.length} vectors in ${fields} fields over ${pageLoads} page loads (${articles.length} articles, ${users.length} user names); ${problems.length} escaping problems, ${cspViolations.length} CSP violations reported`,
      { vectors: V.length, fields, pageLoads, executions: executions.length, dialogs: dialogs.length, scriptNavigations: scriptNavigations.length, escapingProblems: problems.length, cspViolations: cspViolations.length, seconds },
    );
    expect(executions).toEqual([]);
    expect(dialogs).toEqual([]);
    expect(scriptNavigations).toEqual([]);
    expect(problems).toEqual([]);
    // Nothing the pages' own code or the users' text does trips the CSP: a violation would be a vector
    // that reached the page as markup and was stopped only by the policy.
    expect(cspViolations).toEqual([]);
  });
});

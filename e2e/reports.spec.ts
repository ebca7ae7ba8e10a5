// Review reports and exports through the API and the UI: every format answers with the right type and
// file name and holds the claims; viewers may export; the public audience leaves notes and emails
// out; W3C export → import into another copy of the article gives the same claims back.
import { CLAIM_QUOTE, bearer, expect, freshArticle, signIn, test, type ApiClaim } from "./fixtures";

async function articleWithClaims(request: Parameters<typeof freshArticle>[0]) {
  const article = await freshArticle(request);
  const make = async (exact: string, statement: string, verdict: string, rationale: string, note: string) => {
    const created = (await (
      await request.post(`/api/v1/articles/${article.id}/claims`, { headers: bearer("alice"), data: { exact, statement } })
    ).json()) as ApiClaim;
    const patched = await request.patch(`/api/v1/claims/${created.id}`, {
      headers: bearer("alice"),
      data: { version: created.version, verdict, rationale, note },
    });
    expect(patched.status()).toBe(200);
    return created.id;
  };
  const first = await make(CLAIM_QUOTE, "reportedly 2,500", "mostly_true", "The CSTO said about 2,500.", "NOTE-internal-1");
  await make("double-fold increase in fuel prices", "fuel prices doubled", "half_true", "Prices rose from 60 to 120 tenge.", "NOTE-internal-2");
  const source = await request.post(`/api/v1/claims/${first}/sources`, {
    headers: bearer("alice"),
    data: { url: "https://en.odkb-csto.org/news/", title: "CSTO statement", publisher: "CSTO", quote: "about 2,500 people", stance: "supports", archivedUrl: "https://web.archive.org/web/2022/https://en.odkb-csto.org/news/", accessedOn: "2022-01-09" },
  });
  expect(source.status()).toBe(201);
  return article;
}

test.describe("reports and exports @pg", () => {
  test("a viewer downloads every format, each with its type, file name and content", async ({ request }) => {
    const article = await articleWithClaims(request);
    const url = (format: string, extra = "") => `/api/v1/articles/${article.id}/report?format=${format}${extra}`;
    const get = async (format: string, extra = "") => {
      const response = await request.get(url(format, extra), { headers: bearer("viewer") });
      expect(response.status(), `${format}: ${response.status()}`).toBe(200);
      expect(response.headers()["content-disposition"]).toMatch(/^attachment; filename="sample-[a-z0-9]+-report(-public)?\.[a-z.]+"$/);
      return response;
    };

    const pdf = await get("pdf");
    expect(pdf.headers()["content-type"]).toBe("application/pdf");
    expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
    const letter = await get("pdf", "&pageSize=letter");
    expect((await letter.body()).subarray(0, 5).toString()).toBe("%PDF-");

    const html = await (await get("html")).text();
    expect(html).toContain('http-equiv="Content-Security-Policy"');
    expect(html).toContain("reportedly 2,500");

    const md = await get("md");
    expect(md.headers()["content-type"]).toContain("text/markdown");
    expect(await md.text()).toContain("Mostly true");

    const csv = await get("csv");
    expect(csv.headers()["content-type"]).toContain("text/csv");
    const csvText = (await csv.body()).toString("utf8");
    expect(csvText.charCodeAt(0)).toBe(0xfeff);
    expect(csvText.split("\r\n").filter(Boolean)).toHaveLength(3);

    const json = (await (await get("json")).json()) as { format: string; articles: { claims: { statement: string }[] }[] };
    expect(json.format).toBe("factcheck-report/2");
    // Text order: the fuel prices come up in the first paragraph, the troops in the second.
    expect(json.articles[0]!.claims.map((c) => c.statement)).toEqual(["fuel prices doubled", "reportedly 2,500"]);

    const reviews = (await (await get("claimreview")).json()) as { "@type": string; claimReviewed: string; reviewRating: { alternateName: string } }[];
    expect(reviews.map((r) => [r["@type"], r.claimReviewed, r.reviewRating.alternateName])).toEqual([
      ["ClaimReview", "fuel prices doubled", "Half true"],
      ["ClaimReview", "reportedly 2,500", "Mostly true"],
    ]);

    const w3c = await get("w3c");
    expect(w3c.headers()["content-type"]).toContain("application/ld+json");
    expect(((await w3c.json()) as { type: string }).type).toBe("AnnotationCollection");
  });

  test("the public audience leaves out internal notes and reviewers' emails in every format", async ({ request }) => {
    const article = await articleWithClaims(request);
    for (const format of ["html", "md", "csv", "json", "claimreview", "w3c"]) {
      const internal = await (await request.get(`/api/v1/articles/${article.id}/report?format=${format}`, { headers: bearer("editor") })).text();
      const open = await (await request.get(`/api/v1/articles/${article.id}/report?format=${format}&audience=public`, { headers: bearer("editor") })).text();
      if (format !== "claimreview") expect(internal, format).toContain("NOTE-internal-1");
      expect(open, format).not.toContain("NOTE-internal");
      expect(open, format).not.toContain("alice@example.com");
    }
  });

  test("bad report requests are 4xx with a clear message", async ({ request }) => {
    const article = await articleWithClaims(request);
    const bad = async (path: string, status: number, text: RegExp) => {
      const response = await request.get(path, { headers: bearer("viewer") });
      expect(response.status(), path).toBe(status);
      expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(text);
    };
    await bad(`/api/v1/articles/${article.id}/report?format=docx`, 400, /format is one of/);
    await bad(`/api/v1/articles/${article.id}/report?format=pdf&audience=everyone`, 400, /audience is internal or public/);
    await bad(`/api/v1/articles/no-such-article/report?format=json`, 404, /not found/);
    await bad(`/api/v1/reports?format=csv`, 400, /Choose articles, or a date range/);
    await bad(`/api/v1/reports?format=w3c&articles=${article.id}`, 400, /format is one of/);
  });

  test("a report across several articles holds each of them, chosen or by review date", async ({ request }) => {
    const a = await articleWithClaims(request);
    const b = await articleWithClaims(request);
    const csv = (await (await request.get(`/api/v1/reports?format=csv&articles=${a.id},${b.id}`, { headers: bearer("viewer") })).body()).toString("utf8");
    expect(csv.split("\r\n").filter(Boolean)).toHaveLength(5);
    expect(csv).toContain(a.title);
    expect(csv).toContain(b.title);
    const today = new Date().toISOString().slice(0, 10);
    const json = (await (await request.get(`/api/v1/reports?format=json&from=${today}&to=${today}`, { headers: bearer("viewer") })).json()) as {
      articles: { article: { id: string } }[];
    };
    const ids = json.articles.map((x) => x.article.id);
    expect(ids).toEqual(expect.arrayContaining([a.id, b.id]));
    const pdf = await request.get(`/api/v1/reports?format=pdf&articles=${a.id}&articles=${b.id}`, { headers: bearer("viewer") });
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()["content-disposition"]).toMatch(/filename="factcheck-report-\d{4}-\d{2}-\d{2}\.pdf"/);
  });

  test("W3C export imported into another copy of the article gives back the same claims, once", async ({ request }) => {
    const from = await articleWithClaims(request);
    const into = await freshArticle(request);
    const collection: unknown = await (await request.get(`/api/v1/articles/${from.id}/report?format=w3c`, { headers: bearer("editor") })).json();

    const refused = await request.post(`/api/v1/articles/${into.id}/annotations/import`, { headers: bearer("alice"), data: collection as object });
    expect(refused.status()).toBe(403);
    // Permission is checked before the body is read: an 11 MB body from a reviewer is a 403, not a 413.
    const big = `[${'"x",'.repeat(2_750_000)}"x"]`;
    const bigRefused = await request.post(`/api/v1/articles/${into.id}/annotations/import`, {
      headers: { ...bearer("alice"), "Content-Type": "application/json" },
      data: big,
    });
    expect(bigRefused.status()).toBe(403);
    for (const body of ["null", "0", "{}", "[{}]"]) {
      const junk = await request.post(`/api/v1/articles/${into.id}/annotations/import`, {
        headers: { ...bearer("editor"), "Content-Type": "application/json" },
        data: body,
      });
      expect(junk.status()).toBe(422);
      expect(((await junk.json()) as { error: { code: string } }).error.code).toBe("not_importable");
    }

    const imported = await request.post(`/api/v1/articles/${into.id}/annotations/import`, { headers: bearer("editor"), data: collection as object });
    expect(imported.status()).toBe(201);
    expect(((await imported.json()) as { counts: unknown }).counts).toEqual({ exact: 2, fuzzy: 0, unplaced: 0 });

    const claims = async (id: string) =>
      ((await (await request.get(`/api/v1/articles/${id}/claims`, { headers: bearer("editor") })).json()) as { items: ApiClaim[] }).items.map((c) => ({
        exact: c.exact,
        start: c.start,
        end: c.end,
        statement: c.statement,
        verdict: c.verdict,
        rationale: c.rationale,
        note: c.note,
        sources: c.sources.map(({ id: _id, ...s }) => s),
      }));
    expect(await claims(into.id)).toEqual(await claims(from.id));

    const again = await request.post(`/api/v1/articles/${into.id}/annotations/import`, { headers: bearer("editor"), data: collection as object });
    expect(((await again.json()) as { counts: { unplaced: number } }).counts.unplaced).toBe(2);
    expect(await claims(into.id)).toHaveLength(2);
  });
});

test("the Export menu opens the report page and downloads a file; an editor imports annotations from the article page", async ({ page, request }) => {
  const article = await articleWithClaims(request);
  await signIn(page, "viewer");
  await page.goto(`/articles/${article.id}`);
  await page.getByText("Export", { exact: true }).click();
  await page.getByLabel("Format").selectOption("csv");
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download" }).click();
  expect((await download).suggestedFilename()).toMatch(/^sample-[a-z0-9]+-report\.csv$/);

  await page.getByRole("link", { name: "Open the review report" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(article.title);
  await expect(page.getByText("reportedly 2,500").first()).toBeVisible();
  await expect(page.getByText("NOTE-internal-1")).toBeVisible();
  await page.getByRole("link", { name: "Show the public version" }).click();
  await expect(page.getByText("reportedly 2,500").first()).toBeVisible();
  await expect(page.getByText("NOTE-internal-1")).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Import" })).toHaveCount(0);

  const collection = await (await request.get(`/api/v1/articles/${article.id}/report?format=w3c`, { headers: bearer("editor") })).body();
  const target = await freshArticle(request);
  await page.context().clearCookies();
  await signIn(page, "editor");
  await page.goto(`/articles/${target.id}`);
  await page.getByText("Import", { exact: true }).click();
  // The file goes to the REST route (authenticated by the session cookie), not to a server action.
  const upload = page.waitForResponse((r) => r.url().endsWith(`/api/v1/articles/${target.id}/annotations/import`) && r.request().method() === "POST");
  await page.getByLabel(/Annotations file/).setInputFiles({ name: "annotations.jsonld", mimeType: "application/ld+json", buffer: collection });
  expect((await upload).status()).toBe(201);
  await expect(page.getByRole("status").filter({ hasText: "placed exactly" })).toContainText("2 placed exactly, 0 placed fuzzily, 0 not placed.");
  await page.getByRole("button", { name: "Show the imported claims" }).click();
  await expect(page.locator("mark[data-claim-id]")).toHaveCount(2);

  // A JSON file that holds no annotations is refused, and the menu says why.
  await page.getByText("Import", { exact: true }).click();
  await page.getByLabel(/Annotations file/).setInputFiles({ name: "empty.json", mimeType: "application/json", buffer: Buffer.from("[{}]") });
  await expect(page.getByRole("alert").filter({ hasText: "The file holds no annotations" })).toBeVisible();
});

// Roles at the boundary: a viewer reads but cannot write, in the page or through the API; a reviewer
// cannot add articles or delete another reviewer's claim, but may edit it. The server refuses; hidden
// buttons are only a courtesy, so every refusal is checked against the API and the stored claim.
import { CLAIM_QUOTE, apiClaim, apiGetClaim, auditEvents, bearer, expect, freshArticle, selectWithMouse, signIn, test } from "./fixtures";

test("a viewer sees claims but gets no controls to change them", async ({ page, request }) => {
  const article = await freshArticle(request);
  const claim = await apiClaim(request, "alice", article.id, { exact: CLAIM_QUOTE, statement: "2,500 soldiers" });
  await signIn(page, "viewer");
  // The list shows the newest articles first (50 a page): the one just added is on it.
  await expect(page.getByRole("link", { name: article.title })).toBeVisible();
  await expect(page.getByRole("link", { name: "Add article" })).toHaveCount(0);

  await page.goto(`/articles/${article.id}`);
  await expect(page.locator("mark[data-claim-id]")).toHaveText(CLAIM_QUOTE);
  await expect(page.getByRole("link", { name: "Edit details" })).toHaveCount(0);

  await selectWithMouse(page, "Kazakhstan President Kassym-Jomart Tokayev");
  expect(await page.evaluate(() => window.getSelection()?.toString())).toBe("Kazakhstan President Kassym-Jomart Tokayev");
  await expect(page.getByRole("button", { name: "Mark claim" })).toHaveCount(0);

  await page.getByRole("list", { name: "Claims in text order" }).getByRole("button", { name: /2,500 soldiers/ }).click();
  const panel = page.getByRole("region", { name: "Claim 1" });
  await expect(panel).toContainText("2,500 soldiers");
  await expect(panel.getByRole("button", { name: "Save claim" })).toHaveCount(0);
  await expect(panel.getByText("Add a source")).toHaveCount(0);
  await expect(panel.getByRole("button", { name: "Delete claim" })).toHaveCount(0);
  await expect(panel.getByLabel("Verdict")).toHaveCount(0);
  expect((await apiGetClaim(request, claim.id)).version).toBe(claim.version);

  // Typing the address of an editor's page is refused by the page itself.
  await page.goto("/articles/new");
  await expect(page.getByRole("heading", { name: "You do not have permission to do that" })).toBeVisible();
  await page.goto(`/articles/${article.id}/edit`);
  await expect(page.getByRole("heading", { name: "You do not have permission to do that" })).toBeVisible();
});

test("a viewer's API token is refused every write and the claim stays as it was", async ({ request }) => {
  const article = await freshArticle(request);
  const claim = await apiClaim(request, "alice", article.id, { exact: CLAIM_QUOTE });
  const source = await request.post(`/api/v1/claims/${claim.id}/sources`, {
    headers: bearer("alice"),
    data: { url: "https://example.org/report", title: "A report", stance: "supports" },
  });
  expect(source.status()).toBe(201);
  const sourceId = ((await source.json()) as { id: string }).id;
  const viewer = bearer("viewer");
  const before = await apiGetClaim(request, claim.id);
  const eventsBefore = await auditEvents(request);

  const attempts = [
    request.post(`/api/v1/articles/${article.id}/claims`, { headers: viewer, data: { exact: "Kremlin said in a statement" } }),
    request.patch(`/api/v1/claims/${claim.id}`, { headers: viewer, data: { version: claim.version, verdict: "false" } }),
    request.post(`/api/v1/claims/${claim.id}/sources`, { headers: viewer, data: { url: "https://example.org/", stance: "supports" } }),
    request.patch(`/api/v1/sources/${sourceId}`, { headers: viewer, data: { title: "Changed" } }),
    request.delete(`/api/v1/sources/${sourceId}`, { headers: viewer }),
    request.delete(`/api/v1/claims/${claim.id}`, { headers: viewer }),
    request.post(`/api/v1/claims/${claim.id}/restore`, { headers: viewer }),
    request.post("/api/v1/articles", { headers: viewer, data: { title: "Viewer's article", text: "Some text." } }),
  ];
  for (const response of await Promise.all(attempts)) {
    expect(response.status(), `${response.url()}: ${await response.text()}`).toBe(403);
    expect(((await response.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: "forbidden", message: expect.any(String) });
  }

  expect(await apiGetClaim(request, claim.id)).toEqual(before);
  expect(await auditEvents(request)).toBe(eventsBefore);
  const claims = (await (await request.get(`/api/v1/articles/${article.id}/claims`, { headers: viewer })).json()) as { items: unknown[] };
  expect(claims.items).toHaveLength(1);
});

test("a reviewer cannot add articles or delete another reviewer's claim, but can edit it", async ({ request, page }) => {
  const article = await freshArticle(request);
  const bobsClaim = await apiClaim(request, "bob", article.id, { exact: CLAIM_QUOTE });

  const newArticle = await request.post("/api/v1/articles", { headers: bearer("alice"), data: { title: "Alice's article", text: "Some text." } });
  expect(newArticle.status()).toBe(403);

  const deleted = await request.delete(`/api/v1/claims/${bobsClaim.id}`, { headers: bearer("alice") });
  expect(deleted.status()).toBe(403);
  expect(((await deleted.json()) as { error: { message: string } }).error.message).toMatch(/author or an editor/);
  expect((await apiGetClaim(request, bobsClaim.id)).version).toBe(bobsClaim.version);

  const edited = await request.patch(`/api/v1/claims/${bobsClaim.id}`, {
    headers: bearer("alice"),
    data: { version: bobsClaim.version, verdict: "mostly_true", rationale: "Alice checked it." },
  });
  expect(edited.status()).toBe(200);
  expect(await apiGetClaim(request, bobsClaim.id)).toMatchObject({ verdict: "mostly_true", rationale: "Alice checked it.", author: { name: "Bob Reviewer" } });

  // In the page, Alice can edit Bob's claim but is offered no delete button for it.
  await signIn(page, "alice");
  await expect(page.getByRole("link", { name: "Add article" })).toHaveCount(0);
  await page.goto(`/articles/${article.id}?claim=${bobsClaim.id}`);
  const panel = page.getByRole("region", { name: "Claim 1" });
  await expect(panel.getByLabel("Verdict")).toHaveValue("mostly_true");
  await expect(panel.getByRole("button", { name: "Save claim" })).toBeVisible();
  await expect(panel.getByRole("button", { name: "Delete claim" })).toHaveCount(0);
});

// Assignment and queues as the desk uses them, each person in their own browser: an editor hands an
// article to a reviewer and restricts editing to assigned reviewers; the reviewer finds it in their
// queue and works on it; a reviewer who is not assigned can only read; the editor follows progress.
import { CLAIM_QUOTE, addUser, bearer, expect, freshArticle, selectWithMouse, signIn, test, signedInPage } from "./fixtures";

test("an editor assigns an article; the assigned reviewer finds it in their queue and works on it, another reviewer can only read", async ({ browser, page, request }) => {
  test.setTimeout(120_000);
  const rosa = addUser("reviewer", "rosa");
  const tom = addUser("reviewer", "tom");
  const article = await freshArticle(request, `Assigned piece ${Math.random().toString(36).slice(2, 6)}`);

  // The editor restricts the article to assigned reviewers and assigns Rosa with a due time.
  await signIn(page, "editor");
  await page.goto(`/articles/${article.id}`);
  const panel = page.getByRole("region", { name: /^Assignments/ });
  await expect(panel.getByText("Nobody is assigned to this article yet.")).toBeVisible();
  await panel.getByRole("checkbox", { name: /Only assigned reviewers may edit claims/ }).check();
  await expect(panel.getByRole("status")).toHaveText("Only assigned reviewers can now edit this article's claims.");
  await panel.getByText("Assign reviewers").click();
  const form = panel.getByRole("form", { name: "Assign reviewers" });
  await form.getByRole("button", { name: "Assign" }).click();
  await expect(form.getByText("Choose at least one reviewer.")).toBeVisible();
  await form.getByRole("checkbox", { name: rosa.name }).check();
  await form.getByLabel("Due (UTC, optional)").fill("2030-01-15T17:30");
  await form.getByRole("button", { name: "Assign" }).click();
  await expect(panel.getByRole("status")).toHaveText(`Assigned ${rosa.name}.`);
  const assigned = panel.getByRole("list", { name: "Assigned reviewers" });
  await expect(assigned.getByRole("listitem")).toHaveCount(1);
  await expect(assigned).toContainText(rosa.name);
  await expect(assigned).toContainText("Whole article · due 15 Jan 2030, 17:30 UTC");
  await panel.screenshot({ path: "test-results/assignments-assigned.png" });

  // Rosa sees it waiting in her queue, opens it and marks a claim.
  const rosaPage = await signedInPage(browser, rosa);
  await rosaPage.getByRole("link", { name: "My queue, 1 waiting" }).click();
  await expect(rosaPage.getByRole("heading", { name: "My queue" })).toBeVisible();
  const item = rosaPage.getByRole("list", { name: "Assigned articles" }).getByRole("listitem").filter({ hasText: article.title });
  await expect(item).toContainText("Whole article · due 15 Jan 2030, 17:30 UTC · assigned by Eddie Editor");
  await expect(item).toContainText("No claims are marked yet");
  await item.getByRole("link", { name: article.title }).click();
  await selectWithMouse(rosaPage, CLAIM_QUOTE);
  await rosaPage.getByRole("button", { name: "Mark claim" }).click();
  const claimPanel = rosaPage.getByRole("region", { name: /^Claim \d+$/ });
  await expect(claimPanel.getByLabel("Verdict")).toBeVisible();

  // Her queue now lists the claim as waiting for a verdict; the header counts it.
  await rosaPage.goto("/queue");
  const waiting = rosaPage.getByRole("list", { name: "Assigned articles" }).getByRole("listitem").filter({ hasText: article.title });
  await expect(waiting.getByRole("link", { name: CLAIM_QUOTE })).toBeVisible();
  await expect(rosaPage.getByRole("link", { name: "My queue, 1 waiting" })).toBeVisible();
  await waiting.getByRole("link", { name: CLAIM_QUOTE }).click();
  const opened = rosaPage.getByRole("region", { name: /^Claim \d+$/ });
  await opened.getByLabel("Verdict").selectOption("mostly_true");
  await opened.getByRole("button", { name: "Save claim" }).click();
  await expect(opened.getByText("Saved.")).toBeVisible();
  await rosaPage.goto("/queue");
  await expect(rosaPage.getByRole("link", { name: "My queue", exact: true })).toBeVisible();
  await expect(rosaPage.getByRole("progressbar", { name: `Progress on ${article.title}` })).toHaveAttribute("aria-valuetext", "1 of 1 claims have a verdict");

  // Tom, not assigned, reads the claim but cannot mark or edit.
  const tomPage = await signedInPage(browser, tom);
  await tomPage.goto(`/articles/${article.id}`);
  await expect(tomPage.getByText("Only reviewers assigned to this article mark its claims.")).toBeVisible();
  await tomPage.locator("mark[data-claim-id]").first().click();
  const readOnly = tomPage.getByRole("region", { name: /^Claim \d+$/ });
  await expect(readOnly).toContainText("Mostly true");
  await expect(readOnly.getByLabel("Verdict")).toHaveCount(0);
  await expect(tomPage.getByRole("form", { name: "Assign reviewers" })).toHaveCount(0);

  // The editor follows the desk: Rosa's row with her progress, and her own queue one click away.
  await page.goto("/queue");
  const desk = page.getByRole("region", { name: "The desk" });
  const row = desk.getByRole("row").filter({ hasText: article.title });
  await expect(row).toContainText(rosa.name);
  await expect(row.getByRole("progressbar")).toHaveAttribute("aria-valuetext", "1 of 1 claims have a verdict");
  await page.screenshot({ path: "test-results/desk.png", fullPage: true });
  await desk.getByRole("link", { name: rosa.name }).click();
  await expect(page.getByRole("heading", { name: `${rosa.name}'s queue` })).toBeVisible();
  await page.screenshot({ path: "test-results/queue-page.png", fullPage: true });

  // Taking the assignment back closes the article to Rosa again.
  await page.goto(`/articles/${article.id}`);
  await page.getByRole("button", { name: `Take back ${rosa.name}'s assignment: Whole article` }).click();
  await expect(panel.getByText("Nobody is assigned to this article yet.")).toBeVisible();
  await rosaPage.goto(`/articles/${article.id}`);
  await expect(rosaPage.getByText("Only reviewers assigned to this article mark its claims.")).toBeVisible();
  await page.screenshot({ path: "test-results/assignments-panel.png" });
});

test("the API assigns, lists the queue and takes assignments back, for editors only", async ({ request }) => {
  const article = await freshArticle(request);
  const users = (await (await request.get("/api/v1/queue", { headers: bearer("alice") })).json()) as { user: { id: string } };
  const alice = users.user.id;

  const refused = await request.post(`/api/v1/articles/${article.id}/assignments`, { headers: bearer("bob"), data: { userIds: [alice] } });
  expect(refused.status()).toBe(403);
  const bad = await request.post(`/api/v1/articles/${article.id}/assignments`, { headers: bearer("editor"), data: { userIds: [alice], due: "soon" } });
  expect(bad.status()).toBe(400);
  expect(((await bad.json()) as { error: { fields: Record<string, string> } }).error.fields).toHaveProperty("due");

  const created = await request.post(`/api/v1/articles/${article.id}/assignments`, { headers: bearer("editor"), data: { userIds: [alice], due: "2031-03-01" } });
  expect(created.status()).toBe(201);
  const { items } = (await created.json()) as { items: { id: string; claimId: string | null; due: string; reviewer: { id: string } }[] };
  expect(items).toEqual([expect.objectContaining({ claimId: null, due: "2031-03-01T23:59:59.999Z", reviewer: expect.objectContaining({ id: alice }) })]);

  const queue = (await (await request.get("/api/v1/queue", { headers: bearer("alice") })).json()) as { items: { article: { id: string }; due: string }[] };
  expect(queue.items.find((i) => i.article.id === article.id)?.due).toBe("2031-03-01T23:59:59.999Z");
  expect((await request.get(`/api/v1/queue?user=${alice}`, { headers: bearer("bob") })).status()).toBe(403);
  expect((await request.get(`/api/v1/queue?user=${alice}`, { headers: bearer("editor") })).status()).toBe(200);

  expect((await request.delete(`/api/v1/assignments/${items[0]!.id}`, { headers: bearer("alice") })).status()).toBe(403);
  expect((await request.delete(`/api/v1/assignments/${items[0]!.id}`, { headers: bearer("editor") })).status()).toBe(204);
  expect((await request.delete(`/api/v1/assignments/${items[0]!.id}`, { headers: bearer("editor") })).status()).toBe(404);
  const after = (await (await request.get("/api/v1/queue", { headers: bearer("alice") })).json()) as { items: { article: { id: string } }[] };
  expect(after.items.some((i) => i.article.id === article.id)).toBe(false);

  const patched = await request.patch(`/api/v1/articles/${article.id}`, { headers: bearer("editor"), data: { requireAssignment: true } });
  expect(patched.status()).toBe(200);
  expect(((await patched.json()) as { requireAssignment: boolean }).requireAssignment).toBe(true);
  const blocked = await request.post(`/api/v1/articles/${article.id}/claims`, { headers: bearer("alice"), data: { exact: CLAIM_QUOTE } });
  expect(blocked.status()).toBe(403);
  expect(((await blocked.json()) as { error: { code: string } }).error.code).toBe("not_assigned");
});

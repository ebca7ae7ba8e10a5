import { CLAIM_QUOTE, expect, freshArticle, selectWithMouse, signIn, test } from "./fixtures";

test("a reviewer marks a claim with the mouse, gives a verdict and two sources, and finds it all after a reload", async ({ page, request }) => {
  // A copy of the sample article, newest, so it is on the first page of the list whatever ran before.
  const article = await freshArticle(request);
  await signIn(page, "alice");
  await page.getByRole("link", { name: article.title }).click();
  await expect(page.getByRole("heading", { name: article.title })).toBeVisible();

  await selectWithMouse(page, CLAIM_QUOTE);
  await page.getByRole("button", { name: "Mark claim" }).click();

  const panel = page.getByRole("region", { name: /^Claim \d+$/ });
  await expect(panel.getByRole("blockquote").or(panel.locator("blockquote")).first()).toHaveText(CLAIM_QUOTE);
  await panel.getByLabel("Statement as checked").fill("reportedly 2,500");
  await panel.getByLabel("Verdict").selectOption("mostly_true");
  await panel.getByLabel("Rationale").fill("The CSTO itself announced about 2,500 troops.");
  await panel.getByRole("button", { name: "Save claim" }).click();
  await expect(panel.getByText("Saved.")).toBeVisible();

  for (const [url, title] of [
    ["https://en.odkb-csto.org/news/", "CSTO statement on the deployment"],
    ["https://www.reuters.com/world/asia-pacific/", "Russian-led troops arrive in Kazakhstan"],
  ] as const) {
    await panel.getByText("Add a source").click();
    await panel.getByLabel("Source URL").fill(url);
    await panel.getByLabel("Source title").fill(title);
    await panel.getByRole("button", { name: "Save source" }).click();
    await expect(panel.getByRole("link", { name: title })).toBeVisible();
  }

  await page.reload();
  const mark = page.locator("mark[data-claim-id]").first();
  await expect(mark).toHaveText(CLAIM_QUOTE);
  const reloaded = page.getByRole("region", { name: /^Claim \d+$/ });
  await expect(reloaded.getByLabel("Statement as checked")).toHaveValue("reportedly 2,500");
  await expect(reloaded.getByLabel("Verdict")).toHaveValue("mostly_true");
  await expect(reloaded.getByRole("link", { name: "CSTO statement on the deployment" })).toBeVisible();
  await expect(reloaded.getByRole("link", { name: "Russian-led troops arrive in Kazakhstan" })).toBeVisible();

  await reloaded.getByText("History").click();
  const history = reloaded.getByRole("list", { name: "History" });
  await expect(history.getByText(/Alice Reviewer/).first()).toBeVisible();
  await expect(history).toContainText("Mostly true");
  await page.screenshot({ path: "test-results/article-page.png", fullPage: false });
});

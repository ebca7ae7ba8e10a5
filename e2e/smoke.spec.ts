// The one browser path that must work on both databases (@pg): sign in through the form, open a copy of
// the sample article from the list, mark a claim with the mouse, give it a verdict, and find it after a reload.
import { CLAIM_QUOTE, PASSWORD, USERS, expect, freshArticle, selectWithMouse, test } from "./fixtures";

test("@pg smoke: sign in, mark a claim with the mouse, give a verdict, see it after a reload", async ({ page, request }) => {
  const article = await freshArticle(request, `Smoke ${Date.now().toString(36)}`);

  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in/);
  await page.getByLabel("Email").fill(USERS.alice.email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Articles" })).toBeVisible();

  await page.getByRole("link", { name: article.title }).click();
  await expect(page.getByRole("heading", { name: article.title })).toBeVisible();
  await selectWithMouse(page, CLAIM_QUOTE);
  await page.getByRole("button", { name: "Mark claim" }).click();

  const panel = page.getByRole("region", { name: "Claim 1" });
  await expect(panel.locator("blockquote")).toHaveText(CLAIM_QUOTE);
  await panel.getByLabel("Verdict").selectOption({ label: "Mostly true (4)" });
  await expect(panel.getByLabel("Status")).toHaveValue("verdict_given");
  await panel.getByRole("button", { name: "Save claim" }).click();
  await expect(panel.getByText("Saved.")).toBeVisible();

  await page.reload();
  await expect(page.locator("mark[data-claim-id]")).toHaveText(CLAIM_QUOTE);
  await expect(page.getByLabel(`Claim 1, Mostly true: ${CLAIM_QUOTE}`, { exact: true })).toBeVisible();
  const reloaded = page.getByRole("region", { name: "Claim 1" });
  await expect(reloaded.getByLabel("Verdict")).toHaveValue("mostly_true");
  await expect(page.getByRole("list", { name: "Claims in text order" })).toContainText("Mostly true");
});

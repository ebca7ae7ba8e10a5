// Pages read their query strings with the same schemas as the API, but a page never fails on its query:
// a parameter given twice, of the wrong shape or out of range means what no parameter means.
import { expect, freshArticle, signIn, test } from "./fixtures";

test("repeated or malformed query parameters leave every page working", async ({ page, request }) => {
  const signInPage = await page.goto("/sign-in?callbackUrl=/a&callbackUrl=/b");
  expect(signInPage?.status()).toBe(200);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();

  await signIn(page, "viewer");
  const article = await freshArticle(request);
  const pages: [string, string][] = [
    ["/?cursor=a&cursor=b", "Articles"],
    ["/?cursor=not%20an%20id", "Articles"],
    [`/articles/${article.id}?verdict=false&verdict=true&claim=x&claim=y`, article.title],
    [`/articles/${article.id}?verdict=probably`, article.title],
  ];
  for (const [path, heading] of pages) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    await expect(page.getByRole("heading", { name: heading, level: 1 }), path).toBeVisible();
  }
  // The article page ignores a malformed filter rather than showing an empty list under it.
  await expect(page.getByLabel("Filter by verdict")).toHaveValue("");

  const report = await page.goto(`/articles/${article.id}/report?audience=public&audience=everyone`);
  expect(report?.status()).toBe(200);
});

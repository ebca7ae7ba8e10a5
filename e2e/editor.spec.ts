import { bearer, expect, signIn, test } from "./fixtures";

test("an editor adds an article by pasting its text, edits its details, and its text locks once it has a claim", async ({ page, request }) => {
  const title = `Pasted report ${Date.now()}`;
  await signIn(page, "editor");
  await page.getByRole("link", { name: "Add article" }).click();
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Publisher").fill("Example Wire");
  await page.getByLabel("Publication date").fill("2022-01-07");
  await page.getByLabel("Source URL").fill("javascript:alert(1)");
  await page.getByLabel("Text").fill("First paragraph, pasted   \r\nwith a line break.\r\n\r\n\r\n\r\nSecond paragraph about 2,500 soldiers.");
  await page.getByRole("button", { name: "Add article" }).click();
  await expect(page.getByText("Enter a web address starting with http:// or https://.")).toBeVisible();
  await page.getByLabel("Source URL").fill("https://example.org/report");
  await page.getByRole("button", { name: "Add article" }).click();

  await expect(page.getByRole("heading", { name: title })).toBeVisible();
  await expect(page.getByText("Example Wire · 7 Jan 2022")).toBeVisible();
  const text = page.getByRole("region", { name: "Article text" });
  await expect(text.locator("p")).toHaveCount(2);
  await expect(text.locator("p").nth(1)).toHaveText("Second paragraph about 2,500 soldiers.");
  const id = page.url().split("/articles/")[1]!.split("?")[0]!;
  const stored = (await (await request.get(`/api/v1/articles/${id}`, { headers: bearer("editor") })).json()) as { text: string };
  expect(stored.text).toBe("First paragraph, pasted\nwith a line break.\n\nSecond paragraph about 2,500 soldiers.");

  await page.getByRole("link", { name: "Edit details" }).click();
  await page.getByLabel("Publisher").fill("Example Wire Service");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Example Wire Service · 7 Jan 2022")).toBeVisible();

  const claim = await request.post(`/api/v1/articles/${id}/claims`, { headers: bearer("alice"), data: { exact: "2,500 soldiers" } });
  expect(claim.status()).toBe(201);
  await page.getByRole("link", { name: "Edit details" }).click();
  await expect(page.getByText("The text cannot change once the article has claims.")).toBeVisible();
  await expect(page.getByLabel("Text")).not.toBeEditable();
  const refused = await request.patch(`/api/v1/articles/${id}`, { headers: bearer("editor"), data: { text: "Rewritten." } });
  expect(refused.status()).toBe(422);
  expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("text_locked");
});

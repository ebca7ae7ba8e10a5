import { bearer, expect, signIn, test } from "./fixtures";

test("an editor adds an article by pasting its text, edits its details, and a changed text becomes a new revision its claims follow", async ({ page, request }) => {
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

  const claim = await request.post(`/api/v1/articles/${id}/claims`, { headers: bearer("alice"), data: { exact: "Second paragraph about 2,500 soldiers." } });
  expect(claim.status()).toBe(201);
  const claimId = ((await claim.json()) as { id: string }).id;
  await page.getByRole("link", { name: "Edit details" }).click();
  await expect(page.getByText("A changed text is saved as a new revision: the claim is placed in it again")).toBeVisible();
  await page.getByLabel("Text").fill("A new first paragraph.\n\nFirst paragraph, pasted\nwith a line break.\n\nSecond paragraph about 3,000 soldiers.");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(text.locator("p")).toHaveCount(3);
  const after = (await (await request.get(`/api/v1/claims/${claimId}`, { headers: bearer("editor") })).json()) as { exact: string; anchor: { status: string; revision: number } };
  expect(after).toMatchObject({ exact: "Second paragraph about 3,000 soldiers.", anchor: { status: "fuzzy", revision: 2 } });
});

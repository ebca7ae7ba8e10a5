import { PASSWORD, expect, signIn, test } from "./fixtures";

test("an admin adds a user who can then sign in, and disabling the user ends that", async ({ page, browser }) => {
  const email = `new-${Date.now()}@example.org`;
  await signIn(page, "admin");
  await page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Users" }).click();
  await expect(page.getByRole("heading", { name: "Users" })).toBeVisible();

  const form = page.getByRole("form", { name: "Add a user" });
  await form.getByLabel("Name").fill("Nora Newcomer");
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Role").selectOption("reviewer");
  await form.getByLabel("Initial password").fill("short");
  await form.getByRole("button", { name: "Add user" }).click();
  await expect(form.getByText("Passwords need at least 12 characters.")).toBeVisible();
  await form.getByLabel("Initial password").fill(`${PASSWORD}-${PASSWORD}`);
  await form.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByRole("status")).toHaveText(`Added ${email}.`);
  await expect(page.getByRole("cell", { name: email, exact: true })).toBeVisible();

  const other = await browser.newContext();
  const newcomer = await other.newPage();
  await newcomer.goto("/sign-in");
  await newcomer.getByLabel("Email").fill(email);
  await newcomer.getByLabel("Password").fill(`${PASSWORD}-${PASSWORD}`);
  await newcomer.getByRole("button", { name: "Sign in" }).click();
  await expect(newcomer.getByRole("heading", { name: "Articles" })).toBeVisible();
  await expect(newcomer.getByRole("link", { name: "Users" })).toHaveCount(0);
  await newcomer.goto("/admin/users");
  await expect(newcomer.getByRole("heading", { name: "You do not have permission to do that" })).toBeVisible();

  await page.getByRole("button", { name: `Disable ${email}` }).click();
  await expect(page.getByRole("status")).toHaveText(`${email} is disabled.`);
  await newcomer.goto("/");
  await expect(newcomer).toHaveURL(/\/sign-in/);
  await other.close();
});

// People: a user's Account page (name, password), the Tokens page, and an admin's password reset, as
// the people involved would go through them, each in their own browser.
import type { Browser, Page } from "@playwright/test";
import { cli, expect, signIn, test, uniqueEmail } from "./fixtures";

const FIRST_PASSWORD = "first passphrase of twelve";
const NEW_PASSWORD = "second passphrase, longer";

/** A new reviewer made with the CLI, as an admin would. */
function newReviewer(name: string) {
  const email = uniqueEmail("person");
  cli(["user", "add", "--email", email, "--name", name, "--role", "reviewer"], `${FIRST_PASSWORD}\n`);
  return email;
}

async function signInAs(browser: Browser, email: string, password: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  return page;
}

test("a user renames themselves and changes their password, which signs out their other session", async ({ browser }) => {
  // Four sign-ins, five password hashes and a CLI process: more than the default 30 s on a busy machine.
  test.slow();
  const email = newReviewer("Paula Person");
  const laptop = await signInAs(browser, email, FIRST_PASSWORD);
  await expect(laptop.getByRole("heading", { name: "Articles" })).toBeVisible();
  const phone = await signInAs(browser, email, FIRST_PASSWORD);
  await expect(phone.getByRole("heading", { name: "Articles" })).toBeVisible();

  await laptop.getByRole("link", { name: /^Account: Paula Person/ }).click();
  await expect(laptop.getByRole("heading", { name: "Account", exact: true })).toBeVisible();
  const nameForm = laptop.getByRole("form", { name: "Your name" });
  await nameForm.getByLabel("Name").fill("");
  await nameForm.getByRole("button", { name: "Save name" }).click();
  await expect(nameForm.getByText("Name is required.")).toBeVisible();
  await nameForm.getByLabel("Name").fill("Paula Checker");
  await nameForm.getByRole("button", { name: "Save name" }).click();
  await expect(nameForm.getByRole("status")).toHaveText("Your name is saved.");
  await expect(laptop.getByRole("link", { name: /^Account: Paula Checker/ })).toBeVisible();

  const passwordForm = laptop.getByRole("form", { name: "Change your password" });
  await passwordForm.getByLabel("Current password").fill("not the password at all");
  await passwordForm.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
  await passwordForm.getByLabel("New password again").fill(NEW_PASSWORD);
  await passwordForm.getByRole("button", { name: "Change password" }).click();
  await expect(passwordForm.getByText("Not your current password.")).toBeVisible();
  await passwordForm.getByLabel("Current password").fill(FIRST_PASSWORD);
  await passwordForm.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
  await passwordForm.getByLabel("New password again").fill(`${NEW_PASSWORD}!`);
  await passwordForm.getByRole("button", { name: "Change password" }).click();
  await expect(passwordForm.getByText("The two new passwords differ.")).toBeVisible();
  await passwordForm.getByLabel("New password again").fill(NEW_PASSWORD);
  await passwordForm.getByRole("button", { name: "Change password" }).click();
  await expect(passwordForm.getByRole("status")).toHaveText("Your password is changed. One other session was signed out.");

  // The laptop stays signed in; the phone's session is over; the old password no longer works.
  await laptop.goto("/");
  await expect(laptop.getByRole("heading", { name: "Articles" })).toBeVisible();
  await phone.goto("/");
  await expect(phone).toHaveURL(/\/sign-in/);
  const again = await signInAs(browser, email, FIRST_PASSWORD);
  await expect(again.getByText("Email or password is incorrect.")).toBeVisible();
  const withNew = await signInAs(browser, email, NEW_PASSWORD);
  await expect(withNew.getByRole("heading", { name: "Articles" })).toBeVisible();

  for (const p of [laptop, phone, again, withNew]) await p.context().close();
});

test("an admin resets a password: the user's sessions end, and the temporary password opens only the Account page until a new one is chosen", async ({ page, browser }) => {
  const email = newReviewer("Rory Reset");
  const user = await signInAs(browser, email, FIRST_PASSWORD);
  await expect(user.getByRole("heading", { name: "Articles" })).toBeVisible();

  await signIn(page, "admin");
  await page.goto("/admin/users");
  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("button", { name: `Reset the password of ${email}` }).click();
  const shown = page.getByRole("status").filter({ hasText: "Temporary password for" });
  await expect(shown).toContainText(email);
  const temporary = (await shown.getByLabel("Temporary password").textContent()) ?? "";
  expect(temporary).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
  await expect(page.getByRole("row", { name: new RegExp(email) })).toContainText("Must choose a new password");

  // The user's open session is over.
  await user.goto("/");
  await expect(user).toHaveURL(/\/sign-in/);
  await user.context().close();

  // Signed in with the temporary password, every page leads to the Account page, and the API refuses the session.
  const back = await signInAs(browser, email, temporary);
  await expect(back).toHaveURL(/\/account\?password=required/);
  await expect(back.getByRole("alert").filter({ hasText: "Choose a new password to go on." })).toBeVisible();
  await back.goto("/tokens");
  await expect(back).toHaveURL(/\/account\?password=required/);
  const api = await back.request.get("/api/v1/articles");
  expect(api.status()).toBe(403);
  expect(((await api.json()) as { error: { message: string } }).error.message).toContain("Choose a new password");

  const form = back.getByRole("form", { name: "Choose a new password" });
  await form.getByLabel("Temporary password").fill(temporary);
  await form.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
  await form.getByLabel("New password again").fill(NEW_PASSWORD);
  await form.getByRole("button", { name: "Change password" }).click();
  // Done: the page no longer insists, and the way on is offered.
  const changed = back.getByRole("form", { name: "Change your password" });
  await expect(changed.getByRole("status")).toHaveText("Your password is changed.");
  await expect(back.getByRole("alert").filter({ hasText: "Choose a new password to go on." })).toHaveCount(0);
  await changed.getByRole("link", { name: "Go to the articles" }).click();
  await expect(back.getByRole("heading", { name: "Articles" })).toBeVisible();
  expect((await back.request.get("/api/v1/articles?limit=1")).status()).toBe(200);

  await page.reload();
  await expect(page.getByRole("row", { name: new RegExp(email) })).toContainText("Active");
  // An admin resets others' passwords, not their own (that is the Account page's job).
  await expect(page.getByRole("button", { name: "Reset the password of admin@example.com" })).toHaveCount(0);
  await back.context().close();
});

test("a user makes an API token on the Tokens page, uses it and revokes it; an admin sees everyone's", async ({ page, browser, request }) => {
  const email = newReviewer("Tomas Token");
  const user = await signInAs(browser, email, FIRST_PASSWORD);
  await user.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Tokens" }).click();
  await expect(user.getByRole("heading", { name: "API tokens" })).toBeVisible();
  await expect(user.getByText("You have no API tokens.")).toBeVisible();

  const form = user.getByRole("form", { name: "New token" });
  await form.getByLabel("Name").fill("CMS sync");
  await form.getByLabel("Expires after").selectOption({ label: "30 days" });
  await form.getByRole("button", { name: "Create token" }).click();
  const token = (await user.getByLabel("The new token's value").textContent()) ?? "";
  expect(token).toMatch(/^fct_[A-Za-z0-9_-]{43}$/);
  const own = user.getByRole("region", { name: "Your tokens" });
  await expect(own.getByRole("row", { name: /CMS sync/ })).toContainText("Never");
  await expect(own.getByRole("row", { name: /CMS sync/ })).toContainText("Active");

  const auth = { Authorization: `Bearer ${token}` };
  expect((await request.get("/api/v1/articles?limit=1", { headers: auth })).status()).toBe(200);
  await user.reload();
  // The value is never shown again; the token's last use is.
  await expect(user.getByLabel("The new token's value")).toHaveCount(0);
  await expect(own.getByRole("row", { name: /CMS sync/ })).not.toContainText("Never");

  await signIn(page, "admin");
  await page.goto("/tokens");
  const others = page.getByRole("region", { name: "Other users' tokens" });
  await expect(others.getByRole("row", { name: new RegExp(`CMS sync.*${email}`) })).toBeVisible();

  user.once("dialog", (dialog) => void dialog.accept());
  await own.getByRole("button", { name: "Revoke CMS sync" }).click();
  await expect(user.getByRole("status")).toHaveText("The token “CMS sync” is revoked.");
  await expect(own.getByRole("row", { name: /CMS sync/ })).toContainText("Revoked");
  expect((await request.get("/api/v1/articles?limit=1", { headers: auth })).status()).toBe(401);
  await page.reload();
  await expect(others.getByRole("row", { name: new RegExp(`CMS sync.*${email}`) })).toContainText("Revoked");
  await user.context().close();
});

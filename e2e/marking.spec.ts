// Marking and editing claims in the browser: the keyboard path, what a second reviewer sees, overlapping
// claims, filters, a stale save, drafts that survive a reload, the history and activity page, user text
// rendered as text, and deleting and restoring a claim.
import type { Browser, Page } from "@playwright/test";
import {
  CLAIM_QUOTE,
  USERS,
  apiClaim,
  apiGetClaim,
  bearer,
  expect,
  freshArticle,
  selectWithMouse,
  signIn,
  test,
  type DemoUser,
} from "./fixtures";

const claimPanel = (page: Page, number?: number) => page.getByRole("region", { name: number ? `Claim ${number}` : /^Claim \d+$/ });
const claimList = (page: Page) => page.getByRole("list", { name: "Claims in text order" });
const highlights = (page: Page) => page.locator("mark[data-claim-id]");

/** A second, separately signed-in browser for another user; closed by the caller. */
async function secondBrowser(browser: Browser, user: DemoUser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, user);
  return { context, page };
}

async function markWithMouse(page: Page, quote: string) {
  await selectWithMouse(page, quote);
  await page.getByRole("button", { name: "Mark claim" }).click();
  await expect(page.getByRole("button", { name: "Mark claim" })).toBeHidden();
}

test("a reviewer marks a claim with the keyboard alone", async ({ page, request }) => {
  const article = await freshArticle(request);
  await signIn(page, "alice");
  await page.goto(`/articles/${article.id}`);

  const selection = () => page.evaluate(() => window.getSelection()?.toString() ?? "");
  await page.getByRole("region", { name: "Article text" }).focus();
  for (let steps = 0; (await selection()) !== "reportedly"; steps++) {
    if (steps > 500) throw new Error("ArrowRight never selected the word “reportedly”");
    await page.keyboard.press("ArrowRight");
  }
  for (let steps = 0; (await selection()) !== CLAIM_QUOTE; steps++) {
    if (steps > 10) throw new Error(`Shift+ArrowRight never selected the quote; the selection is “${await selection()}”`);
    await page.keyboard.press("Shift+ArrowRight");
  }
  await expect(page.getByRole("button", { name: "Mark claim" })).toBeVisible();
  await page.keyboard.press("Enter");

  const panel = claimPanel(page, 1);
  await expect(panel.locator("blockquote")).toHaveText(CLAIM_QUOTE);
  await expect(panel.getByText(`Marked by ${USERS.alice.name}`)).toBeVisible();
  await expect(panel.getByLabel("Statement as checked")).toBeFocused();
  await expect(highlights(page)).toHaveCount(1);
  await expect(highlights(page)).toHaveText(CLAIM_QUOTE);

  const stored = (await (await request.get(`/api/v1/articles/${article.id}`, { headers: bearer("viewer") })).json()) as {
    text: string;
    claims: { exact: string; start: number; author: { name: string } }[];
  };
  expect(stored.claims).toHaveLength(1);
  expect(stored.claims[0]).toMatchObject({ exact: CLAIM_QUOTE, start: stored.text.indexOf(CLAIM_QUOTE), author: { name: USERS.alice.name } });

  // Escape clears a keyboard selection without marking anything.
  await page.getByRole("region", { name: "Article text" }).focus();
  await page.keyboard.press("ArrowDown");
  expect((await selection()).length).toBeGreaterThan(0);
  await page.keyboard.press("Escape");
  expect(await selection()).toBe("");
  await expect(page.getByRole("button", { name: "Mark claim" })).toBeHidden();
});

test("Enter pressed right after Shift+Arrow marks the whole selection, not the part the page last heard of", async ({ page, request }) => {
  const article = await freshArticle(request);
  await signIn(page, "alice");
  await page.goto(`/articles/${article.id}`);
  const region = page.getByRole("region", { name: "Article text" });
  await region.focus();
  for (let steps = 0; (await page.evaluate(() => window.getSelection()?.toString())) !== "reportedly"; steps++) {
    if (steps > 500) throw new Error("ArrowRight never selected the word “reportedly”");
    await page.keyboard.press("ArrowRight");
  }
  await expect(page.getByRole("button", { name: "Mark claim" })).toBeVisible();
  // A fast typist: the extending keys and Enter arrive before the browser reports the selection change.
  const pressed = await region.evaluate((el, quote) => {
    const key = (init: KeyboardEventInit) => el.dispatchEvent(new KeyboardEvent("keydown", { bubbles: true, cancelable: true, ...init }));
    for (let steps = 0; window.getSelection()?.toString() !== quote; steps++) {
      if (steps > 10) return `Shift+ArrowRight stopped at “${window.getSelection()?.toString()}”`;
      key({ key: "ArrowRight", shiftKey: true });
    }
    key({ key: "Enter" });
    return "ok";
  }, CLAIM_QUOTE);
  expect(pressed).toBe("ok");
  await expect(claimPanel(page, 1).locator("blockquote")).toHaveText(CLAIM_QUOTE);
  await expect(highlights(page)).toHaveText(CLAIM_QUOTE);
});

test("a second reviewer sees the claim another reviewer marked", async ({ page, request, browser }) => {
  const article = await freshArticle(request);
  await signIn(page, "alice");
  await page.goto(`/articles/${article.id}`);
  await markWithMouse(page, CLAIM_QUOTE);
  const panel = claimPanel(page, 1);
  await panel.getByLabel("Statement as checked").fill("Russia sent 2,500 soldiers");
  await panel.getByRole("button", { name: "Save claim" }).click();
  await expect(panel.getByText("Saved.")).toBeVisible();

  const bob = await secondBrowser(browser, "bob");
  try {
    await bob.page.goto(`/articles/${article.id}`);
    await expect(highlights(bob.page)).toHaveText(CLAIM_QUOTE);
    await claimList(bob.page).getByRole("button", { name: /Russia sent 2,500 soldiers/ }).click();
    const seen = claimPanel(bob.page, 1);
    await expect(seen.getByText(`Marked by ${USERS.alice.name}`)).toBeVisible();
    await expect(seen.getByLabel("Statement as checked")).toHaveValue("Russia sent 2,500 soldiers");
  } finally {
    await bob.context.close();
  }
});

test("clicking text covered by two claims asks which one to open", async ({ page, request }) => {
  const article = await freshArticle(request);
  await signIn(page, "alice");
  await page.goto(`/articles/${article.id}`);
  await markWithMouse(page, "reportedly sent a force");
  await expect(claimPanel(page, 1).locator("blockquote")).toHaveText("reportedly sent a force");
  await markWithMouse(page, "a force of about 2,500 soldiers");
  await expect(claimPanel(page, 2).locator("blockquote")).toHaveText("a force of about 2,500 soldiers");
  await claimPanel(page).getByRole("button", { name: "Close" }).click();
  await expect(claimPanel(page)).toBeHidden();

  // The shared words are the only place where one highlight sits inside another.
  const shared = page.locator("mark[data-claim-id] mark[data-claim-id]");
  await expect(shared).toHaveCount(1);
  await expect(shared).toHaveText("a force");
  await shared.click();

  const chooser = page.getByRole("dialog", { name: "Choose a claim" });
  await expect(chooser).toBeVisible();
  await expect(chooser.getByRole("button", { name: /^Claim \d/ })).toHaveCount(2);
  await expect(chooser.getByRole("button", { name: /Claim 1\s*reportedly sent a force/ })).toBeVisible();
  await chooser.getByRole("button", { name: /Claim 2\s*a force of about 2,500 soldiers/ }).click();

  await expect(chooser).toBeHidden();
  await expect(claimPanel(page, 2).locator("blockquote")).toHaveText("a force of about 2,500 soldiers");
});

test("the verdict filter hides claims with other verdicts", async ({ page, request }) => {
  const article = await freshArticle(request);
  const falseClaim = await apiClaim(request, "alice", article.id, { exact: CLAIM_QUOTE });
  const trueClaim = await apiClaim(request, "alice", article.id, { exact: "Over 4,200 people were detained by police in Kazakhstan" });
  await apiClaim(request, "alice", article.id, { exact: "more than 4,200 people have been detained" });
  for (const [claim, verdict] of [
    [falseClaim, "false"],
    [trueClaim, "true"],
  ] as const) {
    const saved = await request.patch(`/api/v1/claims/${claim.id}`, { headers: bearer("alice"), data: { version: claim.version, verdict } });
    expect(saved.status()).toBe(200);
  }

  await signIn(page, "alice");
  await page.goto(`/articles/${article.id}`);
  await expect(claimList(page).getByRole("listitem")).toHaveCount(3);
  await expect(highlights(page)).toHaveCount(3);

  await page.getByLabel("Filter by verdict").selectOption({ label: "False" });
  await expect(claimList(page).getByRole("listitem")).toHaveCount(1);
  await expect(claimList(page)).toContainText(CLAIM_QUOTE);
  await expect(highlights(page)).toHaveCount(1);
  await expect(highlights(page)).toHaveText(CLAIM_QUOTE);

  await page.getByLabel("Filter by verdict").selectOption({ label: "No verdict yet" });
  await expect(claimList(page).getByRole("listitem")).toHaveCount(1);
  await expect(claimList(page)).toContainText("more than 4,200 people have been detained");

  await page.getByLabel("Filter by verdict").selectOption({ label: "Half true" });
  await expect(claimList(page)).toBeHidden();
  await expect(page.getByText("No claims match these filters.")).toBeVisible();
  await expect(highlights(page)).toHaveCount(0);

  await page.getByLabel("Filter by verdict").selectOption({ label: "All verdicts" });
  await expect(claimList(page).getByRole("listitem")).toHaveCount(3);
});

test("a save against a stale version shows the conflict and keeps what the reviewer typed", async ({ page, request, browser }) => {
  const article = await freshArticle(request);
  const claim = await apiClaim(request, "alice", article.id, { exact: CLAIM_QUOTE });
  await signIn(page, "alice");
  const bob = await secondBrowser(browser, "bob");
  try {
    await page.goto(`/articles/${article.id}?claim=${claim.id}`);
    await bob.page.goto(`/articles/${article.id}?claim=${claim.id}`);
    const alicePanel = claimPanel(page, 1);
    const bobPanel = claimPanel(bob.page, 1);
    await expect(alicePanel.locator("blockquote")).toHaveText(CLAIM_QUOTE);
    await expect(bobPanel.locator("blockquote")).toHaveText(CLAIM_QUOTE);

    // Bob is typing when Alice saves: his page hears of her change live, but he typed over the same
    // field, so his save must show the conflict rather than overwrite her verdict.
    const bobRationale = "Bob: the CSTO itself announced about 2,500 troops.";
    await bobPanel.getByLabel("Verdict").selectOption("mostly_true");
    await bobPanel.getByLabel("Rationale").fill(bobRationale);

    await alicePanel.getByLabel("Verdict").selectOption("false");
    await alicePanel.getByRole("button", { name: "Save claim" }).click();
    await expect(alicePanel.getByText("Saved.")).toBeVisible();

    await bobPanel.getByRole("button", { name: "Save claim" }).click();

    const conflict = bobPanel.getByRole("alert").filter({ hasText: "Someone else changed this claim while you were editing." });
    await expect(conflict).toBeVisible();
    await expect(conflict).toContainText("False");
    await expect(bobPanel.getByLabel("Rationale")).toHaveValue(bobRationale);
    await expect(bobPanel.getByLabel("Verdict")).toHaveValue("mostly_true");
    expect((await apiGetClaim(request, claim.id)).verdict).toBe("false");

    await bobPanel.getByRole("button", { name: "Save claim" }).click();
    await expect(bobPanel.getByText("Saved.")).toBeVisible();
    await expect(conflict).toBeHidden();
    const stored = await apiGetClaim(request, claim.id);
    expect(stored).toMatchObject({ verdict: "mostly_true", rationale: bobRationale, version: claim.version + 2 });
  } finally {
    await bob.context.close();
  }
});

test("unsaved edits come back after a reload", async ({ page, request }) => {
  const article = await freshArticle(request);
  const claim = await apiClaim(request, "alice", article.id, { exact: CLAIM_QUOTE });
  await signIn(page, "alice");
  await page.goto(`/articles/${article.id}?claim=${claim.id}`);
  const draft = "Draft: compare with the CSTO's own announcement.";
  await claimPanel(page, 1).getByLabel("Rationale").fill(draft);
  await expect(claimPanel(page, 1).getByText("Unsaved changes", { exact: true })).toBeVisible();

  // Leaving with unsaved changes asks first; the reviewer confirms the reload.
  page.on("dialog", (dialog) => void dialog.accept());
  await page.reload();

  const panel = claimPanel(page, 1);
  await expect(panel.getByText("Restored your unsaved changes.")).toBeVisible();
  await expect(panel.getByLabel("Rationale")).toHaveValue(draft);
  expect((await apiGetClaim(request, claim.id)).rationale).toBe("");

  await panel.getByRole("button", { name: "Save claim" }).click();
  await expect(panel.getByText("Saved.")).toBeVisible();
  expect((await apiGetClaim(request, claim.id)).rationale).toBe(draft);
});

test("a draft typed by one user is not offered to the next user of the same browser", async ({ page, request }) => {
  const article = await freshArticle(request);
  const claim = await apiClaim(request, "alice", article.id, { exact: CLAIM_QUOTE });
  const draft = "Alice's unsaved note: call the ministry before publishing.";
  const open = () => page.goto(`/articles/${article.id}?claim=${claim.id}`);
  const drafts = () => page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith("factcheck:draft:")));
  page.on("dialog", (dialog) => void dialog.accept());

  // Drafts belong to their author: with Alice's session simply gone (no sign-out), Bob is not offered hers.
  await signIn(page, "alice");
  await open();
  await claimPanel(page, 1).getByLabel("Rationale").fill(draft);
  await expect(claimPanel(page, 1).getByText("Unsaved changes", { exact: true })).toBeVisible();
  await page.context().clearCookies();
  await signIn(page, "bob");
  await open();
  // The draft would be restored once the page is hydrated: wait for that before checking it was not.
  await page.waitForLoadState("networkidle");
  await expect(claimPanel(page, 1).getByLabel("Rationale")).toHaveValue("");
  await expect(page.getByText("Restored your unsaved changes.")).toBeHidden();

  // Alice still finds her own draft; signing out removes it from the browser.
  await page.context().clearCookies();
  await signIn(page, "alice");
  await open();
  await expect(claimPanel(page, 1).getByText("Restored your unsaved changes.")).toBeVisible();
  await expect(claimPanel(page, 1).getByLabel("Rationale")).toHaveValue(draft);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  expect(await drafts()).toEqual([]);

  await signIn(page, "bob");
  await open();
  // The draft would be restored once the page is hydrated: wait for that before checking it was not.
  await page.waitForLoadState("networkidle");
  await expect(claimPanel(page, 1).getByLabel("Rationale")).toHaveValue("");
  await expect(page.getByText("Restored your unsaved changes.")).toBeHidden();
  expect((await apiGetClaim(request, claim.id)).rationale).toBe("");
});

test("the history and the activity page show each change with who made it", async ({ page, request }) => {
  const article = await freshArticle(request);
  await signIn(page, "alice");
  await page.goto(`/articles/${article.id}`);
  await markWithMouse(page, CLAIM_QUOTE);
  const panel = claimPanel(page, 1);
  await panel.getByLabel("Verdict").selectOption("false");
  await panel.getByRole("button", { name: "Save claim" }).click();
  await expect(panel.getByText("Saved.")).toBeVisible();
  await panel.getByText("Add a source").click();
  await panel.getByLabel("Source URL").fill("https://en.odkb-csto.org/news/");
  await panel.getByLabel("Source title").fill("CSTO press release");
  await panel.getByRole("button", { name: "Save source" }).click();
  await expect(panel.getByRole("link", { name: "CSTO press release" })).toBeVisible();

  const expected = [
    { actor: USERS.alice.name, text: `marked the claim “${CLAIM_QUOTE}”` },
    { actor: USERS.alice.name, text: "set the verdict to False" },
    { actor: USERS.alice.name, text: "added a source: CSTO press release" },
  ];
  await panel.getByText("History").click();
  const history = panel.getByRole("list", { name: "History" });
  await expect(history.getByRole("listitem")).toHaveCount(3);
  for (const [i, entry] of expected.entries()) {
    await expect(history.getByRole("listitem").nth(i)).toContainText(`${entry.actor} ${entry.text}`);
  }

  await page.getByRole("link", { name: "Activity" }).click();
  await expect(page.getByRole("heading", { name: "Activity" })).toBeVisible();
  const activity = page.getByRole("list", { name: "History" });
  await expect(activity.getByRole("listitem")).toHaveCount(4);
  await expect(activity.getByRole("listitem").first()).toContainText(`${USERS.editor.name} added the article`);
  for (const [i, entry] of expected.entries()) {
    await expect(activity.getByRole("listitem").nth(i + 1)).toContainText(`${entry.actor} ${entry.text}`);
  }
  // Other specs write events in parallel, so the page and the verification may see different heads;
  // read both again until they are taken between the same two writes.
  const integrity = page.getByRole("region", { name: "Audit log integrity" });
  await expect(async () => {
    await page.reload();
    const verify = (await (await request.get("/api/v1/audit/verify", { headers: bearer("viewer") })).json()) as { head: string; events: number };
    expect(verify.head).toMatch(/^[0-9a-f]{64}$/);
    const shown = await integrity.textContent();
    expect(shown).toContain(verify.head);
    expect(shown).toContain(`holds ${verify.events.toLocaleString("en-US")} events`);
  }).toPass({ timeout: 20_000 });
});

test("text a user typed is shown as text, never as markup", async ({ page, request }) => {
  const payload = `<img src=x onerror=alert(1)>`;
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const article = await freshArticle(request);
  const claim = await apiClaim(request, "alice", article.id, { exact: CLAIM_QUOTE });
  await signIn(page, "alice");
  await page.goto(`/articles/${article.id}?claim=${claim.id}`);
  const panel = claimPanel(page, 1);
  await panel.getByLabel("Statement as checked").fill(payload);
  await panel.getByLabel("Rationale").fill(`Rationale ${payload}`);
  await panel.getByRole("button", { name: "Save claim" }).click();
  await expect(panel.getByText("Saved.")).toBeVisible();

  await page.reload();
  await expect(claimList(page)).toContainText(payload);
  await expect(claimPanel(page, 1).getByLabel("Statement as checked")).toHaveValue(payload);
  await expect(claimPanel(page, 1).getByLabel("Rationale")).toHaveValue(`Rationale ${payload}`);
  await expect(page.getByLabel(`Claim 1, No verdict yet: ${payload}`, { exact: true })).toBeVisible();
  await expect(page.locator("img")).toHaveCount(0);

  await page.goto(`/articles/${article.id}/activity`);
  await expect(page.getByRole("list", { name: "History" })).toContainText(payload);
  await expect(page.locator("img")).toHaveCount(0);

  // A viewer reads the rationale as plain text too.
  await page.context().clearCookies();
  await signIn(page, "viewer");
  await page.goto(`/articles/${article.id}?claim=${claim.id}`);
  await expect(claimPanel(page, 1)).toContainText(`Rationale ${payload}`);
  await expect(page.locator("img")).toHaveCount(0);
  expect(dialogs).toEqual([]);
});

test("a claim's author deletes it and an editor restores it", async ({ page, request, browser }) => {
  const article = await freshArticle(request);
  const claim = await apiClaim(request, "alice", article.id, { exact: CLAIM_QUOTE });
  await signIn(page, "alice");
  await page.goto(`/articles/${article.id}?claim=${claim.id}`);
  page.once("dialog", (dialog) => void dialog.accept());
  await claimPanel(page, 1).getByRole("button", { name: "Delete claim" }).click();
  await expect(claimPanel(page)).toBeHidden();
  await expect(highlights(page)).toHaveCount(0);
  await expect(page.getByText("No claims marked yet.")).toBeVisible();
  expect((await request.get(`/api/v1/claims/${claim.id}`, { headers: bearer("alice") })).status()).toBe(404);
  // Reviewers do not get a restore button.
  await page.reload();
  await expect(page.getByRole("button", { name: /^Restore claim/ })).toHaveCount(0);

  const editor = await secondBrowser(browser, "editor");
  try {
    await editor.page.goto(`/articles/${article.id}`);
    await expect(editor.page.getByRole("heading", { name: "Deleted claims (1)" })).toBeVisible();
    await editor.page.getByRole("button", { name: `Restore claim ${CLAIM_QUOTE}` }).click();
    await expect(claimPanel(editor.page, 1).locator("blockquote")).toHaveText(CLAIM_QUOTE);
    await expect(highlights(editor.page)).toHaveText(CLAIM_QUOTE);
    await expect(editor.page.getByRole("heading", { name: /^Deleted claims/ })).toBeHidden();
  } finally {
    await editor.context.close();
  }
  const restored = await apiGetClaim(request, claim.id);
  expect(restored.deletedAt).toBeUndefined();
  expect(restored.exact).toBe(CLAIM_QUOTE);
});

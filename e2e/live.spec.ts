// Live updates as a desk sees them, each person in their own browser: a colleague's change to the claim
// a reviewer has open arrives without a reload and without touching what she is typing; a comment
// arrives in her discussion; the page shows who else has the article open, and a closed tab leaves the
// list. Then the same across two server processes on two ports behind one database (a desk behind a
// load balancer): a change made through one process appears on a page served by the other, and so
// does presence. Runs on SQLite and on PostgreSQL (LISTEN/NOTIFY there).
import { spawn, type ChildProcess } from "node:child_process";
import { CLAIM_QUOTE, DATABASE_URL, apiClaim, bearer, expect, freshArticle, signIn, signedInPage, test } from "./fixtures";

test("@pg a colleague's change, comment and presence reach an open page without a reload, and what the reader is typing stays", async ({ browser, page, request }) => {
  test.setTimeout(120_000);
  const article = await freshArticle(request, `Live ${Math.random().toString(36).slice(2, 6)}`);
  const claim = await apiClaim(request, "editor", article.id, { exact: CLAIM_QUOTE });

  await signIn(page, "alice");
  await page.goto(`/articles/${article.id}?claim=${claim.id}`);
  const here = page.getByRole("region", { name: "Who is here" });
  await expect(here.getByRole("status")).toHaveText("Live");
  await expect(here).toContainText("Nobody else has this article open.");
  const panel = page.getByRole("region", { name: /^Claim \d+$/ });

  // Bob opens the article: Alice sees him arrive.
  const bob = await signedInPage(browser, "bob");
  await bob.goto(`/articles/${article.id}`);
  await expect(here).toContainText("Also here: Bob Reviewer");

  // Alice is writing her note when the editor gives the claim a rationale through the API.
  await panel.getByLabel(/^Internal note/).fill("Alice: ask the ministry for the order.");
  const edited = await request.patch(`/api/v1/claims/${claim.id}`, { headers: bearer("editor"), data: { version: 1, rationale: "The CSTO itself gave 2,500." } });
  expect(edited.status()).toBe(200);
  await expect(panel.getByLabel(/^Rationale/)).toHaveValue("The CSTO itself gave 2,500.");
  await expect(panel.getByLabel(/^Internal note/)).toHaveValue("Alice: ask the ministry for the order.");
  await expect(panel.getByText("Unsaved changes", { exact: true })).toBeVisible();
  // Her save then builds on the editor's change: no conflict, both kept.
  await panel.getByRole("button", { name: "Save claim" }).click();
  await expect(panel.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  const saved = (await (await request.get(`/api/v1/claims/${claim.id}`, { headers: bearer("editor") })).json()) as { rationale: string; note: string; version: number };
  expect(saved).toMatchObject({ rationale: "The CSTO itself gave 2,500.", note: "Alice: ask the ministry for the order.", version: 3 });

  // Bob's comment and a new claim appear on Alice's page.
  const words = "Bob: the ministry's own figure was 2,030.";
  expect((await request.post(`/api/v1/claims/${claim.id}/comments`, { headers: bearer("bob"), data: { body: words } })).status()).toBe(201);
  await expect(panel.getByRole("region", { name: /^Discussion/ }).getByRole("listitem", { name: "Comment by Bob Reviewer" })).toContainText(words);
  const claims = page.getByRole("list", { name: "Claims in text order" });
  await expect(claims.getByRole("listitem")).toHaveCount(1);
  await apiClaim(request, "bob", article.id, { exact: "Almaty" });
  await expect(claims.getByRole("listitem")).toHaveCount(2);

  // Bob closes his tab: he leaves Alice's list.
  await bob.close();
  await expect(here).toContainText("Nobody else has this article open.", { timeout: 30_000 });
});

/** A second server process on another port, on the same database and build. */
async function secondServer(port: number): Promise<ChildProcess> {
  const child = spawn("node_modules/.bin/tsx", ["scripts/start.ts"], {
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_URL,
      ...(process.env.E2E_MIGRATION_DATABASE_URL ? { MIGRATION_DATABASE_URL: process.env.E2E_MIGRATION_DATABASE_URL } : {}),
      NEXTAUTH_SECRET: "e2e-secret-e2e-secret-e2e-secret-0123456789",
      NEXTAUTH_URL: `http://localhost:${port}`,
      NEXT_TELEMETRY_DISABLED: "1",
      FACTCHECK_SECURITY_LOG: "off",
    },
    stdio: "ignore",
  });
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the second server exited with ${child.exitCode}`);
    const up = await fetch(`http://localhost:${port}/sign-in`).then((r) => r.ok, () => false);
    if (up) return child;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  child.kill();
  throw new Error("the second server did not start");
}

test("@pg with two server processes, a change made through one appears on a page served by the other, and so does presence", async ({ browser, page, request }) => {
  test.setTimeout(180_000);
  const port = Number(process.env.E2E_SECOND_PORT ?? 3219);
  const other = await secondServer(port);
  try {
    const article = await freshArticle(request, `Two processes ${Math.random().toString(36).slice(2, 6)}`);
    const claim = await apiClaim(request, "editor", article.id, { exact: CLAIM_QUOTE });

    // Alice reads the article on the first process.
    await signIn(page, "alice");
    await page.goto(`/articles/${article.id}?claim=${claim.id}`);
    const here = page.getByRole("region", { name: "Who is here" });
    await expect(here.getByRole("status")).toHaveText("Live");

    // The editor changes the claim through the second process's API.
    const viaOther = await request.patch(`http://localhost:${port}/api/v1/claims/${claim.id}`, { headers: bearer("editor"), data: { version: 1, statement: "About 2,500 CSTO troops were sent." } });
    expect(viaOther.status()).toBe(200);
    await expect(page.getByRole("list", { name: "Claims in text order" })).toContainText("About 2,500 CSTO troops were sent.");
    await expect(page.getByRole("region", { name: /^Claim \d+$/ }).getByLabel("Statement as checked")).toHaveValue("About 2,500 CSTO troops were sent.");

    // Bob opens the article on the second process (the session cookie is the host's, whatever the port).
    const bob = await signedInPage(browser, "bob");
    await bob.goto(`http://localhost:${port}/articles/${article.id}`);
    await expect(bob.getByRole("region", { name: "Who is here" })).toContainText("Also here: Alice Reviewer");
    await expect(here).toContainText("Also here: Bob Reviewer");
    await bob.close();
    await expect(here).toContainText("Nobody else has this article open.", { timeout: 30_000 });
  } finally {
    other.kill();
  }
});

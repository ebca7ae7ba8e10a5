// Adjudication, approval and corrections as a desk does them, each person in their own browser: two
// reviewers assess a claim in independent review; one editor proposes the final verdict and cannot
// approve it herself; a second editor approves it; a correction takes a reason, goes back for approval
// and shows in the public report, which holds only approved claims. Outside independent review, a
// reviewer changing an approved verdict is asked for the reason.
import { CLAIM_QUOTE, USERS, apiClaim, bearer, expect, freshArticle, signIn, test, signedInPage } from "./fixtures";

const SECOND_QUOTE = "the situation in Kazakhstan is “stabilising”";

test("an editor proposes the final verdict, another approves it, and a correction with its reason reaches the public report", async ({ browser, page, request }) => {
  test.setTimeout(180_000);
  const article = await freshArticle(request, `Adjudicated ${Math.random().toString(36).slice(2, 6)}`);
  expect((await request.patch(`/api/v1/articles/${article.id}`, { headers: bearer("editor"), data: { independentReview: true } })).status()).toBe(200);
  const claim = await apiClaim(request, "alice", article.id, { exact: CLAIM_QUOTE });
  const other = await apiClaim(request, "alice", article.id, { exact: SECOND_QUOTE });
  for (const [who, verdict, rationale] of [
    ["alice", "mostly_true", "The CSTO itself gave about 2,500."],
    ["bob", "half_true", "Other counts differ."],
  ] as const) {
    const answer = await request.put(`/api/v1/claims/${claim.id}/assessment`, { headers: bearer(who), data: { verdict, rationale } });
    expect(answer.status(), await answer.text()).toBe(200);
  }
  const claimUrl = `/articles/${article.id}?claim=${claim.id}`;

  // Eddie sees both assessments side by side and proposes the final verdict; he may not approve his own.
  await signIn(page, "editor");
  await page.goto(claimUrl);
  const panel = page.getByRole("region", { name: /^Claim \d+$/ });
  await expect(panel.getByRole("list", { name: "Assessments of this claim" }).getByRole("listitem")).toHaveCount(2);
  await expect(panel.getByLabel("Status")).toHaveValue("assessed");
  await expect(panel.getByLabel("Verdict", { exact: true })).toBeDisabled();
  await expect(panel.getByText("Set it as the final verdict below.")).toBeVisible();
  const decision = panel.getByRole("region", { name: "Decision" });
  const form = decision.getByRole("form", { name: "Final verdict" });
  await form.getByRole("button", { name: "Propose final verdict" }).click();
  await expect(form.getByText("Choose the final verdict.")).toBeVisible();
  await form.getByLabel("Final verdict").selectOption("mostly_true");
  await form.getByLabel(/Note on the decision/).fill("Alice's source is the alliance's own statement.");
  await form.getByRole("button", { name: "Propose final verdict" }).click();
  await expect(decision.getByRole("status")).toHaveText("Final verdict proposed.");
  await expect(decision).toContainText(`by ${USERS.editor.name}`);
  await expect(decision).toContainText("Waiting for an editor's approval");
  await expect(panel.getByLabel("Status")).toHaveValue("proposed");
  await expect(decision.getByRole("button", { name: "Approve verdict" })).toBeDisabled();
  await expect(decision.getByText("Another editor approves it: you gave this verdict.")).toBeVisible();
  await panel.screenshot({ path: "test-results/approval-proposed.png" });

  // Vera, a viewer, does not see the assessments before approval.
  const vera = await signedInPage(browser, "viewer");
  await vera.goto(claimUrl);
  const veraPanel = vera.getByRole("region", { name: /^Claim \d+$/ });
  await expect(veraPanel.getByText("2 assessments are hidden until the verdict is approved.")).toBeVisible();

  // Erin, the second editor, approves it.
  const erin = await signedInPage(browser, "erin");
  await erin.goto(claimUrl);
  const erinDecision = erin.getByRole("region", { name: /^Claim \d+$/ }).getByRole("region", { name: "Decision" });
  await expect(erinDecision).toContainText("Alice's source is the alliance's own statement.");
  await erinDecision.getByRole("button", { name: "Approve verdict" }).click();
  await expect(erinDecision.getByRole("status")).toHaveText("Approved.");
  await expect(erinDecision).toContainText(`Approved by ${USERS.erin.name}`);

  // Now Vera sees both assessments.
  await vera.reload();
  await expect(vera.getByRole("region", { name: /^Claim \d+$/ }).getByRole("list", { name: "Assessments of this claim" }).getByRole("listitem")).toHaveCount(2);

  // The public report holds only the approved claim, and no correction yet.
  const publicJson = async () =>
    (await (await request.get(`/api/v1/articles/${article.id}/report?format=json&audience=public`, { headers: bearer("viewer") })).json()) as {
      articles: { claims: { id: string; status: string; verdict: string; corrections: { from: string; to: string; reason: string }[] }[] }[];
    };
  const first = await publicJson();
  expect(first.articles[0]!.claims.map((c) => [c.id, c.status, c.verdict, c.corrections.length])).toEqual([[claim.id, "approved", "mostly_true", 0]]);
  expect(first.articles[0]!.claims.some((c) => c.id === other.id)).toBe(false);

  // Eddie corrects the approved verdict: without a reason he is asked for one; it goes back for approval.
  await page.reload();
  const correction = page.getByRole("region", { name: /^Claim \d+$/ }).getByRole("region", { name: "Decision" });
  await correction.getByText("Correct the approved verdict", { exact: true }).click();
  const correctForm = correction.getByRole("form", { name: "Final verdict" });
  await correctForm.getByLabel("Final verdict").selectOption("half_true");
  await correctForm.getByRole("button", { name: "Correct the verdict" }).click();
  await expect(correctForm.getByText("Give the reason for the correction.")).toBeVisible();
  await correctForm.getByLabel("Reason for the correction").fill("The alliance later gave 2,030 troops.");
  await correctForm.getByRole("button", { name: "Correct the verdict" }).click();
  await expect(correction.getByRole("status")).toHaveText("Corrected: the verdict goes back for approval.");
  await expect(page.getByRole("region", { name: /^Claim \d+$/ }).getByLabel("Status")).toHaveValue("proposed");

  await erin.reload();
  await erin.getByRole("region", { name: /^Claim \d+$/ }).getByRole("button", { name: "Approve verdict" }).click();
  await expect(erin.getByRole("region", { name: /^Claim \d+$/ }).getByRole("region", { name: "Decision" }).getByRole("status")).toHaveText("Approved.");

  const corrected = (await publicJson()).articles[0]!.claims[0]!;
  expect([corrected.verdict, corrected.corrections]).toEqual(["half_true", [expect.objectContaining({ from: "mostly_true", to: "half_true", reason: "The alliance later gave 2,030 troops." })]]);
  await page.goto(`/articles/${article.id}/report?audience=public`);
  const corrections = page.getByRole("region", { name: "Corrections" });
  await expect(corrections).toContainText("The alliance later gave 2,030 troops.");
  await page.screenshot({ path: "test-results/approval-report.png", fullPage: true });
});

test("outside independent review, a reviewer changing an approved verdict is asked why, and it goes back for approval", async ({ page, request }) => {
  const article = await freshArticle(request);
  const claim = await apiClaim(request, "alice", article.id, { exact: CLAIM_QUOTE });
  const given = await request.patch(`/api/v1/claims/${claim.id}`, { headers: bearer("alice"), data: { version: claim.version, verdict: "true" } });
  const approved = await request.post(`/api/v1/claims/${claim.id}/approve`, { headers: bearer("editor"), data: { version: ((await given.json()) as { version: number }).version } });
  expect(approved.status(), await approved.text()).toBe(200);

  await signIn(page, "alice");
  await page.goto(`/articles/${article.id}?claim=${claim.id}`);
  const panel = page.getByRole("region", { name: /^Claim \d+$/ });
  await expect(panel.getByRole("region", { name: "Decision" })).toContainText(`Approved by ${USERS.editor.name}`);
  await expect(panel.getByLabel("Reason for the correction")).toHaveCount(0);
  await panel.getByLabel("Verdict", { exact: true }).selectOption("false");
  await panel.getByRole("button", { name: "Save claim" }).click();
  await expect(panel.getByText("Give the reason for the correction.")).toBeVisible();
  await panel.getByLabel("Reason for the correction").fill("The ministry withdrew the figure.");
  await panel.getByRole("button", { name: "Save claim" }).click();
  await expect(panel.getByText("Saved.")).toBeVisible();
  await expect(panel.getByLabel("Status")).toHaveValue("verdict_given");
  await expect(panel.getByRole("region", { name: "Decision" })).toContainText("Waiting for an editor's approval");
  await panel.getByText("History", { exact: true }).click();
  await expect(panel.getByText(/corrected the verdict from True to False: “The ministry withdrew the figure\.”/)).toBeVisible();
});

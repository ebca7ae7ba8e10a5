// Independent and blind review as a desk does it, each person in their own browser: an editor puts an
// article in blind independent review; the first reviewer's assessment stays hidden from the second
// (in the claim panel, the claim's history and the API) until the second submits theirs; then both see
// both, the claim is assessed, and the article shows how far they agree.
import { CLAIM_QUOTE, addUser, apiClaim, bearer, expect, freshArticle, signIn, test, signedInPage } from "./fixtures";

test("blind review hides a colleague's assessment until the reviewer has submitted their own, then shows both and their agreement", async ({ browser, page, request }) => {
  test.setTimeout(150_000);
  const rosa = addUser("reviewer", "rosa");
  const tom = addUser("reviewer", "tom");
  const article = await freshArticle(request, `Blind review ${Math.random().toString(36).slice(2, 6)}`);
  const claim = await apiClaim(request, "editor", article.id, { exact: CLAIM_QUOTE });
  const claimUrl = `/articles/${article.id}?claim=${claim.id}`;

  // The editor turns on independent review, then blind review.
  await signIn(page, "editor");
  await page.goto(`/articles/${article.id}`);
  const settings = page.getByRole("region", { name: /^Assignments/ });
  await expect(settings.getByRole("checkbox", { name: /^Blind review/ })).toBeDisabled();
  await settings.getByRole("checkbox", { name: /^Independent review/ }).check();
  await expect(settings.getByRole("status")).toHaveText("Independent review is on: each reviewer now gives their own assessment.");
  await settings.getByRole("checkbox", { name: /^Blind review/ }).check();
  await expect(settings.getByRole("status")).toHaveText("Blind review is on.");

  // Rosa assesses the claim; the claim's own verdict is the editor's to set.
  const rosaPage = await signedInPage(browser, rosa);
  await rosaPage.goto(claimUrl);
  const rosaPanel = rosaPage.getByRole("region", { name: /^Claim \d+$/ });
  await expect(rosaPanel.getByLabel("Verdict", { exact: true })).toBeDisabled();
  await expect(rosaPanel.getByText("An editor sets it; give yours as your assessment below.")).toBeVisible();
  await expect(rosaPanel.getByText("No assessments yet.")).toBeVisible();
  const rosaForm = rosaPanel.getByRole("form", { name: "Your assessment" });
  await rosaForm.getByRole("button", { name: "Submit assessment" }).click();
  await expect(rosaForm.getByText("Choose a verdict.")).toBeVisible();
  await rosaForm.getByLabel("Your verdict").selectOption("mostly_true");
  await rosaForm.getByLabel("Your rationale").fill("Rosa: the alliance itself gave 2,500.");
  await rosaForm.getByRole("button", { name: "Submit assessment" }).click();
  await expect(rosaForm.getByRole("status")).toHaveText("Your assessment is submitted.");
  const rosaList = rosaPanel.getByRole("list", { name: "Assessments of this claim" });
  await expect(rosaList.getByRole("listitem")).toHaveCount(1);
  await expect(rosaList).toContainText(`${rosa.name} (you)`);
  await expect(rosaForm.getByRole("button", { name: "Revise assessment" })).toBeVisible();
  await expect(rosaPanel.getByLabel("Status")).toHaveValue("in_review");

  // Tom sees that one assessment exists, not what it says: not in the panel, the history or the API.
  const tomPage = await signedInPage(browser, tom);
  await tomPage.goto(claimUrl);
  const tomPanel = tomPage.getByRole("region", { name: /^Claim \d+$/ });
  await expect(tomPanel.getByText("1 assessment is hidden until you submit yours.")).toBeVisible();
  await expect(tomPanel.getByRole("list", { name: "Assessments of this claim" })).toHaveCount(0);
  await expect(tomPage.getByText("Rosa: the alliance itself gave 2,500.")).toHaveCount(0);
  await tomPanel.getByText("History", { exact: true }).click();
  await expect(tomPanel.getByText(/changed the status from Open to In review/)).toBeVisible();
  await expect(tomPanel.getByText(/assessed the claim/)).toHaveCount(0);
  const hiddenFromTom = await tomPage.request.get(`/api/v1/claims/${claim.id}/assessments`);
  expect(hiddenFromTom.status()).toBe(200);
  expect(await hiddenFromTom.json()).toEqual({ items: [], hidden: 1 });
  const audit = (await (await tomPage.request.get(`/api/v1/articles/${article.id}/audit`)).json()) as { items: { action: string }[]; hidden: number };
  expect(audit.hidden).toBe(1);
  expect(audit.items.some((e) => e.action.startsWith("assessment."))).toBe(false);
  const exportedAssessments = async () => {
    const report = (await (await tomPage.request.get(`/api/v1/articles/${article.id}/report?format=json`)).json()) as { articles: { events: { action: string }[] }[] };
    return report.articles[0]!.events.filter((e) => e.action.startsWith("assessment.")).length;
  };
  expect(await exportedAssessments()).toBe(0);
  await tomPage.screenshot({ path: "test-results/review-blind-hidden.png", fullPage: true });

  // Once Tom has submitted his, he sees Rosa's; two assessments without assignment make the claim assessed.
  const tomForm = tomPanel.getByRole("form", { name: "Your assessment" });
  await tomForm.getByLabel("Your verdict").selectOption("false");
  await tomForm.getByLabel("Your rationale").fill("Tom: the ministry's figure was lower.");
  await tomForm.getByRole("button", { name: "Submit assessment" }).click();
  await expect(tomForm.getByRole("status")).toHaveText("Your assessment is submitted.");
  const tomList = tomPanel.getByRole("list", { name: "Assessments of this claim" });
  await expect(tomList.getByRole("listitem")).toHaveCount(2);
  await expect(tomList).toContainText("Rosa: the alliance itself gave 2,500.");
  await expect(tomPanel.getByText(/hidden until you submit yours/)).toHaveCount(0);
  expect(await exportedAssessments()).toBe(2);
  const shownToTom = (await (await tomPage.request.get(`/api/v1/claims/${claim.id}/assessments`)).json()) as { items: { reviewer: { name: string }; verdict: string }[]; hidden: number };
  expect(shownToTom.hidden).toBe(0);
  expect(shownToTom.items.map((a) => [a.reviewer.name, a.verdict])).toEqual([
    [rosa.name, "mostly_true"],
    [tom.name, "false"],
  ]);

  // The article's agreement: one claim, two reviewers, who disagree.
  const agreementCard = tomPage.getByRole("region", { name: "Agreement" });
  await expect(agreementCard.getByText("0%")).toBeVisible();
  await expect(agreementCard).toContainText("1 claim with two or more assessments, 2 reviewers");
  await expect(agreementCard.getByRole("button", { name: "claim 1" })).toBeVisible();
  const figures = (await (await request.get(`/api/v1/articles/${article.id}/agreement`, { headers: bearer("editor") })).json()) as Record<string, unknown>;
  expect(figures).toMatchObject({ claims: 1, reviewers: 2, percent: 0, disagreements: [claim.id] });
  // The internal report carries the same figures, the disagreement by the claim's number; the public one none.
  const reported = async (audience: string) =>
    ((await (await tomPage.request.get(`/api/v1/articles/${article.id}/report?format=json&audience=${audience}`)).json()) as { articles: { agreement: unknown }[] }).articles[0]!.agreement;
  expect(await reported("internal")).toMatchObject({ claims: 1, reviewers: 2, percent: 0, disagreements: [1] });
  expect(await reported("public")).toBeNull();
  const markdown = await (await tomPage.request.get(`/api/v1/articles/${article.id}/report?format=md`)).text();
  expect(markdown).toContain("### Agreement between reviewers");
  expect(markdown).toContain("Reviewers disagree on claim 1.");
  await tomPage.screenshot({ path: "test-results/review-blind-revealed.png", fullPage: true });

  // The editor sees both assessments side by side and the claim as assessed.
  await page.goto(claimUrl);
  const editorPanel = page.getByRole("region", { name: /^Claim \d+$/ });
  await expect(editorPanel.getByRole("list", { name: "Assessments of this claim" }).getByRole("listitem")).toHaveCount(2);
  await expect(editorPanel.getByLabel("Status")).toHaveValue("assessed");
  // Its verdict is the final verdict an editor proposes in the Decision section, not a save.
  await expect(editorPanel.getByLabel("Verdict", { exact: true })).toBeDisabled();
  await expect(editorPanel.getByRole("region", { name: "Decision" }).getByRole("form", { name: "Final verdict" })).toBeVisible();
  await editorPanel.screenshot({ path: "test-results/review-editor-panel.png" });
});

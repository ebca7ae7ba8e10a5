// A claim's discussion as the desk uses it, each person in their own browser: a reviewer comments with a
// mention and a link (links open safely, a "javascript:" address stays text), edits it; the editor
// mentioned finds it in her queue, follows it to the claim, may delete but not edit it, and marks the
// mention read; a viewer reads the thread but cannot write in it. Blind review withholds a colleague's
// comments from a reviewer until they have submitted their own assessment. Comments and their deletion
// show in the claim's history.
import { CLAIM_QUOTE, USERS, addUser, apiClaim, bearer, expect, freshArticle, signIn, signedInPage, test } from "./fixtures";

test("a reviewer's comment mentions an editor, who finds it in her queue, follows it to the claim and marks it read; a viewer only reads", async ({ browser, page, request }) => {
  test.setTimeout(150_000);
  const article = await freshArticle(request, `Discussed piece ${Math.random().toString(36).slice(2, 6)}`);
  const claim = await apiClaim(request, "editor", article.id, { exact: CLAIM_QUOTE });
  const claimUrl = `/articles/${article.id}?claim=${claim.id}`;
  const erinQueue = async () => (await (await request.get("/api/v1/queue", { headers: bearer("erin") })).json()) as { waiting: number; mentions: { commentId: string; claimId: string }[] };
  const erinWaitingBefore = (await erinQueue()).waiting;

  // Alice opens the claim: nobody has discussed it yet; an empty comment is refused.
  await signIn(page, "alice");
  await page.goto(claimUrl);
  const panel = page.getByRole("region", { name: /^Claim \d+$/ });
  const discussion = panel.getByRole("region", { name: /^Discussion/ });
  await expect(discussion.getByRole("heading", { name: "Discussion", exact: true })).toBeVisible();
  await expect(discussion.getByText("No comments yet.")).toBeVisible();
  await discussion.getByRole("button", { name: "Post comment" }).click();
  await expect(discussion.getByText("The comment is required.")).toBeVisible();
  await expect(discussion.getByRole("list", { name: "Comments" })).toHaveCount(0);

  // She asks Erin to look at a report; the address becomes a link, the script address stays text.
  const first = "@Erin Editor can you check the figure? See https://example.org/report (page 3), not javascript:alert(1)";
  await discussion.getByLabel("Add a comment").fill(first);
  await discussion.getByRole("button", { name: "Post comment" }).click();
  await expect(discussion.getByRole("status")).toHaveText("Comment posted.");
  await expect(discussion.getByText("The comment is required.")).toHaveCount(0);
  await expect(discussion.getByLabel("Add a comment")).toHaveValue("");
  await expect(discussion.getByRole("heading", { name: "Discussion (1)" })).toBeVisible();
  const comments = discussion.getByRole("list", { name: "Comments" });
  await expect(comments.getByRole("listitem")).toHaveCount(1);
  const aliceComment = comments.getByRole("listitem", { name: "Comment by Alice Reviewer" });
  await expect(aliceComment).toContainText("Alice Reviewer (you)");
  await expect(aliceComment).toContainText("can you check the figure? See https://example.org/report (page 3), not javascript:alert(1)");
  const link = aliceComment.getByRole("link", { name: "https://example.org/report", exact: true });
  await expect(link).toHaveAttribute("href", "https://example.org/report");
  await expect(link).toHaveAttribute("target", "_blank");
  await expect(link).toHaveAttribute("rel", /\bnoopener\b/);
  await expect(link).toHaveAttribute("rel", /\bnoreferrer\b/);
  await expect(aliceComment.getByRole("link")).toHaveCount(1);
  await expect(aliceComment.getByRole("link", { name: /javascript/ })).toHaveCount(0);
  // The mention is picked out on its own, not run into the text around it, and is not a link.
  await expect(aliceComment.getByText("@Erin Editor", { exact: true })).toBeVisible();
  await expect(aliceComment.getByRole("link", { name: /Erin/ })).toHaveCount(0);
  await expect(aliceComment.getByText(/edited/)).toHaveCount(0);

  // She rewords it: the thread says it was edited and shows the new words only.
  await aliceComment.getByRole("button", { name: "Edit" }).click();
  const editForm = aliceComment.getByRole("form", { name: "Edit comment" });
  const edited = "@Erin Editor please check the figure against https://example.org/report (page 3), not javascript:alert(1)";
  await editForm.getByRole("textbox", { name: "Edit comment" }).fill(edited);
  await editForm.getByRole("button", { name: "Save comment" }).click();
  await expect(editForm).toHaveCount(0);
  await expect(aliceComment).toContainText("please check the figure against");
  await expect(aliceComment).not.toContainText("can you check the figure?");
  await expect(aliceComment.getByText(/· edited/)).toBeVisible();
  await expect(aliceComment.getByRole("link", { name: "https://example.org/report", exact: true })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("region", { name: /^Claim \d+$/ }).getByRole("listitem", { name: "Comment by Alice Reviewer" })).toContainText("please check the figure against");

  // Erin's header counts the mention; her queue shows who mentioned her, where, and what they wrote.
  const mentions = await erinQueue();
  expect(mentions.waiting).toBe(erinWaitingBefore + 1);
  expect(mentions.mentions.filter((m) => m.claimId === claim.id)).toHaveLength(1);
  const erinPage = await signedInPage(browser, "erin");
  await erinPage.getByRole("link", { name: `My queue, ${erinWaitingBefore + 1} waiting` }).click();
  await expect(erinPage.getByRole("heading", { name: "My queue" })).toBeVisible();
  const mentionSection = erinPage.getByRole("region", { name: /^Mentions/ });
  const mention = mentionSection.getByRole("list", { name: "Mentions" }).getByRole("listitem").filter({ hasText: article.title });
  await expect(mention).toHaveCount(1);
  await expect(mention).toContainText(`Alice Reviewer mentioned you on “${CLAIM_QUOTE}” in ${article.title} · `);
  await expect(mention).toContainText("please check the figure against https://example.org/report (page 3)");
  await mention.getByRole("link", { name: `“${CLAIM_QUOTE}”` }).click();

  // The link opens the claim with Alice's comment; Erin, an editor, may delete it but not edit it.
  await expect(erinPage).toHaveURL(new RegExp(`/articles/${article.id}\\?claim=${claim.id}$`));
  const erinPanel = erinPage.getByRole("region", { name: /^Claim \d+$/ });
  await expect(erinPanel).toContainText(CLAIM_QUOTE);
  const erinDiscussion = erinPanel.getByRole("region", { name: /^Discussion/ });
  const seenByErin = erinDiscussion.getByRole("listitem", { name: "Comment by Alice Reviewer" });
  await expect(seenByErin).toContainText("please check the figure against");
  await expect(seenByErin).not.toContainText("(you)");
  await expect(seenByErin.getByText("@Erin Editor", { exact: true })).toBeVisible();
  await expect(seenByErin.getByRole("button", { name: "Delete" })).toBeVisible();
  await expect(seenByErin.getByRole("button", { name: "Edit" })).toHaveCount(0);
  await expect(erinDiscussion.getByLabel("Add a comment")).toBeVisible();

  // Reading the claim is not replying: the mention still waits until she marks it read.
  await erinPage.goto("/queue");
  await expect(mention).toHaveCount(1);
  await mention.getByRole("button", { name: "Mark as read" }).click();
  await expect(mention).toHaveCount(0);
  await expect(erinPage.getByRole("link", { name: erinWaitingBefore === 0 ? "My queue" : `My queue, ${erinWaitingBefore} waiting`, exact: true })).toBeVisible();
  const afterRead = await erinQueue();
  expect(afterRead.waiting).toBe(erinWaitingBefore);
  expect(afterRead.mentions.some((m) => m.claimId === claim.id)).toBe(false);

  // A viewer reads the discussion but has nowhere to write, and the API refuses their comment.
  const viewerPage = await signedInPage(browser, "viewer");
  await viewerPage.goto(claimUrl);
  const viewerDiscussion = viewerPage.getByRole("region", { name: /^Claim \d+$/ }).getByRole("region", { name: /^Discussion/ });
  const seenByViewer = viewerDiscussion.getByRole("listitem", { name: "Comment by Alice Reviewer" });
  await expect(seenByViewer).toContainText("please check the figure against");
  await expect(viewerDiscussion.getByLabel("Add a comment")).toHaveCount(0);
  await expect(viewerDiscussion.getByRole("button", { name: "Post comment" })).toHaveCount(0);
  await expect(seenByViewer.getByRole("button")).toHaveCount(0);
  const viewerList = await request.get(`/api/v1/claims/${claim.id}/comments`, { headers: bearer("viewer") });
  expect(viewerList.status()).toBe(200);
  const listed = (await viewerList.json()) as { items: { body: string; author: { name: string }; edited: boolean }[]; hidden: number };
  expect(listed.hidden).toBe(0);
  expect(listed.items.map((c) => [c.author.name, c.body, c.edited])).toEqual([[USERS.alice.name, edited, true]]);
  const refused = await request.post(`/api/v1/claims/${claim.id}/comments`, { headers: bearer("viewer"), data: { body: "A viewer's word" } });
  expect(refused.status()).toBe(403);

  // Erin deletes Alice's comment after confirming; it is gone for Alice too.
  await erinPage.goto(claimUrl);
  let confirmText = "";
  erinPage.once("dialog", (dialog) => {
    confirmText = dialog.message();
    void dialog.accept();
  });
  await seenByErin.getByRole("button", { name: "Delete" }).click();
  await expect(seenByErin).toHaveCount(0);
  expect(confirmText).toBe("Delete Alice Reviewer's comment?");
  await expect(erinDiscussion.getByText("No comments yet.")).toBeVisible();
  await page.reload();
  const aliceDiscussion = page.getByRole("region", { name: /^Claim \d+$/ }).getByRole("region", { name: /^Discussion/ });
  await expect(aliceDiscussion.getByText("No comments yet.")).toBeVisible();
  await expect(aliceDiscussion.getByRole("heading", { name: "Discussion", exact: true })).toBeVisible();
});

test("blind review hides a colleague's comments from a reviewer until they have submitted their own assessment", async ({ browser, request }) => {
  test.setTimeout(150_000);
  const rosa = addUser("reviewer", "rosa");
  const tom = addUser("reviewer", "tom");
  const article = await freshArticle(request, `Blind discussion ${Math.random().toString(36).slice(2, 6)}`);
  const claim = await apiClaim(request, "editor", article.id, { exact: CLAIM_QUOTE });
  const claimUrl = `/articles/${article.id}?claim=${claim.id}`;
  for (const setting of [{ independentReview: true }, { blind: true }]) {
    const patched = await request.patch(`/api/v1/articles/${article.id}`, { headers: bearer("editor"), data: setting });
    expect(patched.status(), await patched.text()).toBe(200);
  }

  // Rosa, who has not assessed the claim either, comments; her own comment stays visible to her.
  const rosaWords = "Rosa: the alliance's own statement gives 2,500.";
  const rosaPage = await signedInPage(browser, rosa);
  await rosaPage.goto(claimUrl);
  const rosaDiscussion = rosaPage.getByRole("region", { name: /^Claim \d+$/ }).getByRole("region", { name: /^Discussion/ });
  await rosaDiscussion.getByLabel("Add a comment").fill(rosaWords);
  await rosaDiscussion.getByRole("button", { name: "Post comment" }).click();
  await expect(rosaDiscussion.getByRole("status")).toHaveText("Comment posted.");
  await expect(rosaDiscussion.getByRole("listitem", { name: `Comment by ${rosa.name}` })).toContainText(rosaWords);
  await expect(rosaDiscussion.getByText(/hidden until/)).toHaveCount(0);

  // Tom learns that a comment exists, not what it says: not in the panel, not in the API.
  const tomPage = await signedInPage(browser, tom);
  await tomPage.goto(claimUrl);
  const tomPanel = tomPage.getByRole("region", { name: /^Claim \d+$/ });
  const tomDiscussion = tomPanel.getByRole("region", { name: /^Discussion/ });
  await expect(tomDiscussion.getByText("1 comment is hidden until you submit your assessment (blind review).")).toBeVisible();
  await expect(tomDiscussion.getByRole("heading", { name: "Discussion (1)" })).toBeVisible();
  await expect(tomDiscussion.getByRole("list", { name: "Comments" })).toHaveCount(0);
  await expect(tomPage.getByText(rosaWords)).toHaveCount(0);
  const hiddenFromTom = await tomPage.request.get(`/api/v1/claims/${claim.id}/comments`);
  expect(hiddenFromTom.status()).toBe(200);
  expect(await hiddenFromTom.json()).toEqual({ items: [], hidden: 1 });

  // His own comment shows to him while Rosa's stays hidden.
  const tomWords = "Tom: I am still looking for the ministry's figure.";
  await tomDiscussion.getByLabel("Add a comment").fill(tomWords);
  await tomDiscussion.getByRole("button", { name: "Post comment" }).click();
  await expect(tomDiscussion.getByRole("status")).toHaveText("Comment posted.");
  const tomComments = tomDiscussion.getByRole("list", { name: "Comments" });
  await expect(tomComments.getByRole("listitem")).toHaveCount(1);
  await expect(tomComments.getByRole("listitem", { name: `Comment by ${tom.name}` })).toContainText(tomWords);
  await expect(tomDiscussion.getByText("1 comment is hidden until you submit your assessment (blind review).")).toBeVisible();
  await expect(tomPage.getByText(rosaWords)).toHaveCount(0);

  // Once Tom has submitted his assessment, Rosa's comment shows to him.
  const tomForm = tomPanel.getByRole("form", { name: "Your assessment" });
  await tomForm.getByLabel("Your verdict").selectOption("false");
  await tomForm.getByLabel("Your rationale").fill("Tom: the ministry's figure was lower.");
  await tomForm.getByRole("button", { name: "Submit assessment" }).click();
  await expect(tomForm.getByRole("status")).toHaveText("Your assessment is submitted.");
  await expect(tomComments.getByRole("listitem", { name: `Comment by ${rosa.name}` })).toContainText(rosaWords);
  await expect(tomComments.getByRole("listitem")).toHaveCount(2);
  await expect(tomDiscussion.getByText(/hidden until/)).toHaveCount(0);
  const shownToTom = (await (await tomPage.request.get(`/api/v1/claims/${claim.id}/comments`)).json()) as { items: { author: { name: string }; body: string }[]; hidden: number };
  expect(shownToTom.hidden).toBe(0);
  expect(shownToTom.items.map((c) => [c.author.name, c.body])).toEqual([
    [rosa.name, rosaWords],
    [tom.name, tomWords],
  ]);
});

test("posting and deleting a comment shows in the claim's history, with the comment's words", async ({ page, request }) => {
  const article = await freshArticle(request, `Commented history ${Math.random().toString(36).slice(2, 6)}`);
  const claim = await apiClaim(request, "editor", article.id, { exact: CLAIM_QUOTE });

  await signIn(page, "bob");
  await page.goto(`/articles/${article.id}?claim=${claim.id}`);
  const panel = page.getByRole("region", { name: /^Claim \d+$/ });
  const discussion = panel.getByRole("region", { name: /^Discussion/ });
  const words = "Bob: which agency reported the 2,500?";
  await discussion.getByLabel("Add a comment").fill(words);
  await discussion.getByRole("button", { name: "Post comment" }).click();
  await expect(discussion.getByRole("status")).toHaveText("Comment posted.");

  const history = panel.getByRole("list", { name: "History" });
  await panel.getByText("History", { exact: true }).click();
  await expect(history.getByRole("listitem").filter({ hasText: `Bob Reviewer commented: “${words}”` })).toHaveCount(1);
  await expect(history.getByText(/deleted a comment/)).toHaveCount(0);

  // Bob deletes his comment after confirming; the thread is empty, the history keeps what it said.
  let confirmText = "";
  page.once("dialog", (dialog) => {
    confirmText = dialog.message();
    void dialog.accept();
  });
  await discussion.getByRole("listitem", { name: "Comment by Bob Reviewer" }).getByRole("button", { name: "Delete" }).click();
  await expect(discussion.getByText("No comments yet.")).toBeVisible();
  expect(confirmText).toBe("Delete your comment?");
  await page.reload();
  const reloaded = page.getByRole("region", { name: /^Claim \d+$/ });
  await expect(reloaded.getByRole("region", { name: /^Discussion/ }).getByText("No comments yet.")).toBeVisible();
  await reloaded.getByText("History", { exact: true }).click();
  const after = reloaded.getByRole("list", { name: "History" });
  await expect(after.getByRole("listitem").filter({ hasText: `Bob Reviewer deleted a comment: “${words}”` })).toHaveCount(1);
  await expect(after.getByRole("listitem").filter({ hasText: `Bob Reviewer commented: “${words}”` })).toHaveCount(1);
  // In the order it happened: the deletion is the latest entry.
  await expect(after.getByRole("listitem").last()).toContainText("deleted a comment");
});

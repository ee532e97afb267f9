// Reviewing in Gatepath (issue 24): comments on a selected passage, mentions that reach My work,
// replies and resolution, re-anchoring on a new version, discussion on a gate review, and
// reading mode with "mark as read".
import type { Page } from "@playwright/test";
import { createArtifact } from "../factories/records";
import { expect, fillDocument, login, test, type E2EData } from "./data";

const BODY = "# Labels\n\nSmall retailers print shipping labels by hand.\n\nThe carrier API is ready in May, and so is the label printer.\n";

/** Selects `exact` inside the document block that contains `within`, as a reader's mouse would. */
async function select(page: Page, within: string, exact: string) {
  await page.locator("[data-block]", { hasText: within }).evaluate((block, exact) => {
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent!.indexOf(exact);
      if (at === -1) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + exact.length);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
      return;
    }
    throw new Error(`"${exact}" is not in one text node`);
  }, exact);
}

async function reviewerOf(data: E2EData) {
  return data.db.user.findFirstOrThrow({ where: { role: "member", email: { not: "member@example.com" }, deactivatedAt: null }, orderBy: { email: "asc" } });
}

test("a reviewer comments on a selected passage and mentions the author, who answers from My work and resolves; a new version re-anchors what still stands and lists the rest as on text that changed", async ({
  page,
  data,
}) => {
  test.setTimeout(120_000);
  const project = await data.project({ title: `Labels ${crypto.randomUUID().slice(0, 6)}`, owner: data.people.member });
  const artifact = await createArtifact(data.db, project, data.people.member, { kind: "one_pager", title: "Labels 1-pager", body: BODY, state: "draft" });
  const reviewer = await reviewerOf(data);
  const url = `/artifacts/${artifact.id}`;
  const newComment = page.locator("#new-comment");

  await test.step("the reviewer selects a passage, comments and mentions the author with completion", async () => {
    await login(page, reviewer.email);
    await page.goto(url);
    await select(page, "carrier API", "ready in May");
    await page.getByRole("button", { name: "Comment on selection" }).click();
    await expect(newComment.getByLabel("Passage")).toHaveValue("ready in May");
    const box = newComment.getByLabel("Your comment");
    await expect(box).toBeFocused();
    await box.pressSequentially("Which carrier first? @memb");
    await expect(page.getByTestId("mention-suggestions")).toContainText("Max Member");
    await box.press("Enter");
    await expect(box).toHaveValue("Which carrier first? @member ");
    await newComment.getByRole("button", { name: "Add comment" }).click();
    await expect(page.getByTestId("toast")).toContainText("Comment added beside its passage.");
    await expect(page.locator("[data-block] mark")).toHaveText("ready in May");
    await expect(page.getByTestId("thread")).toContainText("Which carrier first?");
    // The form is empty again for the next comment.
    await expect(newComment.getByLabel("Passage")).toHaveValue("");
  });

  await test.step("the keyboard path: a paragraph's link starts a comment on it", async () => {
    const link = page.getByRole("link", { name: "Comment on this paragraph" }).nth(1);
    await link.focus();
    await page.keyboard.press("Enter");
    await expect(newComment.getByLabel("Passage")).toHaveValue("Small retailers print shipping labels by hand.");
    await newComment.getByLabel("Your comment").fill("By hand today, or with a spreadsheet?");
    await newComment.getByRole("button", { name: "Add comment" }).click();
    await expect(page.getByTestId("thread")).toHaveCount(2);
    // A quote that is not in the version is refused next to the field.
    await newComment.getByLabel("Passage").fill("a sentence nobody wrote");
    await newComment.getByLabel("Your comment").fill("Hm");
    await newComment.getByRole("button", { name: "Add comment" }).click();
    await expect(newComment.getByText("is not in version 1 of this document")).toBeVisible();
    await expect(page.getByTestId("thread")).toHaveCount(2);
  });

  await test.step("the author finds the mention in My work, replies, and it leaves My work", async () => {
    await login(page, "member@example.com");
    await page.goto("/inbox");
    const mention = page.locator("[data-inbox='mention']");
    await expect(mention).toContainText("Which carrier first?");
    await mention.getByRole("link").click();
    await expect(page).toHaveURL(new RegExp(`${url}\\?thread=\\w+#comment-`));
    const thread = page.getByTestId("thread").filter({ hasText: "Which carrier first?" });
    // The mention opened its thread: the reply form is there.
    await thread.getByLabel("Your reply").fill("DHL first, then UPS.");
    await thread.getByRole("button", { name: "Reply", exact: true }).click();
    await expect(page.getByTestId("toast")).toContainText("Reply added.");
    await expect(thread).toContainText("DHL first, then UPS.");
    await page.goto("/inbox");
    await expect(page.locator("[data-inbox='mention']")).toHaveCount(0);
  });

  await test.step("the author resolves the thread: its passage is no longer marked", async () => {
    await page.goto(url);
    const thread = page.getByTestId("thread").filter({ hasText: "Which carrier first?" });
    await thread.getByRole("button", { name: "Resolve this thread" }).click();
    await expect(page.getByTestId("toast")).toContainText("Thread resolved.");
    await expect(page.locator("[data-block] mark")).toHaveText("Small retailers print shipping labels by hand.");
  });

  await test.step("a new version: the open thread on rewritten text is listed as on text that changed; the other stays beside its passage", async () => {
    await page.goto(`${url}/edit`);
    await fillDocument(page, BODY.replace("Small retailers print shipping labels by hand.", "Small retailers buy labels at the post office."));
    await page.getByRole("button", { name: "Save new version" }).click();
    await expect(page.getByText("version 2", { exact: true })).toBeVisible();
    const changed = page.getByTestId("thread").filter({ hasText: "on text that changed" });
    await expect(changed).toContainText("By hand today, or with a spreadsheet?");
    await expect(changed.locator("blockquote")).toContainText("(version 1)");
    await expect(page.locator("[data-block] mark")).toHaveCount(0);
    // The resolved thread stays beside its passage, folded.
    await expect(page.getByText("Resolved thread", { exact: true })).toBeVisible();
  });
});

test("a viewer reads the threads but cannot comment; reading mode hides comments until asked and records who read which version", async ({ page, data }) => {
  const project = await data.project({ title: `Reading ${crypto.randomUUID().slice(0, 6)}`, owner: data.people.member });
  const artifact = await createArtifact(data.db, project, data.people.member, { kind: "one_pager", title: "Reading 1-pager", body: BODY });
  const reviewer = await reviewerOf(data);
  await data.db.comment.create({
    data: {
      projectId: project.id,
      artifactId: artifact.id,
      authorId: reviewer.id,
      body: "Which printer?",
      version: 1,
      quote: "label printer",
      prefix: "so is the ",
      suffix: ".",
    },
  });

  await login(page, "viewer@example.com");
  await page.goto(`/artifacts/${artifact.id}`);
  await expect(page.getByTestId("thread")).toContainText("Which printer?");
  await expect(page.locator("#new-comment")).toHaveCount(0);
  await expect(page.getByText("Reply to this thread")).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Mark version/ })).toHaveCount(0);

  await login(page, "member@example.com");
  await page.goto(`/artifacts/${artifact.id}`);
  await page.getByRole("link", { name: "Reading mode" }).click();
  const reading = page.getByTestId("reading-mode");
  await expect(reading.getByRole("heading", { level: 1 })).toHaveText("Reading 1-pager");
  // No navigation, no comments until asked for.
  await expect(page.getByRole("navigation", { name: "Main" })).toHaveCount(0);
  await expect(reading.getByText("Which printer?")).toHaveCount(0);
  await reading.getByRole("link", { name: "Show comments (1 open)" }).click();
  await expect(reading.getByRole("complementary", { name: `Comment by ${reviewer.name}` })).toContainText("Which printer?");
  await expect(reading.locator("mark")).toHaveText("label printer");
  await reading.getByRole("button", { name: "Mark version 1 as read" }).click();
  await expect(page.getByTestId("toast")).toContainText("Marked as read: version 1.");
  await expect(reading).toContainText("You marked version 1 as read.");
  await reading.getByRole("link", { name: "← Back to the document" }).click();
  await expect(page.getByTestId("read-by")).toContainText("Max Member: version 1");
});

test("a gate review's discussion: a thread started on the review is listed where the decision is made, and a mention reaches the decider", async ({
  page,
  data,
}) => {
  const project = await data.gateProject({ ready: true });
  await data.db.gateReview.create({ data: { projectId: project.id, stage: "identify", requestedById: data.people.member.id } });
  await login(page, "member@example.com");
  await page.goto(`/projects/${project.key}/discussion`);
  await expect(page.getByLabel("About")).toHaveValue(/.+/);
  await expect(page.getByLabel("About").locator("option:checked")).toContainText("Problem identified gate review (open)");
  await page.getByLabel("Your comment").fill("@admin is the customer data recent enough?");
  await page.getByRole("button", { name: "Start thread" }).click();
  await expect(page.getByTestId("toast")).toContainText("Thread started.");
  await expect(page.getByTestId("thread")).toContainText("is the customer data recent enough?");
  await page.goto(`/projects/${project.key}`);
  await expect(page.getByTestId("review-threads")).toContainText("Open threads on this review (1)");

  await login(page, "admin@example.com");
  await page.goto("/inbox");
  await page.locator("[data-inbox='mention']", { hasText: "is the customer data recent enough?" }).getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`/projects/${project.key}/discussion\\?thread=\\w+#comment-`));
  const thread = page.getByTestId("thread");
  // The decider answers; only the thread's author and the project's owner resolve it.
  await thread.getByLabel("Your reply").fill("Yes: last week's export.");
  await thread.getByRole("button", { name: "Reply", exact: true }).click();
  await expect(thread).toContainText("Yes: last week's export.");
  await expect(thread.getByRole("button", { name: "Resolve this thread" })).toHaveCount(0);
});

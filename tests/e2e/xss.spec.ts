// Script payloads in every text field a member can write (issue 10): a project's facts, its
// plan (tenets, milestones, the decision log), a metric and a gate decision's rationale, then every page that
// shows them, in Chromium. Any dialog, any payload that ran (window.__xss), or any CSP
// violation (the fixture fails on the console error it logs) fails the test.
import type { Page } from "@playwright/test";
import { createArtifact } from "../factories/records";
import { expect, login, openTab, test } from "./data";

const PAYLOADS = [
  "<script>alert('script');window.__xss='script'</script>",
  '"><img src=x onerror="alert(1);window.__xss=\'img\'">',
  "<svg onload=\"window.__xss='svg'\"><script>alert(2)</script></svg>",
  "javascript:alert(3)",
  "[link](javascript:window.__xss='md')",
  "data:text/html,<script>alert(4)</script>",
  "&lt;script&gt;alert(5)&lt;/script&gt;",
  '<a href="jav&#x09;ascript:alert(6)">tab</a>',
  "';alert(7);//",
  "</textarea><script>alert(8)</script>",
  "{{constructor.constructor('alert(9)')()}}",
  '<iframe src="javascript:alert(10)"></iframe>',
];
const payload = (i: number) => `x${i} ${PAYLOADS[i % PAYLOADS.length]}`;

async function watch(page: Page) {
  const dialogs: string[] = [];
  page.on("dialog", async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      const w = window as unknown as { __csp?: string[] };
      (w.__csp ??= []).push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  return dialogs;
}

async function assertNothingRan(page: Page, dialogs: string[]) {
  await page.waitForTimeout(100);
  const ran = await page.evaluate(() => {
    const w = window as unknown as { __xss?: string; __csp?: string[] };
    return { xss: w.__xss ?? null, csp: w.__csp ?? [] };
  });
  expect(ran, page.url()).toEqual({ xss: null, csp: [] });
  expect(dialogs, page.url()).toEqual([]);
}

test("payloads saved in every field of a project, its plan, a metric and a decision never run on any page that shows them", async ({ page }) => {
  // One story: each step works on what the one before made.
  test.setTimeout(120000);
  let key = "";
  await test.step("payloads in every field of a project, its plan and a metric are saved as text", async () => {
    const dialogs = await watch(page);
    await login(page, "member@example.com");
    await page.goto("/projects/new");
    await page.getByLabel("Title").fill(payload(0));
    await page.getByLabel("Customer", { exact: true }).fill(payload(1));
    await page.getByLabel("Customer's problem").fill(payload(2));
    await page.getByLabel("Why now?").fill(payload(3));
    await page.getByRole("button", { name: "Create project" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(payload(0));
    key = page.url().split("/").pop()!;
    await assertNothingRan(page, dialogs);

    // Every other text fact, through the edit form.
    await page.goto(`/projects/${key}/edit`);
    const areas = page.locator("main form textarea");
    const count = await areas.count();
    expect(count).toBeGreaterThan(5);
    for (let i = 0; i < count; i++) await areas.nth(i).fill(payload(10 + i));
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page).toHaveURL(new RegExp(`/projects/${key}$`));

    await openTab(page, "Plan");
    const tenets = page.locator("section[aria-labelledby='tenets']");
    await tenets.getByText("Add a tenet").click();
    await tenets.getByLabel("Tenet", { exact: true }).fill(payload(4));
    await tenets.getByLabel("In one sentence").fill(payload(5));
    await tenets.getByRole("button", { name: "Add tenet" }).click();
    await expect(tenets.getByText(payload(4)).first()).toBeVisible();

    const milestones = page.locator("section[aria-labelledby='milestones']");
    await milestones.getByText("Add a milestone").click();
    await milestones.getByLabel("Milestone", { exact: true }).fill(payload(6));
    await milestones.getByLabel("Due on").fill("2099-03-01");
    await milestones.getByLabel("Milestone owner").selectOption({ index: 1 });
    await milestones.getByRole("button", { name: /Add milestone/ }).click();
    await expect(milestones.getByText(payload(6)).first()).toBeVisible();

    const log = page.locator("section[aria-labelledby='decision-log']");
    await log.getByText("Log a decision").click();
    await log.getByLabel("What was decided").fill(payload(7));
    await log.getByLabel("Options considered (one per line)").fill(`${payload(9)}\nPlain option`);
    await log.getByLabel("Option chosen").fill("Plain option");
    await log.getByLabel("Why this option").fill(payload(11));
    await log.getByRole("button", { name: "Log decision" }).click();
    await expect(log.getByText(payload(7)).first()).toBeVisible();
    await assertNothingRan(page, dialogs);

    await page.goto(`/projects/${key}/metrics`);
    const add = page.locator("section[aria-labelledby='add-metric']");
    await add.getByLabel("Name").fill(payload(1));
    await add.getByLabel("Kind").selectOption("output");
    await add.getByLabel("Definition").fill(payload(2));
    await add.getByLabel("Unit").fill("count");
    await add.getByLabel("Target").fill("10");
    await add.getByRole("button", { name: /Add metric/ }).click();
    await expect(page.getByText(payload(1)).first()).toBeVisible();
    await assertNothingRan(page, dialogs);
  });
  await test.step("no page that shows the payloads runs them", async () => {
    const dialogs = await watch(page);
    await login(page, "admin@example.com");
    // A gate decision's rationale is written by a gatekeeper and shown in the history and audit trail.
    await page.goto(`/projects/${key}`);
    await page.getByLabel(/^Hold/).check();
    await page.getByLabel("Rationale").fill(payload(1));
    await page.getByLabel("Revisit on (Hold)").fill("2099-01-01");
    await page.getByRole("button", { name: "Record decision" }).click();
    await expect(page.getByTestId("toast")).toHaveText(/Hold recorded/);
    await openTab(page, "Decisions");
    await expect(page.locator("[data-decision]").first()).toBeVisible();
    await assertNothingRan(page, dialogs);
    const q = encodeURIComponent("x0");
    for (const path of [
      `/projects/${key}`,
      `/projects/${key}/plan`,
      `/projects/${key}/decisions`,
      `/projects/${key}/history`,
      `/projects/${key}/metrics`,
      `/projects/${key}/edit`,
      "/board",
      `/board?q=${q}`,
      `/projects?q=${q}`,
      "/projects?sort=updated&dir=desc",
      "/dashboard",
      "/artifacts",
    ]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(200);
      await expect(page.locator("body")).toBeVisible();
      await assertNothingRan(page, dialogs);
    }
    // The payloads are on the page as text, not markup.
    await page.goto(`/projects/${key}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(payload(0));
    const attributes = await page.locator("main *").evaluateAll((els) => els.flatMap((el) => [...el.attributes].map((a) => `${a.name}=${a.value}`)));
    expect(attributes.filter((a) => /^on/i.test(a) || /=\s*javascript:/i.test(a))).toEqual([]);
    expect(await page.locator("main script, main iframe, main svg[onload]").count()).toBe(0);
  });
});

test("payloads in comments, replies, quoted passages and mentions never run where comments are shown", async ({ page, data }) => {
  test.setTimeout(90_000);
  const dialogs = await watch(page);
  const all = PAYLOADS.map((_, i) => payload(i)).join("\n\n");
  const project = await data.project({ owner: data.people.member });
  const artifact = await createArtifact(data.db, project, data.people.member, { kind: "one_pager", title: payload(0), body: all });
  const key = project.key;
  await login(page, "member@example.com");
  // A thread on the project, with every payload in its body and a mention.
  await page.goto(`/projects/${key}/discussion`);
  await page.getByLabel("About").selectOption("project");
  await page.getByLabel("Your comment").fill(`${all}\n\n@admin`);
  await page.getByRole("button", { name: "Start thread" }).click();
  await expect(page.getByTestId("toast")).toContainText("Thread started.");
  const thread = page.getByTestId("thread").filter({ hasText: "x1 " }).first();
  await thread.getByText("Reply to this thread").click();
  await thread.getByLabel("Your reply").fill(all);
  await thread.getByRole("button", { name: "Reply", exact: true }).click();
  await expect(page.getByTestId("toast")).toContainText("Reply added.");
  await assertNothingRan(page, dialogs);

  // A comment on a document's passage, quoting a paragraph, with the payloads in its body.
  const artifactUrl = `/artifacts/${artifact.id}`;
  await page.goto(artifactUrl);
  await page.getByRole("link", { name: "Comment on this paragraph" }).nth(1).focus();
  await page.keyboard.press("Enter");
  await expect(page.locator("#new-comment").getByLabel("Passage")).not.toHaveValue("");
  await page.locator("#new-comment").getByLabel("Your comment").fill(all);
  await page.locator("#new-comment").getByRole("button", { name: "Add comment" }).click();
  await expect(page.getByTestId("toast")).toContainText("Comment added");
  await assertNothingRan(page, dialogs);

  await login(page, "admin@example.com");
  for (const path of [`/projects/${key}/discussion`, artifactUrl, `${artifactUrl}/read?comments=1`, "/inbox", `/projects/${key}/history`, `/projects/${key}`]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    await assertNothingRan(page, dialogs);
    const attributes = await page
      .locator("main *, [data-testid='reading-mode'] *")
      .evaluateAll((els) => els.flatMap((el) => [...el.attributes].map((a) => `${a.name}=${a.value}`)));
    expect(
      attributes.filter((a) => /^on/i.test(a) || /=\s*javascript:/i.test(a)),
      path,
    ).toEqual([]);
    expect(await page.locator("main script, main iframe, main svg").count(), path).toBe(0);
  }
});

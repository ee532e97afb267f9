import type { Page } from "@playwright/test";
import { documentText, expect, fillDocument, login, openTab, test } from "./data";

/** Ada Admin records Go at Problem identified on the project's page. */
async function recordGo(page: Page, key: string) {
  await page.goto(`/projects/${key}`);
  await expect(page.getByText("5 of 5 must-meet criteria met")).toBeVisible();
  await page.getByLabel(/^Go/).check();
  await page.getByLabel("Rationale").fill("Customer, problem and timing are clear");
  await page.getByRole("button", { name: "Record decision" }).click();
  // Said where the person is, and announced: the project moved on.
  // A decision is a transaction, a redirect and a page: allow a busy machine more than the default 5 s.
  await expect(page.getByTestId("toast")).toHaveText(/Go recorded at Problem identified\. It is now at Problem widely understood\./, { timeout: 15_000 });
}

test("the admin records Go on a project whose checklist is met, and it moves stage", async ({ page, data }) => {
  const { key } = await data.gateProject({ ready: true });
  await login(page, "admin@example.com");
  await recordGo(page, key);
  await expect(page.getByRole("heading", { name: "Gate: Problem widely understood" })).toBeVisible();
  // The next gate's decision form starts empty: no decision chosen, no old rationale.
  await expect(page.locator("input[name='kind']:checked")).toHaveCount(0);
  await expect(page.getByLabel("Rationale")).toHaveValue("");
  await openTab(page, "Decisions");
  const history = page.locator("section[aria-labelledby='history']");
  await expect(history.locator("[data-decision='go']").first()).toContainText("Go at Problem identified by Ada Admin");
  await expect(history).toContainText("Customer, problem and timing are clear");
  await page.goto("/board");
  const understand = page.locator("section[aria-labelledby='col-understand']");
  await expect(understand.getByRole("link", { name: new RegExp(`${key}\\b`) })).toBeVisible();
});

test("after Go: the stage path, what changed since the decision, and the audit trail with filters", async ({ page, data }) => {
  const { key } = await data.gateProject({ ready: true });
  await login(page, "admin@example.com");
  await recordGo(page, key);
  const path = page.getByRole("list", { name: "Stage path" });
  await expect(path.locator("[aria-current='step']")).toContainText("2. Problem widely understood");
  await expect(path.locator("li").nth(0)).toContainText(/\d+ days · from/);
  await expect(page.getByTestId("since-last")).toContainText("Since the last decision (Go on");

  // A new version of the kick-off email after the decision: the gate says so and links to what changed.
  const email = await data.db.artifact.findFirstOrThrow({ where: { project: { key }, kind: "email" } });
  await page.goto(`/artifacts/${email.id}/edit`);
  const before = await documentText(page);
  const firstLine = before.split("\n")[0]!;
  await fillDocument(page, `${before.replace(firstLine, "We start with the night shift.")}\n\nThe pilot runs in Leeds.`);
  await page.getByRole("button", { name: "Save new version" }).click();
  await expect(page.getByText("version 2", { exact: true })).toBeVisible();
  // The gate reads the approved version (decision 19): the new one is reviewed and approved.
  await page.getByLabel("Reviewer").selectOption({ label: "Ada Admin" });
  await page.getByRole("button", { name: "Request review" }).click();
  await page.getByRole("button", { name: "Approve", exact: true }).click();
  await expect(page.getByTestId("toast")).toContainText("Approved: this version now counts at its gate.");
  await page.goto(`/projects/${key}`);
  await expect(page.getByTestId("since-last")).toContainText("Email: new version (v1 → v2)");
  await page.getByTestId("since-last").getByRole("link", { name: "See what changed" }).click();
  const changes = page.getByTestId("diff");
  await expect(changes).toContainText("Changes from version 1 to version 2");
  await expect(changes).toContainText("Added: The pilot runs in Leeds.");
  await expect(changes).toContainText(`Removed: ${firstLine}`);

  // A fact edited after the decision: History shows its old and new value (issue 26, item 1).
  await page.goto(`/projects/${key}/edit`);
  await page.getByLabel("Why now?").fill("Peak season starts in six weeks; the carrier API is ready");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page).toHaveURL(new RegExp(`/projects/${key}$`));
  // The gate's "since the last decision" shows the fact's value then and now.
  await expect(page.getByTestId("since-fact")).toHaveText(
    "Why now?: “Peak season starts in six weeks” → “Peak season starts in six weeks; the carrier API is ready”",
  );

  await openTab(page, "History");
  const audit = page.locator("section[aria-labelledby='audit']");
  await expect(audit.locator("[data-audit='gate.go']")).toHaveCount(1);
  await expect(audit.locator("[data-audit='project.moved']")).toHaveCount(1);
  await expect(audit.locator("[data-audit='project.moved']")).toContainText("Stage: “Problem identified” → “Problem widely understood”");
  await expect(audit.locator("[data-audit='project.updated']")).toContainText(
    "Why now?: “Peak season starts in six weeks” → “Peak season starts in six weeks; the carrier API is ready”",
  );
  await audit.getByRole("combobox", { name: "Kind of change" }).selectOption("gate");
  await audit.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/log=gate/);
  await expect(audit.locator("[data-audit='gate.go']")).toHaveCount(1);
  await expect(audit.locator("[data-audit='project.moved']")).toHaveCount(0);
  await expect(audit.locator("[data-audit='gate.go']")).toContainText("Ada Admin");
  expect((await page.goto(`/projects/${key}/history?log=everything`))?.status()).toBe(400);
});

test("anyone on the project can request a gate review, told first what is unmet; it is shown until decided", async ({ page, data }) => {
  const { key } = await data.gateProject({ ready: false });
  await login(page, "member@example.com");
  await page.goto(`/projects/${key}`);
  const request = page.locator("#request-review");
  await expect(request).toContainText('"Why now?" is answered');
  await page.getByRole("button", { name: "Request gate review" }).click();
  // Unconfirmed: refused beside the box, naming what is unmet, and nothing is sent.
  await expect(request).toContainText('Tick "Ask anyway"'.replace("Tick", "tick"));
  await page.getByLabel(/^Ask anyway/).check();
  await page.getByRole("button", { name: "Request gate review" }).click();
  await expect(page.getByText(/^Review requested by Max Member on/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Request gate review" })).toHaveCount(0);
  await expect(page.getByTestId("next-gate")).not.toHaveText("None (project closed)");
  // One request in the audit trail: the refused one wrote nothing.
  await openTab(page, "History");
  await expect(page.locator("section[aria-labelledby='audit'] [data-audit='gate.requested']")).toHaveCount(1);
});

test("Go on a project whose checklist is not met is refused next to the decision", async ({ page, data }) => {
  const { key } = await data.gateProject({ ready: false });
  await login(page, "admin@example.com");
  await page.goto(`/projects/${key}`);
  const whyNow = page.locator("[data-criterion='why_now']");
  await expect(whyNow).toContainText("Not met");
  await expect(whyNow).toContainText("Why now? is not recorded yet.");
  await page.getByLabel(/^Go/).check();
  await page.getByLabel("Rationale").fill("Let's go anyway");
  await page.getByRole("button", { name: "Record decision" }).click();
  const refusal = page.locator("#decision fieldset");
  await expect(refusal).toContainText("Go is refused while must-meet criteria are unmet");
  await expect(refusal).toContainText('"Why now?" is answered');
  await expect(page.getByRole("heading", { name: "Gate: Problem identified" })).toBeVisible();
  await openTab(page, "Decisions");
  await expect(page.getByText("No gate decisions yet.")).toBeVisible();
});

test("a Hold without its revisit date is refused next to that field", async ({ page, data }) => {
  const { key } = await data.gateProject({ ready: false });
  await login(page, "admin@example.com");
  await page.goto(`/projects/${key}`);
  await page.getByLabel(/^Hold/).check();
  await page.getByLabel("Rationale").fill("Waiting for data");
  await page.getByRole("button", { name: "Record decision" }).click();
  await expect(page.getByLabel("Revisit on (Hold)")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("Give a date to revisit the hold.")).toBeVisible();
});

test("a viewer sees no decision controls and gets 403 from the decision action", async ({ page, data }) => {
  const { key } = await data.gateProject({ ready: false });
  await login(page, "viewer@example.com");
  await page.goto(`/projects/${key}`);
  await expect(page.getByRole("button", { name: "Record decision" })).toHaveCount(0);
  await expect(page.getByText("You are not a decider on this project.")).toBeVisible();
  // Post the form directly, as a crafted request would.
  const response = await page.request.post(`/projects/${key}?index`, {
    form: { intent: "decide", version: "1", kind: "stop", rationale: "viewer tries" },
  });
  expect(response.status()).toBe(403);
  await page.reload();
  await expect(page.getByRole("heading", { name: "Gate: Problem identified" })).toBeVisible();
  await openTab(page, "Decisions");
  await expect(page.getByText("No gate decisions yet.")).toBeVisible();
});

test("a decision from a page that went stale is a conflict and changes nothing", async ({ page, context, data }) => {
  const { key } = await data.gateProject({ ready: false });
  await login(page, "admin@example.com");
  await page.goto(`/projects/${key}`);
  const stale = await context.newPage();
  await stale.goto(`/projects/${key}`);

  await page.getByLabel(/^Hold/).check();
  await page.getByLabel("Rationale").fill("Waiting for the customer study");
  await page.getByLabel("Revisit on (Hold)").fill("2099-01-15");
  await page.getByRole("button", { name: "Record decision" }).click();
  await expect(page.getByTestId("toast")).toHaveText(/Hold recorded/);
  await openTab(page, "Decisions");
  await expect(page.locator("[data-decision='hold']")).toContainText("Revisit on 15 Jan 2099");

  await stale.getByLabel(/^Stop/).check();
  await stale.getByLabel(/Stop: I confirm/).check();
  await stale.getByLabel("Rationale").fill("Not worth it");
  await stale.getByRole("button", { name: "Record decision" }).click();
  await expect(stale.getByRole("alert")).toContainText("This project changed after you opened it");
  await stale.reload();
  await expect(stale.getByText("Active", { exact: true })).toBeVisible();
  await openTab(stale, "Decisions");
  await expect(stale.locator("[data-decision]")).toHaveCount(1);
  await expect(stale.locator("[data-decision='stop']")).toHaveCount(0);
});

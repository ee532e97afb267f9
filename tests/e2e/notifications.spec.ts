// Reaching people (issue 25) in a browser: a viewer watches a project, its gate is decided, and
// the decision arrives in their Notifications (not My work) with an unread count; they open it,
// mark all read, choose what is emailed to them, and stop an email kind with its signed link.
import { applyDecision } from "~/modules/lifecycle/gate.server";
import { unsubscribeUrl } from "~/modules/notifications/delivery.server";
import { expect, login, test } from "./data";

test("a watcher is told of a decision in Notifications, reads it, and chooses what reaches them by email", async ({ page, browser, data }) => {
  const project = await data.gateProject({ ready: true, title: "Dock door booking" });
  await login(page, "viewer@example.com", `/projects/${project.key}`);

  await test.step("anyone who reads a project may watch it", async () => {
    const watch = page.getByRole("button", { name: `Watch ${project.key}` });
    await expect(watch).toHaveAttribute("aria-pressed", "false");
    await watch.click();
    await expect(page.getByRole("button", { name: `Watching ${project.key}` })).toHaveAttribute("aria-pressed", "true");
  });

  await test.step("the gate is decided; the decision reaches Notifications, counted as unread, and My work is unchanged", async () => {
    const work = await page.getByTestId("inbox-count").allTextContents();
    const decided = await applyDecision(data.db, {
      projectId: project.id,
      expectedVersion: (await data.db.project.findUniqueOrThrow({ where: { id: project.id } })).version,
      actor: { id: data.people.admin.id, role: "admin" },
      request: { kind: "go", rationale: "Every fact is in" },
    });
    expect(decided).toMatchObject({ ok: true, applied: true });
    const title = `${project.key} Dock door booking: Go at the Problem identified gate`;
    // The server's worker tells queued notices within a second or so.
    await expect(async () => {
      await page.goto("/notifications");
      await expect(page.getByRole("link", { name: `${title} (unread)` })).toBeVisible({ timeout: 1000 });
    }).toPass({ timeout: 15_000 });
    await expect(page.getByTestId("unread-badge")).toHaveText(/^\d+/);
    expect(await page.getByTestId("inbox-count").allTextContents()).toEqual(work);
    await page.getByRole("link", { name: `${title} (unread)` }).click();
    await expect(page).toHaveURL(new RegExp(`/projects/${project.key}/history$`));
  });

  await test.step("mark all read", async () => {
    await page.goto("/notifications");
    await page.getByRole("button", { name: "Mark all read" }).click();
    await expect(page.getByTestId("unread-count")).toHaveText(/^All read\./);
    await expect(page.getByTestId("unread-badge")).toHaveCount(0);
  });

  await test.step("choose what is emailed, kept after a reload", async () => {
    await page.goto("/settings/notifications");
    await expect(page.getByRole("link", { name: `${project.key} Dock door booking` })).toBeVisible();
    const decisions = page.getByLabel("A gate is decided on a project I am on or watch");
    await expect(decisions).toHaveValue("digest");
    await decisions.selectOption("off");
    await page.getByLabel("Daily digest at").selectOption("7");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
    await page.reload();
    await expect(page.getByLabel("A gate is decided on a project I am on or watch")).toHaveValue("off");
    await expect(page.getByLabel("Daily digest at")).toHaveValue("7");
  });

  await test.step("an email's unsubscribe link, opened signed out, asks before it stops that kind", async () => {
    const link = new URL(unsubscribeUrl(data.people.viewer.id, "request"));
    const signedOut = await browser.newContext({ baseURL: new URL(page.url()).origin });
    const other = await signedOut.newPage();
    await other.goto(`${link.pathname}${link.search}`);
    await expect(other.getByText("Stop emails for “A review or signature is asked of me”?")).toBeVisible();
    await other.getByRole("button", { name: "Stop these emails" }).click();
    await expect(other.getByRole("status")).toContainText("Gatepath no longer sends you emails for “A review or signature is asked of me”");
    await page.reload();
    await expect(page.getByLabel("A review or signature is asked of me")).toHaveValue("off");
    // A link whose signature was changed stops nothing.
    await other.goto(`${link.pathname}?u=${data.people.viewer.id}&k=mention&s=${link.searchParams.get("s")}`);
    await expect(other.getByText(/not one Gatepath made/)).toBeVisible();
    await signedOut.close();
  });
});

test("an administrator adds a webhook endpoint: a private address is refused by its field, a public one gets a signing secret and a log, and can be removed", async ({
  page,
}) => {
  await login(page, "admin@example.com", "/settings/webhooks");
  await page.getByLabel("Address (https://…)").fill("https://127.0.0.1/hook");
  await page.getByRole("checkbox", { name: /A metric's latest value is off target/ }).check();
  await page.getByRole("checkbox", { name: /A gate is decided/ }).uncheck();
  await page.getByRole("button", { name: "Add endpoint" }).click();
  await expect(page.getByText("The host 127.0.0.1 is a private or loopback address")).toBeVisible();
  await expect(page.getByLabel("Address (https://…)")).toHaveAttribute("aria-invalid", "true");

  await page.getByLabel("Address (https://…)").fill("https://93.184.215.14/e2e-hook");
  await page.getByLabel("What it is for (optional)").fill("E2E chat");
  await page.getByRole("button", { name: "Add endpoint" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("https://93.184.215.14/e2e-hook");
  await page.getByText("Show the secret").click();
  await expect(page.getByTestId("webhook-secret")).toHaveText(/^whsec_[A-Za-z0-9+/=]{20,}$/);
  await expect(page.getByText("Nothing sent yet.")).toBeVisible();
  await page.getByRole("button", { name: "Remove this endpoint and its log" }).click();
  await expect(page).toHaveURL(/\/settings\/webhooks$/);
  await expect(page.getByRole("link", { name: "https://93.184.215.14/e2e-hook" })).toHaveCount(0);
});

import { expect, login, test } from "./data";

test("a member creates a project, a stale edit of it is refused, and people take their roles on it", async ({ page, context }) => {
  // One story: each step works on what the one before made.
  test.setTimeout(90000);
  let key = "";
  await test.step("a member creates a project and the gate reads its stage-1 facts", async () => {
    await login(page, "member@example.com");
    await page.goto("/board");
    await page.getByRole("link", { name: "New project" }).click();
    await page.getByRole("button", { name: "Create project" }).click();
    await expect(page.getByText("Give the project a title")).toBeVisible();
    await page.getByLabel("Title").fill("Same-day payouts for sellers");
    await page.getByLabel("Customer", { exact: true }).fill("Marketplace sellers");
    await page.getByLabel("Customer's problem").fill("Payouts take three days");
    await page.getByRole("button", { name: "Create project" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Same-day payouts for sellers");
    key = page.url().split("/").pop() ?? "";
    expect(key).toMatch(/^GP-\d+$/);
    await expect(page.locator("[data-criterion='customer_named']")).toContainText("Met");
    await expect(page.locator("[data-criterion='proposer']")).toContainText("Met");
    await expect(page.locator("[data-criterion='why_now']")).toContainText("Not met");
    await expect(page.getByText("3 of 5 must-meet criteria met")).toBeVisible();

    await page.locator("[data-criterion='why_now']").getByRole("link", { name: "Edit facts" }).click();
    await page.getByLabel("Why now?").fill("Two competitors launched instant payouts");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.locator("[data-criterion='why_now']")).toContainText("Met");
    await expect(page.getByText("4 of 5 must-meet criteria met")).toBeVisible();
  });
  await test.step("a stale edit is refused, shows what changed and overwrites nothing", async () => {
    await login(page, "member@example.com");
    await page.goto(`/projects/${key}/edit`);
    const other = await context.newPage();
    await other.goto(`/projects/${key}/edit`);

    await other.getByLabel("Technical feasibility review").fill("Reviewed with the payments principal");
    await other.getByRole("button", { name: "Save changes" }).click();
    await expect(other).toHaveURL(new RegExp(`/projects/${key}$`));

    await page.getByLabel("Title").fill("Instant payouts");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByRole("alert")).toContainText("Someone saved this project after you opened it");
    const since = page.locator("section[aria-labelledby='since']");
    await expect(since).toContainText("Max Member");
    await expect(since).toContainText("Technical feasibility review: “” → “Reviewed with the payments principal”");
    await page.goto(`/projects/${key}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Same-day payouts for sellers");
  });
  await test.step("roles: the owner accepts and a stakeholder acknowledges, each only for themselves", async () => {
    await login(page, "member@example.com");
    await page.goto(`/projects/${key}/people`);
    const roles = page.locator("section[aria-labelledby='roles']");
    // The form is closed until asked for, and closes again once someone is added.
    await roles.getByText("Add someone to the project").click();
    await roles.getByLabel("Single-threaded owner", { exact: true }).selectOption({ label: "Max Member (member)" });
    await roles.getByRole("button", { name: "Make owner" }).click();
    await expect(roles.locator("[data-role='owner']")).toContainText("not accepted yet");
    await roles.getByRole("button", { name: "Accept ownership" }).click();
    await expect(roles.locator("[data-role='owner']")).toContainText("accepted");

    await roles.getByText("Add someone to the project").click();
    // Members are never offered the decider role (administrators and gatekeepers name deciders), and
    // a viewer is never offered as the owner: the picker says why the list is short.
    await expect(roles.locator("[data-picker='decider']")).toHaveCount(0);
    const ownerPicker = roles.locator("[data-picker='owner']");
    await expect(ownerPicker.getByRole("option", { name: "Vera Viewer (viewer)" })).toHaveCount(0);
    await expect(ownerPicker).toContainText("Max Member (already)");
    await expect(ownerPicker).toContainText(/\d viewers? \(viewers are never the owner\)/);
    await roles.getByLabel("Stakeholder", { exact: true }).selectOption({ label: "Vera Viewer (viewer)" });
    await roles.getByRole("button", { name: "Add stakeholder" }).click();
    await expect(roles.locator("[data-role='stakeholder']")).toContainText("not acknowledged yet");

    await page.getByRole("button", { name: "Sign out" }).click();
    // The sign-out answer clears the session cookie: wait for it, or it could clear the next sign-in's.
    await expect(page).toHaveURL(/\/login$/);
    await login(page, "viewer@example.com");
    await page.goto(`/projects/${key}/people`);
    await expect(page.getByText("Add someone to the project")).toHaveCount(0);
    await page.getByRole("button", { name: "Acknowledge" }).click();
    await expect(page.locator("section[aria-labelledby='roles'] [data-role='stakeholder']")).toContainText("acknowledged");
  });
});

test("a viewer cannot create or edit projects", async ({ page, data }) => {
  const { key } = await data.project({ owner: data.people.member });
  await login(page, "viewer@example.com");
  await page.goto("/board");
  await expect(page.getByRole("link", { name: "New project" })).toHaveCount(0);
  expect((await page.goto("/projects/new"))?.status()).toBe(403);
  expect((await page.goto(`/projects/${key}/edit`))?.status()).toBe(403);
  const response = await page.request.post("/projects/new", { form: { title: "Sneaky project" } });
  expect(response.status()).toBe(403);
});

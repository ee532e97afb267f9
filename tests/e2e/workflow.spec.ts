import { expect, login, openTab, test, type E2EData } from "./data";

/** An active project at `stage` that Max Member owns and Ada Admin decides. */
async function decidedProject(data: E2EData, stage: "owner" | "plan"): Promise<string> {
  const made = await data.project({ stage, owner: data.people.member, roles: [{ user: data.people.admin, role: "decider" }] });
  return made.key;
}

/** At Plan in place, where scope can be forked. */
const planProject = (data: E2EData) => decidedProject(data, "plan");
/** At Owner identified, whose gate one decider decides (the Plan gate asks for two signatures). */
const ownerProject = (data: E2EData) => decidedProject(data, "owner");

test("fork cut scope from Plan into a new stage-1 project linked both ways", async ({ page, data }) => {
  await login(page, "admin@example.com");
  const parent = await planProject(data);
  await page.goto(`/projects/${parent}`);
  const fork = page.locator("section[aria-labelledby='fork-heading']");
  await fork.getByText("Fork scope into a new project").click();
  await fork.getByLabel("Title of the forked project").fill("Returns processing for sellers");
  await fork.getByLabel("Problem it addresses").fill("Returns were cut from the plan");
  await fork.getByRole("button", { name: "Fork into a new project" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Returns processing for sellers");
  await expect(page.getByText(`forked from ${parent}`)).toBeVisible();
  await expect(page.getByRole("heading", { name: "Gate: Problem identified" })).toBeVisible();
  const forkKey = page.url().split("/").pop();
  await page.goto(`/projects/${parent}`);
  await expect(page.locator("section[aria-labelledby='forks']")).toContainText(`${forkKey} Returns processing for sellers`);
});

test("Recycle sends a project back to the chosen earlier stage", async ({ page, data }) => {
  await login(page, "admin@example.com");
  const key = await ownerProject(data);
  await page.goto(`/projects/${key}`);
  await page.getByLabel(/^Recycle/).check();
  await page.getByLabel("Rationale").fill("The customer problem needs another look");
  await page.getByRole("combobox", { name: "Send back to (Recycle)" }).selectOption("understand");
  await page.getByRole("button", { name: "Record decision" }).click();
  await expect(page.getByRole("heading", { name: "Gate: Problem widely understood" })).toBeVisible();
  await openTab(page, "Decisions");
  await expect(page.locator("[data-decision='recycle']").first()).toContainText("Recycle at Owner identified → back to Problem widely understood");
});

test("Stop closes a project and its gate can no longer be decided", async ({ page, data }) => {
  await login(page, "admin@example.com");
  const key = await ownerProject(data);
  await page.goto(`/projects/${key}`);
  await page.getByLabel(/^Stop/).check();
  await page.getByRole("button", { name: "Record decision" }).click();
  await expect(page.getByText("Stop closes the project for good: tick to confirm")).toBeVisible();
  await page.getByLabel(/Stop: I confirm/).check();
  await page.getByRole("button", { name: "Record decision" }).click();
  await expect(page.getByText("Write the rationale for this decision.")).toBeVisible();
  await page.getByLabel(/Stop: I confirm/).check();
  await page.getByLabel("Rationale").fill("A vendor now covers this need");
  await page.getByRole("button", { name: "Record decision" }).click();
  await expect(page.locator("dl").getByText("Stopped", { exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Record decision" })).toHaveCount(0);
  await expect(page.getByText("The project is stopped; only an active project's gate can be decided.")).toBeVisible();
  await page.goto("/board?status=stopped");
  await expect(page.locator(`[data-card='${key}']`)).toBeVisible();
});

test("Conditional Go records the condition, flags it until a gatekeeper marks it met", async ({ page, data }) => {
  await login(page, "admin@example.com");
  const key = await ownerProject(data);
  await page.goto(`/projects/${key}`);
  await page.getByLabel(/^Conditional Go/).check();
  await page.getByLabel("Rationale").fill("Go, provided the load test passes");
  await page.getByLabel("Condition (Conditional Go)").fill("Load test at 2x peak passes");
  await page.getByLabel("Condition due on").fill("2099-06-30");
  const override = page.getByLabel("Override reason (administrators)");
  if (await override.count()) await override.fill("Plan reviewed in the quarterly business review");
  await page.getByRole("button", { name: "Record decision" }).click();
  await expect(page.getByRole("heading", { name: "Gate: Plan in place" })).toBeVisible();
  await expect(page.getByTestId("open-condition")).toContainText("Load test at 2x peak passes (due 30 Jun 2099)");
  await page.getByRole("button", { name: "Mark condition met" }).click();
  await expect(page.getByTestId("open-condition")).toHaveCount(0);
  await openTab(page, "History");
  await expect(page.locator("section[aria-labelledby='audit'] [data-audit='gate.condition_met']")).toHaveCount(1);
});

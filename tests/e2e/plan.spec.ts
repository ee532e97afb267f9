import { expect, login, test, type E2EData } from "./data";

/** A project at Plan in place that Max Member owns. */
const planProject = (data: E2EData) => data.project({ stage: "plan", owner: data.people.member });

test("tenets: add, reorder, remove", async ({ page, data }) => {
  const { key } = await planProject(data);
  await login(page, "member@example.com");
  await page.goto(`/projects/${key}/plan`);
  const tenets = page.locator("section[aria-labelledby='tenets']");
  // The form is closed until asked for, and stays open when the server sends it back with errors.
  await expect(tenets.getByRole("button", { name: "Add tenet" })).toBeHidden();
  await tenets.getByText("Add a tenet").click();
  await tenets.getByRole("button", { name: "Add tenet" }).click();
  await expect(tenets.getByText("Give the tenet a title")).toBeVisible();
  // Open with the errors; after each tenet is added it closes, empty, until asked for again.
  for (const [n, [title, body]] of [
    ["Merchants first", "We choose what helps small merchants over what helps us."],
    ["Refunds are boring", "A refund should need no thought from anyone."],
  ].entries()) {
    if (n > 0) await tenets.getByText("Add a tenet").click();
    await tenets.getByLabel("Tenet", { exact: true }).fill(title!);
    await tenets.getByLabel("In one sentence").fill(body!);
    await tenets.getByRole("button", { name: "Add tenet" }).click();
    await expect(tenets.getByText(title!)).toBeVisible();
    await expect(tenets.getByRole("button", { name: "Add tenet" })).toBeHidden();
  }
  await tenets.getByText("Add a tenet").click();
  await expect(tenets.getByLabel("Tenet", { exact: true })).toHaveValue("");
  await expect(tenets.locator("[data-tenet='1']")).toContainText("Merchants first");
  await tenets.getByRole("button", { name: 'Move "Refunds are boring" up' }).click();
  await expect(tenets.locator("[data-tenet='1']")).toContainText("Refunds are boring");
  await tenets.getByRole("button", { name: 'Remove "Merchants first"' }).click();
  await expect(tenets.locator("[data-tenet]")).toHaveCount(1);
  await expect(page.getByRole("heading", { name: "Tenets (1 of 7 at most)" })).toBeVisible();
});

test("milestones: add with a date and an owner, then track their state", async ({ page, data }) => {
  const { key } = await planProject(data);
  await login(page, "member@example.com");
  await page.goto(`/projects/${key}/plan`);
  const milestones = page.locator("section[aria-labelledby='milestones']");
  await milestones.getByText("Add a milestone").click();
  await milestones.getByLabel("Milestone", { exact: true }).fill("Pilot with ten merchants");
  await milestones.getByLabel("Due on").fill("2099-03-01");
  await milestones.getByRole("combobox", { name: "Milestone owner" }).selectOption({ label: "Max Member" });
  await milestones.getByRole("button", { name: "Add milestone" }).click();
  const row = milestones.locator("[data-milestone='Pilot with ten merchants']");
  await expect(row).toContainText("due 1 Mar 2099 · Max Member");
  await row.getByLabel("State of Pilot with ten merchants").selectOption("in_progress");
  await row.getByRole("button", { name: "Set" }).click();
  await expect(milestones.locator("[data-milestone='Pilot with ten merchants'] select")).toHaveValue("in_progress");
});

test("decision log: a one-way door needs two options; the choice and the dissent are kept", async ({ page, data }) => {
  const { key } = await planProject(data);
  await login(page, "member@example.com");
  await page.goto(`/projects/${key}/plan`);
  const log = page.locator("section[aria-labelledby='decision-log']");
  await log.getByText("Log a decision").click();
  await log.getByLabel("What was decided").fill("Refund rails");
  await log.getByRole("combobox", { name: "Door" }).selectOption("one_way");
  await log.getByLabel("Options considered (one per line)").fill("Build our own rails");
  await log.getByLabel("Option chosen").fill("Build our own rails");
  await log.getByLabel("Why this option").fill("Latency");
  await log.getByRole("button", { name: "Log decision" }).click();
  await expect(log.getByText("A one-way door needs at least two options, one per line")).toBeVisible();
  await expect(log.getByText("A one-way door cannot be undone: tick to confirm you mean it")).toBeVisible();
  await log.getByLabel(/It is a one-way door: I confirm/).check();
  await log.getByLabel("Options considered (one per line)").fill("Build our own rails\nUse the card network's refunds");
  await log.getByLabel("Disagreed and committed (names, comma-separated)").fill("Tod Mayer");
  await log.getByRole("button", { name: "Log decision" }).click();
  const entry = log.locator("[data-logged='Refund rails']");
  await expect(entry).toContainText("one-way door (irreversible)");
  await expect(entry).toContainText("Chose Build our own rails of Build our own rails, Use the card network's refunds.");
  await expect(entry).toContainText("Disagreed and committed: Tod Mayer");
});

test("a viewer sees the plan but cannot change it", async ({ page, data }) => {
  const { key } = await planProject(data);
  await login(page, "viewer@example.com");
  await page.goto(`/projects/${key}/plan`);
  await expect(page.getByRole("heading", { name: /^Tenets/ })).toBeVisible();
  await expect(page.getByRole("button", { name: "Add tenet" })).toHaveCount(0);
  await expect(page.getByText("Add a tenet")).toHaveCount(0);
  const response = await page.request.post(`/projects/${key}/plan`, {
    form: { intent: "add_tenet", title: "Sneaky", body: "Not allowed here.", kind: "foundational" },
  });
  expect(response.status()).toBe(403);
  await page.reload();
  await expect(page.locator("section[aria-labelledby='tenets'] [data-tenet]")).toHaveCount(0);
});

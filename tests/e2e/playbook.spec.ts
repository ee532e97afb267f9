import fs from "node:fs/promises";
import type { Page } from "@playwright/test";
import { expect, login, test } from "./data";

// The tests of this file change the one playbook: they run one after another in one worker, in
// whatever order, and each reads the version it starts from.
test.describe.configure({ mode: "default" });
async function currentVersion(page: Page): Promise<number> {
  const heading = await page.getByRole("heading", { level: 1 }).innerText();
  const match = /Playbook, version (\d+)/.exec(heading);
  if (!match) throw new Error(`No version in "${heading}"`);
  return Number(match[1]);
}

test("an administrator edits the playbook: a bad edit is refused whole with its line, a good one is a new version", async ({ page, data }) => {
  const { key } = await data.project({ stage: "understand" });
  await login(page, "admin@example.com");
  await page.goto("/board");
  await page.getByRole("link", { name: "Playbook" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/Playbook, version \d+/);
  const version = await currentVersion(page);
  const editor = page.getByLabel("Playbook (YAML)");
  const original = await editor.inputValue();

  await editor.fill(original.replace("rule: proposer_recorded", "rule: gut_feeling"));
  await page.getByLabel("Change note").fill("Try an unknown rule");
  await page.getByRole("button", { name: "Save as a new version" }).click();
  const line = original.split("\n").findIndex((l) => l.includes("rule: proposer_recorded")) + 1;
  await expect(page.getByRole("alert")).toContainText(`Line ${line}: stages.0.criteria.3.rule: Unknown rule "gut_feeling"`);
  expect(await currentVersion(page)).toBe(version);

  // Weigh "similar systems" more: every project is judged by the new version at once.
  const edited = original.replace(/(key: similar_systems\n(?:\s+.*\n){2}\s+weight:) 2/, "$1 3");
  expect(edited).not.toBe(original);
  await page.getByLabel("Playbook (YAML)").fill(edited);
  await page.getByLabel("Change note").fill("Similar systems weigh more");
  await page.getByRole("button", { name: "Save as a new version" }).click();
  await expect(page.getByRole("status")).toContainText(`Saved as version ${version + 1}`);
  await expect(page.locator("[data-criterion='similar_systems']")).toContainText("should-meet, weight 3");
  await expect(page.locator("section[aria-labelledby='versions']")).toContainText(`v${version + 1}`);
  await expect(page.locator("section[aria-labelledby='versions']")).toContainText("Similar systems weigh more");
  await page.goto(`/projects/${key}`);
  await expect(page.getByText(new RegExp(`judged by playbook version ${version + 1}\\b`))).toBeVisible();
  await expect(page.locator("[data-criterion='similar_systems']")).toContainText("should-meet, weight 3");
});

test("export the playbook and import it back as a file", async ({ page }) => {
  await login(page, "admin@example.com");
  await page.goto("/playbook");
  const version = await currentVersion(page);
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export JSON" }).click();
  const file = await (await download).path();
  const exported = JSON.parse(await fs.readFile(file, "utf8"));
  expect(exported.stages.map((s: { stage: string }) => s.stage)).toEqual(["identify", "understand", "owner", "plan", "execute", "adopt"]);
  exported.stages[3].expectedDays = 45;
  const edited = `${file}.json`;
  await fs.writeFile(edited, JSON.stringify(exported));
  await page.getByLabel(/Or import a file/).setInputFiles(edited);
  await page.getByLabel("Change note").fill("Plan may take 45 days");
  await page.getByRole("button", { name: "Save as a new version" }).click();
  await expect(page.getByRole("status")).toContainText(`Saved as version ${version + 1}`);
  await expect(page.getByRole("heading", { name: /Plan in place · expected 45 days/ })).toBeVisible();
});

test("members read the playbook but cannot change it", async ({ page }) => {
  await login(page, "member@example.com");
  await page.goto("/playbook");
  const version = await currentVersion(page);
  await expect(page.getByLabel("Playbook (YAML)")).toHaveCount(0);
  const response = await page.request.post("/playbook", { multipart: { note: "sneaky", content: "doneDonePeriods: 1\nstages: []\n" } });
  expect(response.status()).toBe(403);
  await page.reload();
  expect(await currentVersion(page)).toBe(version);
});

test("an administrator adds and edits one criterion through its stage's form", async ({ page }) => {
  await login(page, "admin@example.com");
  await page.goto("/playbook");
  const version = await currentVersion(page);
  await page.getByRole("link", { name: "Edit Executing: expected days, add a criterion" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Executing");
  const form = page.locator("section[aria-labelledby='criterion']");
  await form.getByLabel("Key").fill("rollout_written");
  await form.getByLabel("Label").fill("The rollout is written down");
  await form.getByLabel("Should meet").check();
  await form.getByLabel("Weight").fill("3");
  await form.getByLabel("Rule").selectOption("field_present");
  await form.getByLabel("Parameters").fill("field: rolout");
  await form.getByLabel("Change note").fill("Ask for the rollout early");
  await form.getByRole("button", { name: "Add as a new version" }).click();
  // A misspelt fact field is refused next to the parameters, and nothing is saved.
  await expect(form.getByLabel("Parameters")).toHaveAttribute("aria-invalid", "true");
  await form.getByLabel("Parameters").fill("field: rollout");
  await form.getByRole("button", { name: "Add as a new version" }).click();
  await expect(page.getByRole("status")).toContainText(`Saved as version ${version + 1}`);
  const row = page.locator("[data-criterion='rollout_written']");
  await expect(row).toContainText("should-meet, weight 3");

  await row.getByRole("link", { name: "The rollout is written down" }).click();
  await expect(page.locator("section[aria-labelledby='criterion']").getByLabel("Parameters")).toHaveValue("field: rollout");
  await page.getByLabel("Expected days").fill("75");
  await page.locator("section[aria-labelledby='days']").getByLabel("Change note").fill("Executing takes longer here");
  await page.getByRole("button", { name: "Save days" }).click();
  await expect(page.getByRole("status")).toContainText(`Saved as version ${version + 2}`);
  await expect(page.locator("#pb-execute")).toContainText("expected 75 days");
});

test("the stage forms are for administrators only", async ({ page }) => {
  await login(page, "member@example.com");
  expect((await page.goto("/playbook/execute"))?.status()).toBe(403);
  const response = await page.request.post("/playbook/execute", { form: { intent: "expected_days", expectedDays: "1", note: "sneaky" } });
  expect(response.status()).toBe(403);
});

import fs from "node:fs/promises";
import { expect, login, test } from "./helpers";

test.describe.configure({ mode: "serial" });

test("an administrator edits the playbook: a bad edit is refused whole with its line, a good one is a new version", async ({ page }) => {
  await login(page, "admin@example.com");
  await page.getByRole("link", { name: "Playbook" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/Playbook, version 1/);
  const editor = page.getByLabel("Playbook (YAML)");
  const original = await editor.inputValue();

  await editor.fill(original.replace("rule: proposer_recorded", "rule: gut_feeling"));
  await page.getByLabel("Change note").fill("Try an unknown rule");
  await page.getByRole("button", { name: "Save as a new version" }).click();
  const line = original.split("\n").findIndex((l) => l.includes("rule: proposer_recorded")) + 1;
  await expect(page.getByRole("alert")).toContainText(`Line ${line}: stages.0.criteria.3.rule: Unknown rule "gut_feeling"`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/Playbook, version 1/);

  // Weigh "similar systems" more: every project is judged by the new version at once.
  const edited = original.replace(/(key: similar_systems\n(?:\s+.*\n){2}\s+weight:) 2/, "$1 3");
  expect(edited).not.toBe(original);
  await page.getByLabel("Playbook (YAML)").fill(edited);
  await page.getByLabel("Change note").fill("Similar systems weigh more");
  await page.getByRole("button", { name: "Save as a new version" }).click();
  await expect(page.getByRole("status")).toContainText("Saved as version 2");
  await expect(page.locator("[data-criterion='similar_systems']")).toContainText("should-meet, weight 3");
  await expect(page.locator("section[aria-labelledby='versions']")).toContainText("v2");
  await expect(page.locator("section[aria-labelledby='versions']")).toContainText("Similar systems weigh more");
  await page.goto("/projects/GP-1");
  await expect(page.getByText(/judged by playbook version 2/)).toBeVisible();
  await expect(page.locator("[data-criterion='similar_systems']")).toContainText("should-meet, weight 3");
});

test("export the playbook and import it back as a file", async ({ page }) => {
  await login(page, "admin@example.com");
  await page.goto("/playbook");
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
  await expect(page.getByRole("status")).toContainText("Saved as version 3");
  await expect(page.getByRole("heading", { name: /Plan in place · expected 45 days/ })).toBeVisible();
});

test("members read the playbook but cannot change it", async ({ page }) => {
  await login(page, "member@example.com");
  await page.goto("/playbook");
  await expect(page.getByLabel("Playbook (YAML)")).toHaveCount(0);
  const response = await page.request.post("/playbook", { multipart: { note: "sneaky", content: "doneDonePeriods: 1\nstages: []\n" } });
  expect(response.status()).toBe(403);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/Playbook, version 3/);
});

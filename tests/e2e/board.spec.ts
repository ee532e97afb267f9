import { createMetric, RATE } from "../factories/records";
import { expect, login, test } from "./data";

test("filter the board by team, status and text through the URL", async ({ page }) => {
  await login(page, "viewer@example.com");
  await page.goto("/board");
  const allCards = await page.locator("[data-card]").count();
  await page.getByRole("combobox", { name: "Team" }).selectOption({ label: "Payments" });
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/team=payments/);
  // The URL changes before the filtered board renders: wait until no other team's card is left.
  await expect(page.locator("[data-card]").filter({ hasNotText: "Payments" })).toHaveCount(0);
  const payments = await page.locator("[data-card]").count();
  expect(payments).toBeGreaterThan(0);
  expect(payments).toBeLessThan(allCards);
  for (const text of await page.locator("[data-card]").allInnerTexts()) expect(text).toContain("Payments");

  await page.goto("/board?status=stopped");
  const stopped = page.locator("[data-card]");
  expect(await stopped.count()).toBeGreaterThan(0);
  for (const text of await stopped.allInnerTexts()) expect(text).toContain("Stopped");

  await page.goto("/board?q=Live%20pick");
  await expect(page.locator("[data-card]")).toHaveCount(1);
  await expect(page.locator("[data-card='GP-1']")).toBeVisible();
  await page.reload();
  await expect(page.locator("[data-card]")).toHaveCount(1);
});

test("whose narrows the board to the user's projects: I own, and I'm involved", async ({ page }) => {
  await login(page, "member@example.com");
  await page.goto("/board");
  await page.getByRole("combobox", { name: "Whose" }).selectOption({ label: "I own" });
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/mine=own/);
  await expect(page.locator("[data-card='GP-1']")).toBeVisible();
  const owned = await page.locator("[data-card]").count();
  await page.goto("/board?mine=involved");
  await expect(page.locator("[data-card='GP-1']")).toBeVisible();
  await expect(page.locator("[data-card='GP-2']")).toBeVisible();
  const mine = await page.locator("[data-card]").count();
  expect(mine).toBeGreaterThanOrEqual(owned);
  await page.goto("/board");
  expect(await page.locator("[data-card]").count()).toBeGreaterThan(mine);
});

test("a card shows its headline output's health in words: off target, and the points that need a note", async ({ page, data }) => {
  const title = `Returns desk health ${crypto.randomUUID().slice(0, 6)}`;
  const made = await data.project({ title, stage: "execute", owner: data.people.member });
  const week = (ago: number) => {
    const d = new Date();
    d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7) - 7 * ago);
    return d.toISOString().slice(0, 10);
  };
  await createMetric(data.db, made, { name: "Parcels graded same day", ...RATE, values: { [week(3)]: 0.93, [week(2)]: 0.84, [week(1)]: 0.8 } });
  await login(page, "member@example.com");
  await page.goto(`/board?q=${encodeURIComponent(title)}`);
  const card = page.locator(`[data-card='${made.key}']`);
  await expect(card.locator("[data-health='off']")).toHaveText("Parcels graded same day: off target · 2 points need a note");
});

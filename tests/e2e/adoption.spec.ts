// Issue 13, item 9: the adoption dashboard shows the metrics, not only a count: each output of
// the projects in Executing and Adoption with its chart and target, furthest off target first.
import { expect, login, test } from "./data";

test("the dashboard lists the adoption metrics furthest off target first, each with its chart and a link to its 6-12 page", async ({ page }) => {
  await login(page, "viewer@example.com");
  await page.goto("/dashboard?team=fulfilment");
  const cards = page.getByTestId("adoption-metrics").locator("li");
  await expect(cards.first()).toBeVisible();
  // The gaps read in order: off target, largest first, before any at target.
  const states = await cards.evaluateAll((items) => items.map((li) => li.getAttribute("data-gap")));
  const firstOn = states.indexOf("on");
  expect(states.slice(firstOn === -1 ? states.length : firstOn).includes("off")).toBe(false);
  const gaps = (await cards.filter({ hasText: "off target by" }).allInnerTexts()).map((t) => Number(/off target by (\d+)%/.exec(t)![1]));
  expect(gaps).toEqual([...gaps].sort((a, b) => b - a));
  // Every card names its project and its metric, draws its chart, and links to the metric's page.
  const first = cards.first();
  await expect(
    first
      .getByRole("figure", { name: /last twelve weeks against the target/ })
      .locator("svg")
      .first(),
  ).toBeVisible();
  await first.getByRole("link").nth(1).click();
  await expect(page).toHaveURL(/\/metrics\//);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
});

test("the portfolio's bars are Recharts charts drawn once the page has loaded, each bar labelled with the number the table holds", async ({ page }) => {
  await login(page, "viewer@example.com");
  await page.goto("/dashboard");
  const open = page.getByRole("figure", { name: "Open projects: bar chart" });
  await expect(open.locator(".recharts-bar-rectangle")).toHaveCount(6);
  const table = await page.getByTestId("stages").locator("[data-stage] td:first-of-type").allInnerTexts();
  await expect(open.locator(".recharts-label-list text, .recharts-label")).toHaveText(table.map((n) => n.trim()));
  const passed = page.getByRole("figure", { name: "Gates passed: bar chart" });
  // A month with no gate passed has no bar to draw.
  const months = await page.getByTestId("passed").locator("td").allTextContents();
  await expect(passed.locator(".recharts-bar-rectangle")).toHaveCount(months.filter((n) => Number(n) > 0).length);
});

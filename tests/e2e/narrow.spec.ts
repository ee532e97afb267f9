// Issue 13, item 10, first part: at a phone's width (390 px) no main page scrolls sideways, and the
// navigation collapses into a menu that opens without JavaScript.
import { expect, login, mainPages, test } from "./data";

test.use({ viewport: { width: 390, height: 844 } });

test("at 390 px wide no main page scrolls sideways; the navigation is a menu, and Sign out is reachable", async ({ page, data }) => {
  // Sixteen pages one after the other: more than the default 30 s on a busy machine.
  test.setTimeout(120_000);
  const pages = [...(await mainPages(data.db)), "/search?q=pick"];
  await login(page, "member@example.com");
  const wide: string[] = [];
  for (const path of pages) {
    await page.goto(path);
    const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    if (scroll > client) wide.push(`${path}: ${scroll} px wide`);
  }
  expect(wide).toEqual([]);

  await page.goto("/board");
  await expect(page.getByRole("button", { name: "Sign out" })).toBeInViewport();
  await page.getByText("Menu", { exact: true }).click();
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Dashboard" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Dashboard" })).toBeHidden();
});

test("at 390 px the board shows one stage at a time, picked from the stages above it, and keeps the pick when filtering", async ({ page }) => {
  await login(page, "member@example.com");
  await page.goto("/board");
  const columns = page.locator("section[aria-labelledby^='col-']");
  await expect(columns.filter({ visible: true })).toHaveCount(1);
  await expect(columns.filter({ visible: true }).getByRole("heading")).toContainText("Problem identified");
  const stages = page.getByRole("navigation", { name: "Stages" });
  await stages.getByRole("link", { name: /^Executing/ }).click();
  await expect(page).toHaveURL(/col=execute/);
  await expect(stages.getByRole("link", { name: /^Executing/ })).toHaveAttribute("aria-current", "page");
  await expect(columns.filter({ visible: true })).toHaveCount(1);
  await expect(columns.filter({ visible: true }).getByRole("heading")).toContainText("Executing");
  // The filters fold behind one "Filters" control on the first screen (issue 27, item 6); it unfolds them and says how many are on.
  const team = page.getByRole("combobox", { name: "Team" });
  await expect(team).toBeHidden();
  const fold = page.getByText(/^Filters/);
  await expect(fold).toBeInViewport();
  await fold.click();
  await team.selectOption({ label: "Fulfilment" });
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/team=fulfilment/);
  await expect(page).toHaveURL(/col=execute/);
  await expect(columns.filter({ visible: true }).getByRole("heading")).toContainText("Executing");
  await expect(page.getByText(/^Filters \(1 on\)/)).toBeVisible();
  expect((await page.goto("/board?col=nowhere"))?.status()).toBe(400);
});

test("at 390 px the table's filters fold behind one Filters control too", async ({ page }) => {
  await login(page, "member@example.com");
  await page.goto("/projects");
  await expect(page.getByRole("combobox", { name: "Owner", exact: true })).toBeHidden();
  await page.getByText(/^Filters/).click();
  await expect(page.getByRole("combobox", { name: "Owner", exact: true })).toBeVisible();
  // Changing the chosen rows folds the same way.
  await expect(page.getByRole("combobox", { name: "New team" })).toBeHidden();
  await page.getByText(/^Change the chosen/).click();
  await expect(page.getByRole("combobox", { name: "New team" })).toBeVisible();
});

import { expect, login, test } from "./helpers";

test("sort, filter and page the table through the URL, and keep it on reload", async ({ page }) => {
  await login(page, "viewer@example.com");
  await page.goto("/board");
  await page.getByRole("link", { name: "Projects", exact: true }).click();
  await expect(page).toHaveURL(/\/projects$/);
  await expect(page.getByText(/Page 1 of \d+ · \d+ projects/)).toBeVisible();

  // Sort by title, descending, with the header links.
  await page.getByRole("link", { name: /^Title/ }).click();
  await expect(page).toHaveURL(/sort=title/);
  // The URL changes before the new page renders: wait for the header to say it, then click again.
  await expect(page.getByRole("link", { name: "Title (sorted ascending)" })).toBeVisible();
  await page.getByRole("link", { name: /^Title/ }).click();
  await expect(page).toHaveURL(/sort=title&dir=desc/);
  await expect(page.getByRole("link", { name: "Title (sorted descending)" })).toBeVisible();
  const titles = await page.locator("tbody tr td:nth-child(2)").allInnerTexts();
  expect(titles.length).toBeGreaterThan(1);
  const lower = titles.map((t) => t.toLowerCase());
  expect([...lower].sort().reverse()).toEqual(lower);

  // Filter by stage and page size through the form and the URL.
  await page.getByRole("combobox", { name: "Stage" }).selectOption("plan");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/stage=plan/);
  await expect(page).toHaveURL(/sort=title&dir=desc/);
  // Every row is at Plan (retried until the new page has rendered).
  await expect(page.locator("tbody tr td:nth-child(3)").first()).toHaveText("Plan in place");
  await expect(page.locator("tbody tr td:nth-child(3)").filter({ hasNotText: "Plan in place" })).toHaveCount(0);

  await page.goto("/projects?size=5&sort=key");
  await expect(page.locator("tbody tr")).toHaveCount(5);
  await page.getByRole("link", { name: "Next" }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(page.getByText(/^Page 2 of/)).toBeVisible();
  await expect(page.locator("tbody tr")).toHaveCount(5);
  const keys = await page.locator("tbody tr td:nth-child(1)").allInnerTexts();
  await page.reload();
  expect(await page.locator("tbody tr td:nth-child(1)").allInnerTexts()).toEqual(keys);
  expect(keys.map((k) => Number(k.slice(3)))).toEqual([...keys.map((k) => Number(k.slice(3)))].sort((a, b) => a - b));
});

test("bad list parameters: nearest valid page and size, a clear 400 for an unknown column", async ({ page }) => {
  await login(page, "viewer@example.com");
  await page.goto("/projects?size=1000000&page=-3");
  // Page 1 of however many pages of 100 (the largest size) the projects of the other tests make.
  await expect(page.getByText(/^Page 1 of \d+ ·/)).toBeVisible();
  const response = await page.goto("/projects?sort=password");
  expect(response?.status()).toBe(400);
  await expect(page.getByText(/Unknown sort column "password"/)).toBeVisible();
});

test("the CSV export has the filtered rows", async ({ page }) => {
  await login(page, "viewer@example.com");
  // One team's projects: other tests make projects of their own (with no team) while this one runs.
  await page.goto("/projects?stage=plan&team=fulfilment&sort=key");
  const shown = await page.locator("tbody tr td:nth-child(1)").allInnerTexts();
  expect(shown.length).toBeGreaterThan(0);
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download CSV of this filter" }).click();
  const file = await (await download).path();
  const text = await (await import("node:fs/promises")).readFile(file, "utf8");
  const lines = text.trim().split("\n");
  expect(lines[0]).toBe("key,title,stage,status,owner,team,customer,days_in_stage,must_met,must_total,gate_debt,updated_at");
  expect(lines.slice(1).map((l) => l.split(",")[0])).toEqual(shown);
  expect(lines.slice(1).every((l) => l.includes(",Plan in place,"))).toBe(true);
});

test("the chosen columns are remembered for the user", async ({ page }) => {
  await login(page, "member@example.com");
  await page.goto("/projects");
  await expect(page.getByRole("columnheader", { name: /Customer/ })).toHaveCount(0);
  await page.locator("summary", { hasText: "Columns" }).click();
  await page.getByRole("checkbox", { name: "Customer" }).check();
  await page.getByRole("checkbox", { name: "Team" }).uncheck();
  await page.getByRole("button", { name: "Save columns" }).click();
  await expect(page.getByRole("columnheader", { name: /Customer/ })).toBeVisible();
  await page.getByRole("button", { name: "Sign out" }).click();
  // The sign-out answer clears the session cookie: wait for it, or it could clear the next sign-in's.
  await expect(page).toHaveURL(/\/login$/);
  await login(page, "member@example.com");
  await page.goto("/projects");
  await expect(page.getByRole("columnheader", { name: /Customer/ })).toBeVisible();
  await expect(page.getByRole("columnheader", { name: /Team/ })).toHaveCount(0);
});

// Issue 13, item 10: dark mode follows the system, and a switch kept per person overrides it.
import type { Page } from "@playwright/test";
import { expect, login, test } from "./data";

const background = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
const DARK = "rgb(15, 23, 42)";
const LIGHT = "rgb(248, 250, 252)";

test.use({ colorScheme: "dark" });

test("the theme follows the system until the person chooses one, which stays theirs on every page and visit", async ({ page, browser }) => {
  await login(page, "viewer@example.com");
  await page.goto("/board");
  // No choice made: the system's dark, and the switch offers the other theme.
  await expect(page.locator("html")).not.toHaveClass(/\b(dark|light)\b/);
  expect(await background(page)).toBe(DARK);
  await page.getByRole("button", { name: "Light theme" }).click();
  await expect(page.getByTestId("toast")).toContainText("Light theme on.");
  await expect(page).toHaveURL(/\/board$/);
  await expect(page.locator("html")).toHaveClass(/\blight\b/);
  expect(await background(page)).toBe(LIGHT);
  await expect(page.getByRole("button", { name: "Dark theme" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Light theme" })).toBeHidden();

  // Kept for the person: another page, and a new browser with the same system setting.
  await page.goto("/dashboard");
  expect(await background(page)).toBe(LIGHT);
  const other = await browser.newContext({ colorScheme: "dark", baseURL: test.info().project.use.baseURL });
  const again = await other.newPage();
  await login(again, "viewer@example.com");
  await again.goto("/inbox");
  expect(await background(again)).toBe(LIGHT);
  // Somebody else still has their system's.
  await login(again, "member@example.com");
  await again.goto("/inbox");
  expect(await background(again)).toBe(DARK);
  await other.close();

  // The profile hands the choice back to the system.
  await page.goto("/settings/profile");
  const theme = page.locator("section[aria-labelledby='theme-heading']");
  await expect(theme.getByLabel("Light", { exact: true })).toBeChecked();
  await theme.getByLabel("As my system (light or dark)").check();
  await theme.getByRole("button", { name: "Save theme" }).click();
  await expect(page.getByTestId("toast")).toContainText("The theme follows your system's setting.");
  await expect(page.locator("html")).not.toHaveClass(/\b(dark|light)\b/);
  expect(await background(page)).toBe(DARK);

  // A theme that is not one of the three is refused, naming the field, and changes nothing.
  const refused = await page.request.post("/theme", { form: { theme: "sepia", redirectTo: "/board" } });
  expect(refused.status()).toBe(400);
  expect(JSON.stringify(await refused.json())).toContain("Choose System, Light or Dark");
  await page.reload();
  expect(await background(page)).toBe(DARK);
});

// Issue 13, item 7: find and move fast. The global search from the navigation, the command
// palette on Ctrl+K, and the keyboard shortcuts, which never act while a field is being typed in.
import { expect, login, test } from "./data";

test("search from the navigation with /, then move with the keyboard and the command palette", async ({ page }) => {
  await login(page, "member@example.com");
  await page.goto("/board");

  await test.step("/ focuses the search; Enter shows projects, artifacts, metrics and people", async () => {
    await page.locator("body").press("/");
    await expect(page.getByLabel("Search projects, artifacts, metrics and people")).toBeFocused();
    await page.keyboard.type("pick lists");
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/search\?q=pick\+lists/);
    const results = page.getByTestId("search-results");
    await expect(results.locator("section[aria-labelledby='found-projects']")).toContainText("GP-1 Live pick lists for shift leads");
    await expect(results.locator("section[aria-labelledby='found-metrics']")).toContainText("Pick lists republished during the shift");
  });

  await test.step("g then p goes to the projects; keys typed into a field stay in the field", async () => {
    // The search field keeps the focus after a search: click the page first, as a person would.
    await page.getByRole("heading", { level: 1 }).click();
    await page.keyboard.press("g");
    await page.keyboard.press("p");
    await expect(page).toHaveURL(/\/projects$/);
    await page.getByLabel("Search projects, artifacts, metrics and people").fill("gc");
    await expect(page).toHaveURL(/\/projects$/);
  });

  await test.step("? lists the shortcuts; Ctrl+K opens the palette, where one matching command is where Enter goes", async () => {
    await page.getByRole("heading", { level: 1 }).click();
    await page.keyboard.press("?");
    const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
    await expect(help).toContainText("Command palette");
    await help.getByRole("button", { name: "Close" }).click();
    await page.keyboard.press("Control+k");
    const palette = page.getByRole("dialog", { name: "Command palette" });
    await expect(palette.getByRole("combobox", { name: /Jump to a page/ })).toBeFocused();
    await page.keyboard.type("dashb");
    await expect(palette.getByRole("option")).toHaveText([/Dashboard/, /Search for “dashb”/]);
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/dashboard$/);
  });

  await test.step("the palette finds a project by its key, and by part of its title, as one types (issue 27, item 3)", async () => {
    const palette = page.getByRole("dialog", { name: "Command palette" });
    const input = palette.getByRole("combobox", { name: /Jump to a page/ });
    await page.keyboard.press("Control+k");
    await page.keyboard.type("GP-1");
    await expect(palette.getByRole("option").first()).toContainText("GP-1 Live pick lists for shift leads");
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/projects\/GP-1$/);

    await page.keyboard.press("Control+k");
    await page.keyboard.type("pick lists");
    // Projects first, then what else holds the words: the metric of GP-1 too.
    await expect(palette.getByRole("option", { name: /GP-1 Live pick lists for shift leads/ })).toBeVisible();
    await expect(palette.getByRole("option", { name: /Pick lists republished during the shift/ })).toBeVisible();
    const options = palette.getByRole("option");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    await expect(options.nth(1)).toHaveAttribute("aria-selected", "true");
    await expect(input).toHaveAttribute("aria-activedescendant", (await options.nth(1).getAttribute("id"))!);
    await page.keyboard.press("ArrowUp");
    await expect(options.first()).toHaveAttribute("aria-selected", "true");
    const key = (await options.first().innerText()).match(/GP-\d+/)![0];
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(new RegExp(`/projects/${key}$`));
  });
});

// Issue 12, item 1, in a browser: a server on an empty database without the demo; the first
// visit leads to the setup page, which takes the token the server printed and creates the
// organisation's first administrator, once.
import { expect, test } from "./helpers";
import { emptyWorkspaceForThisFile } from "./empty-workspace";

const TOKEN = "e2e-setup-token-of-at-least-24-characters";
const workspace = emptyWorkspaceForThisFile(TOKEN);

test("the first visit to an empty workspace sets it up, with the printed token, once", async ({ page }) => {
  await page.goto(`${workspace().base}/board`);
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole("heading", { name: "Set up Gatepath" })).toBeVisible();

  await page.getByLabel("Setup token").fill("a-token-somebody-guessed");
  await page.getByLabel("Organisation").fill("Northwind Logistics");
  await page.getByLabel("Your name").fill("Olu Owner");
  await page.getByLabel("Email").fill("olu@northwind.test");
  await page.getByLabel("Password").fill("pallet-ramp-quietly-42");
  await page.getByRole("button", { name: "Create the workspace" }).click();
  await expect(page.getByText("That is not the setup token this server printed at its last start.")).toBeVisible();
  await expect(page.getByLabel("Setup token")).toHaveAttribute("aria-invalid", "true");

  await page.getByLabel("Setup token").fill(TOKEN);
  await page.getByLabel("Password").fill("pallet-ramp-quietly-42");
  await page.getByRole("button", { name: "Create the workspace" }).click();
  await expect(page).toHaveURL(/\/board$/);
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Playbook" })).toBeVisible();

  // Done once: the setup page is gone for everyone, signed in or not.
  await page.goto(`${workspace().base}/setup`);
  await expect(page).toHaveURL(/\/board$/);
  await page.getByRole("button", { name: "Sign out" }).click();
  // Signed out first: a navigation started before the sign-out's answer would cancel it.
  await expect(page.getByRole("button", { name: "Sign out" })).toHaveCount(0);
  await page.goto(`${workspace().base}/setup`);
  await expect(page).toHaveURL(/\/login$/);
});

// Issue 12: what an organisation needs to run Gatepath for real.
import { expect, login, test } from "./data";

test("the steady-state owner of an adopted project is chosen on its page, and the Done-Done criterion follows", async ({ page, data }) => {
  const { key } = await data.project({
    stage: "adopt",
    owner: data.people.member,
    data: { rollout: "Leeds first, then every site", launchedAt: new Date("2026-10-01") },
  });
  await login(page, "member@example.com");
  await page.goto(`/projects/${key}`);
  const criterion = page.locator("[data-criterion='steady_owner']");
  await expect(criterion).toContainText("Not met");
  await criterion.getByRole("link", { name: "Name the owner" }).click();
  await expect(page).toHaveURL(/#steady-owner$/);
  const form = page.locator("form#steady-owner");
  await expect(form.getByLabel("Steady-state owner").locator("option", { hasText: "Vera Viewer" })).toHaveCount(0);
  await form.getByLabel("Steady-state owner").selectOption({ label: "Ada Admin" });
  await form.getByRole("button", { name: "Save owner" }).click();
  await expect(form.getByRole("status")).toHaveText("Steady-state owner saved.");
  await expect(criterion).toContainText("Met");
  await expect(page.locator("section[aria-labelledby='facts']")).toContainText("Steady-state ownerAda Admin");
  await expect(form.getByLabel("Steady-state owner")).toHaveValue(/.+/);

  await login(page, "viewer@example.com");
  await page.goto(`/projects/${key}`);
  await expect(page.locator("form#steady-owner")).toHaveCount(0);
  const response = await page.request.post(`/projects/${key}?index`, { form: { intent: "steady_owner", userId: "" } });
  expect(response.status()).toBe(403);
});

test("an administrator invites a person, who joins with the link, resets her password with another; deactivated, her session ends at once", async ({
  page,
  browser,
}) => {
  const email = `nadia.${crypto.randomUUID().slice(0, 8)}@northwind.test`;
  await login(page, "admin@example.com");
  await page.goto("/settings/people");
  const invite = page.locator("section[aria-labelledby='invite-heading']");
  await invite.getByLabel("Email").fill(email);
  await invite.getByLabel("Name").fill("Nadia New");
  await invite.getByLabel("Role", { exact: true }).selectOption("member");
  await invite.getByRole("button", { name: "Invite" }).click();
  const link = (await page.getByTestId("signup-link").innerText()).trim();
  expect(link).toMatch(/\/signup\/[\w-]{32}$/);
  // The page says how long it works (a server module's constant once read "undefined" here in the browser).
  await expect(page.getByRole("status").filter({ hasText: "is invited" })).toContainText("it works once, for 7 days");
  await expect(page.locator(`[data-person='${email}']`)).toContainText("Invited");
  // The same address again is refused beside the field.
  await invite.getByLabel("Email").fill(email);
  await invite.getByLabel("Name").fill("Nadia Again");
  await invite.getByRole("button", { name: "Invite" }).click();
  await expect(invite.getByText(`${email} already has an account.`)).toBeVisible();

  // Nadia, in a browser of her own, follows the link.
  const hers = await browser.newContext();
  const nadia = await hers.newPage();
  await nadia.goto(link);
  await expect(nadia.getByText(`You were invited as ${email}`)).toBeVisible();
  await nadia.getByLabel("Password").fill("short");
  await nadia.getByRole("button", { name: "Join" }).click();
  await expect(nadia.getByText(/Use at least 12 characters/)).toBeVisible();
  await nadia.getByLabel("Password").fill("pallet-ramp-quietly-42");
  await nadia.getByRole("button", { name: "Join" }).click();
  await expect(nadia).toHaveURL(/\/board$/);
  await expect(nadia.getByText("Nadia New")).toBeVisible();

  // The link was for one use.
  const other = await browser.newContext();
  expect((await (await other.newPage()).goto(link))?.status()).toBe(400);
  await other.close();

  await page.reload();
  const row = page.locator(`[data-person='${email}']`);
  await expect(row).toContainText("Active");

  // She forgets her password: an administrator hands her a reset link; her old session ends with it.
  await row.getByRole("button", { name: /Reset link/ }).click();
  await expect(page.getByRole("status")).toContainText("A password-reset link for Nadia New");
  const resetLink = (await page.getByTestId("signup-link").innerText()).trim();
  const laptop = await browser.newContext();
  const again = await laptop.newPage();
  await again.goto(resetLink);
  await expect(again.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
  await expect(again.getByLabel("Your name")).toHaveCount(0);
  await again.getByLabel("Password").fill("a-new-and-long-passphrase");
  await again.getByRole("button", { name: "Save the new password" }).click();
  await expect(again).toHaveURL(/\/board$/);
  await nadia.reload();
  await expect(nadia).toHaveURL(/\/login/);

  await row.getByRole("button", { name: /Deactivate/ }).click();
  await expect(page.getByTestId("toast")).toContainText("Deactivated: their sessions and API tokens ended at once.");
  await expect(row).toContainText("Deactivated");
  await again.reload();
  await expect(again).toHaveURL(/\/login/);
  await hers.close();
  await laptop.close();
});

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
  const response = await page.request.post(`/projects/${key}`, { form: { intent: "steady_owner", userId: "" } });
  expect(response.status()).toBe(403);
});

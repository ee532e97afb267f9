// Issue 13, item 4: one time-in-stage. The header, the stage path, the board and the table count
// the same days, and a next gate date in the past is flagged as overdue.
import { expect, login, test } from "./data";

test("the header, the stage path, the board and the table agree on days in stage; a past next gate date is overdue", async ({ page, data }) => {
  // Entered 40 days ago, late in the evening UTC: calendar days, not 24-hour spans, are counted.
  const entered = new Date(Date.now() - 40 * 86_400_000);
  entered.setUTCHours(23, 30, 0, 0);
  const title = `Dock door timer ${crypto.randomUUID().slice(0, 6)}`;
  const { key } = await data.project({ title, owner: data.people.member, data: { stageEnteredAt: entered, createdAt: entered } });
  await login(page, "member@example.com");

  await page.goto(`/projects/${key}`);
  const inStage = page.locator("dt", { hasText: "In this stage" }).locator("xpath=following-sibling::dd");
  await expect(inStage).toContainText("40 days");
  await expect(inStage).toContainText("Over the expected 21 days");
  await expect(page.getByRole("list", { name: "Stage path" }).locator("[aria-current='step']")).toContainText("40 days");
  await expect(page.getByTestId("next-gate")).toContainText("(overdue)");

  await page.goto(`/board?q=${encodeURIComponent(title)}`);
  await expect(page.locator(`[data-card='${key}']`)).toContainText("40 days in stage (over 21)");

  await page.goto(`/projects?q=${encodeURIComponent(title)}`);
  await expect(page.getByRole("row", { name: new RegExp(key) })).toContainText("40");
});

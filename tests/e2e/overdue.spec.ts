// Dates that slip are seen (issue 27, item 5): a milestone past its due date and not done is
// flagged on the project's card, on its page and its plan, and in its owner's My work.
import { expect, login, test } from "./data";

test("a milestone past its due date and still in progress is flagged on the card, the project page and in its owner's My work", async ({ page, data }) => {
  const title = `Overdue pilot ${crypto.randomUUID().slice(0, 8)}`;
  const made = await data.project({ title, stage: "execute", owner: data.people.member });
  const today = new Date();
  const due = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - 20));
  const project = await data.db.project.findUniqueOrThrow({ where: { key: made.key }, select: { id: true } });
  await data.db.milestone.create({
    data: { projectId: project.id, title: "Carrier API live", dueDate: due, state: "in_progress", ownerId: data.people.member.id },
  });

  await login(page, "member@example.com");
  await page.goto(`/board?q=${encodeURIComponent(title)}`);
  await expect(page.getByRole("link", { name: new RegExp(title) })).toContainText("Milestone overdue");

  await page.goto(`/projects/${made.key}`);
  await expect(page.getByText(/Milestone overdue:\s*a milestone was due on .* and is not done\./)).toBeVisible();
  await page.getByRole("link", { name: "See the plan" }).click();
  await expect(page.locator("[data-milestone='Carrier API live']").getByTestId("milestone-overdue")).toHaveText("Overdue");

  await page.goto("/inbox");
  const item = page.locator("[data-inbox='milestone']").filter({ hasText: made.key });
  await expect(item).toContainText("Carrier API live");
  await expect(item).toContainText("(overdue)");
});

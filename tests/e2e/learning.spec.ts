// Learning from every project (issue 26, items 2 and 5), as people do it in the browser: a Stop
// asks for its retrospective, a half-filled one is refused field by field, the written one closes
// the project, and its lesson reaches the next project at that stage and the lessons library.
import { expect, login, test } from "./data";

test("Stop asks for a retrospective; once written, its lesson is on a later project's overview and in /lessons", async ({ page, data }) => {
  const stopped = await data.gateProject({ ready: false });
  const lesson = `Ask the carrier about its roadmap before staffing ${crypto.randomUUID().slice(0, 8)}`;
  await login(page, "admin@example.com");
  await page.goto(`/projects/${stopped.key}`);
  await expect(page.getByTestId("retro-note")).toHaveText("Retrospectives: Stop opens a retrospective the owner writes before the project closes.");
  await page.getByLabel(/^Stop/).check();
  await page.getByLabel(/Stop: I confirm/).check();
  await page.getByLabel("Rationale").fill("The carrier fixed it on their side");
  await page.getByRole("button", { name: "Record decision" }).click();
  await expect(page.getByTestId("toast")).toContainText("A retrospective is open for what the project learned.", { timeout: 15_000 });
  const due = page.getByTestId("retro-due");
  await expect(due).toContainText("the project closes once it is written");
  await due.getByRole("link", { name: "Write the retrospective" }).click();
  await expect(page.getByRole("heading", { name: "Retrospective: Stop at Problem identified" })).toBeVisible();

  // Half filled: each missing part is named beside its field, and nothing is saved.
  await page.getByLabel("What happened").fill("The carrier changed its contract; the late parcels went away.");
  await page.getByLabel("Action 1").fill("Add a carrier check to the problem template");
  await page.getByRole("button", { name: "Save retrospective" }).click();
  await expect(page.getByText("Write what we expected.")).toBeVisible();
  await expect(page.getByText("Write at least the first why: why did it happen?")).toBeVisible();
  await expect(page.getByText("Name the action item's owner.")).toBeVisible();
  await expect(page.getByText("Give the action item a due date.")).toBeVisible();

  await page.getByLabel("What we expected").fill("Late parcels would halve once our integration shipped.");
  await page.getByLabel("Why 1").fill("The carrier fixed the cause before we shipped");
  await page.getByLabel("Why 2").fill("Nobody asked the carrier what it planned");
  await page.getByLabel("What we would do differently").fill(lesson);
  const firstAction = page.getByTestId("action-row").first();
  await firstAction.getByLabel("Owner").selectOption({ label: "Max Member" });
  await firstAction.getByLabel("Due").fill("2099-03-01");
  await page.getByRole("button", { name: "Save retrospective" }).click();
  await expect(page.getByTestId("toast")).toContainText("Retrospective saved");
  await expect(page.locator("[data-action-item='open']")).toContainText("Add a carrier check to the problem template");
  await page.goto(`/projects/${stopped.key}`);
  await expect(page.getByTestId("retro-due")).toHaveCount(0);

  // A project now at the stage where that one stopped reads the lesson on its overview.
  const next = await data.gateProject({ ready: false });
  await page.goto(`/projects/${next.key}`);
  const lessons = page.getByTestId("stage-lessons");
  await expect(lessons).toContainText(lesson);
  await expect(lessons.getByRole("link", { name: new RegExp(`${stopped.key}\\b`) })).toBeVisible();

  // The library finds it by its words, whatever their case.
  await page.goto("/lessons");
  await page.getByLabel("Words").fill(lesson.slice(-8).toUpperCase());
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByTestId("lessons").locator("li")).toHaveCount(1);
  await expect(page.getByTestId("lessons")).toContainText(lesson);
  await expect(page.getByTestId("lessons")).toContainText(`Stop at Problem identified · ${stopped.key}`);
});

// Learning from every project (issue 26, items 2 and 5), as people do it in the browser: a Stop
// asks for its retrospective, a half-filled one is refused field by field, the written one closes
// the project, and its lesson reaches the next project at that stage and the lessons library.
import { createArtifact } from "../factories";
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

test("a COE whose root cause falls in a category an earlier, closed COE fixed is flagged recurring, there and on the dashboard", async ({ page, data }) => {
  const { db, people } = data;
  const suffix = crypto.randomUUID().slice(0, 8);
  const category = await db.rootCauseCategory.create({ data: { name: `Deployment ${suffix}` } });
  // The earlier COE: recorded, its cause in the category, its one action item done.
  const earlierProject = await data.project();
  const earlier = await createArtifact(db, earlierProject, people.member, { kind: "coe", stage: "identify", title: `Canary skipped in March ${suffix}` });
  await db.coeRecord.create({
    data: {
      artifactId: earlier.id,
      projectId: earlierProject.id,
      impactCount: 80,
      startedAt: new Date("2026-03-02T10:00:00Z"),
      detectedAt: new Date("2026-03-02T10:30:00Z"),
      mitigatedAt: new Date("2026-03-02T12:00:00Z"),
      whyChains: [{ problem: "Double picks", whys: ["Stop: the deploy skipped the canary"] }],
      rootCauses: { create: [{ position: 0, text: "No canary stage", categoryId: category.id }] },
    },
  });
  await db.coeActionItem.create({
    data: { artifactId: earlier.id, projectId: earlierProject.id, position: 0, title: "Add a canary stage", ownerName: "Max Member", doneAt: new Date() },
  });

  const project = await data.project();
  const coe = await createArtifact(db, project, people.member, { kind: "coe", stage: "identify", title: `Canary skipped again ${suffix}` });
  await login(page, "admin@example.com");
  await page.goto(`/artifacts/${coe.id}`);
  await page.getByTestId("coe-record-link").getByRole("link").click();
  await expect(page.getByRole("heading", { name: `COE record: Canary skipped again ${suffix}` })).toBeVisible();

  // Half filled: what is missing is named beside its field.
  await page.getByLabel("Root cause 1").fill("The deploy skipped the canary stage again");
  await page.getByRole("button", { name: "Save record" }).click();
  await expect(page.getByText("Say how many customers were affected, as a number.")).toBeVisible();
  await expect(page.getByText("Choose the root cause's category.")).toBeVisible();
  await expect(page.getByText("Give when it was detected.")).toBeVisible();

  await page.getByLabel("Customers affected").fill("300");
  await page.getByLabel("Started").fill("2026-11-02T14:05");
  await page.getByLabel("Detected").fill("2026-11-02T14:40");
  await page.getByLabel("Mitigated").fill("2026-11-02T16:00");
  await page.getByLabel("Problem 1").fill("Orders were picked twice");
  await page.getByLabel("Why 1").first().fill("The retry ran after a timeout");
  await page.getByLabel("Why 2").first().fill("Stop: the deploy skipped the canary stage");
  await page
    .getByTestId("root-cause")
    .first()
    .getByLabel("Category")
    .selectOption({ label: `Deployment ${suffix}` });
  const action = page.getByTestId("action-row").first();
  await action.getByLabel("Action 1").fill("Make the canary stage a required step");
  await action.getByLabel("Owner").selectOption({ label: "Max Member" });
  await action.getByLabel("Due").fill("2099-01-15");
  await page.getByRole("button", { name: "Save record" }).click();
  await expect(page.getByTestId("toast")).toContainText("flagged recurring", { timeout: 15_000 });
  await expect(page.getByTestId("recurring")).toHaveText("Recurring root cause");
  await expect(page.getByTestId("recurrence-list")).toContainText(`Canary skipped in March ${suffix}`);

  await page.goto("/dashboard");
  const recurring = page.getByTestId("recurring-categories");
  await expect(recurring).toContainText(`Deployment ${suffix}`);
  await expect(recurring).toContainText(`Canary skipped again ${suffix}`);
});

// History with values (issue 26, item 1) beyond the facts: each change to a project's roles,
// plan, metrics and documents records the fields it changed with their old and new values, in
// the change's own transaction, and the History tab's words for them.
import { beforeAll, describe, expect, it } from "vitest";
import { updateArtifact } from "~/modules/artifacts/artifacts.server";
import { shownChanges } from "~/modules/audit/changes";
import { updateMetric } from "~/modules/metrics/metrics.server";
import { projectMetricRefs, recordValues } from "~/modules/metrics/values.server";
import { addMilestone, setMilestoneState } from "~/modules/projects/plan.server";
import { assignRole, removeRole } from "~/modules/projects/roles.server";
import type { Db } from "~/utils/db.server";
import { createArtifact, createMetric, createProject, createUsers, withTestDb, type TestUser } from "../factories";

const t = withTestDb();
let db: Db;
let u: Record<"owner" | "next" | "helper" | "admin", TestUser>;

beforeAll(async () => {
  db = t.db;
  u = await createUsers(db, { owner: "member", next: "member", helper: "member", admin: "admin" });
});

/** The words History shows for the newest event of this action on the project. */
async function shown(projectId: string, action: string) {
  const event = await db.auditEvent.findFirstOrThrow({ where: { projectId, action }, orderBy: { id: "desc" } });
  return shownChanges(event.data).map((c) => `${c.label}: ${c.before} → ${c.after}`);
}

describe("the values a change records", () => {
  it("roles: who held a role before and after", async () => {
    const project = await createProject(db, { owner: u.owner });
    expect(await assignRole(db, u.admin, project.id, { userId: u.next.id, role: "owner" })).toMatchObject({ ok: true });
    expect(await shown(project.id, "role.assigned")).toEqual([`Owner: ${u.owner.name} → ${u.next.name}`]);
    expect(await assignRole(db, u.admin, project.id, { userId: u.helper.id, role: "contributor" })).toMatchObject({ ok: true });
    const role = await db.projectRole.findFirstOrThrow({ where: { projectId: project.id, userId: u.helper.id } });
    expect(await removeRole(db, u.admin, project.id, role.id)).toMatchObject({ ok: true });
    expect(await shown(project.id, "role.removed")).toEqual([`Contributor: ${u.helper.name} → (empty)`]);
  });

  it("the plan: a milestone added and its state changed", async () => {
    const project = await createProject(db, { owner: u.owner });
    const due = new Date("2027-03-01T00:00:00Z");
    expect(
      await addMilestone(db, u.owner, project.id, { intent: "add_milestone", title: "Pilot at one site", dueDate: due, ownerId: u.owner.id }),
    ).toMatchObject({ ok: true });
    expect(await shown(project.id, "milestone.added")).toEqual(["Milestone: (empty) → Pilot at one site (due 2027-03-01)"]);
    const milestone = await db.milestone.findFirstOrThrow({ where: { projectId: project.id } });
    expect(await setMilestoneState(db, u.owner, project.id, { intent: "milestone_state", milestoneId: milestone.id, state: "at_risk" })).toMatchObject({
      ok: true,
    });
    expect(await shown(project.id, "milestone.state")).toEqual(["Milestone state: Pilot at one site: planned → Pilot at one site: at risk"]);
  });

  it("metrics: only the definition's fields that changed, and a few values typed with what they replaced", async () => {
    const project = await createProject(db, { owner: u.owner });
    const metric = await createMetric(db, project, { ownerId: u.owner.id, values: { "2026-11-02": 410 } });
    const input = {
      name: metric.name,
      definition: metric.definition,
      ownerId: u.owner.id,
      kind: "output" as const,
      unit: metric.unit,
      isRate: false,
      allowsNegative: false,
      aggregate: "sum" as const,
      direction: "higher" as const,
      target: 550,
      cadence: "weekly" as const,
      drives: [],
    };
    expect(await updateMetric(db, u.owner, project.id, metric.id, input)).toMatchObject({ ok: true });
    expect(await shown(project.id, "metric.updated")).toEqual(["Target: 500 → 550"]);

    const metrics = await projectMetricRefs(db, { projectId: project.id });
    const written = await recordValues(db, {
      actorId: u.owner.id,
      source: "manual",
      metrics,
      allowEmpty: false,
      rows: [
        { row: 1, metric: metric.id, period: "2026-11-02", value: "430" },
        { row: 2, metric: metric.id, period: "2026-11-09", value: "470" },
      ],
      now: new Date("2026-11-20T00:00:00Z"),
    });
    expect(written).toMatchObject({ ok: true, written: 2 });
    expect(await shown(project.id, "metric.values_recorded")).toEqual([
      `Value for ${metric.name} 2026-11-02: 410 → 430`,
      `Value for ${metric.name} 2026-11-09: (empty) → 470`,
    ]);
  });

  it("documents: the title and the version a save changed", async () => {
    const project = await createProject(db, { owner: u.owner });
    const artifact = await createArtifact(db, project, u.owner, { kind: "email", stage: "identify", title: "Kick-off email" });
    const saved = await updateArtifact(db, u.owner, artifact.id, { mode: "document", title: "Kick-off email, second draft", body: "Hello again", version: 1 });
    expect(saved).toMatchObject({ ok: true });
    expect(await shown(project.id, "artifact.updated")).toEqual(
      expect.arrayContaining(["Title: Kick-off email → Kick-off email, second draft", "Version: 1 → 2"]),
    );
  });
});

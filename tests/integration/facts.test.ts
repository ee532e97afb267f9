// The facts loader reads each relation with its own SQL statement: these tests pin down what
// the gate rules get from it, project by project, on a real SQLite file.
import { beforeAll, describe, expect, it } from "vitest";
import { loadFacts, loadFactsMany } from "~/modules/lifecycle/facts.server";
import type { Db } from "~/utils/db.server";
import { createProject, createUser, withTestDb } from "../factories";

const t = withTestDb();
let db: Db;
let userId = "";

beforeAll(async () => {
  db = t.db;
  userId = (await createUser(db, { name: "Fay" })).id;
});

const makeProject = () => createProject(db, { stage: "adopt", proposer: { id: userId }, data: { ownerId: userId } });

const week = (i: number) => new Date(Date.UTC(2026, 0, 5 + 7 * i));

describe("loadFactsMany", () => {
  it("keeps each project's relations apart and reads fields, roles, tenets and milestones", async () => {
    const a = await makeProject();
    const b = await makeProject();
    await db.project.update({
      where: { id: a.id },
      data: { customer: "Warehouse leads", launchedAt: new Date(Date.UTC(2026, 2, 9, 15)), steadyStateOwnerId: userId },
    });
    await db.projectRole.create({ data: { projectId: a.id, userId, role: "stakeholder", acknowledgedAt: new Date(Date.UTC(2026, 1, 1)) } });
    await db.tenet.createMany({ data: [0, 1].map((i) => ({ projectId: a.id, position: i, title: `T${i}`, body: "b", kind: "foundational" as const })) });
    await db.milestone.create({ data: { projectId: b.id, title: "Pilot", dueDate: new Date(Date.UTC(2026, 5, 1)), ownerId: userId, state: "done" } });

    const facts = await loadFactsMany(db, [a.id, b.id, "no-such-project"]);
    expect([...facts.keys()].sort()).toEqual([a.id, b.id].sort());
    const fa = facts.get(a.id)!;
    const fb = facts.get(b.id)!;
    expect(fa.fields).toMatchObject({ customer: "Warehouse leads", launchedAt: "2026-03-09", steadyStateOwner: "Fay", problem: null });
    expect(fa.roles).toEqual([{ userId, role: "stakeholder", acknowledgedAt: new Date(Date.UTC(2026, 1, 1)), inactive: false }]);
    expect(fa.tenetCount).toBe(2);
    expect(fa.milestones).toEqual([]);
    expect(fb).toMatchObject({
      stage: "adopt",
      status: "active",
      proposerId: userId,
      ownerId: userId,
      roles: [],
      tenetCount: 0,
      fields: { steadyStateOwner: null, launchedAt: null },
    });
    expect(fb.milestones).toEqual([{ dueDate: new Date(Date.UTC(2026, 5, 1)), ownerId: userId, state: "done" }]);
    expect(await loadFactsMany(db, [])).toEqual(new Map());
  });

  it("an artifact of blanks has no content; a COE's open action items count until withdrawn", async () => {
    const p = await makeProject();
    const make = (kind: "prfaq" | "coe", fields: { url?: string; body?: string }) =>
      db.artifact.create({ data: { projectId: p.id, kind, stage: "identify", title: kind, authorId: userId, ...fields } });
    const blank = await make("prfaq", { body: " \n\t \u00a0\r\n" });
    const linked = await make("prfaq", { url: "https://example.com/doc" });
    const coe = await make("coe", { body: "# COE" });
    await db.coeActionItem.createMany({
      data: [
        { artifactId: coe.id, projectId: p.id, position: 0, title: "Open one" },
        { artifactId: coe.id, projectId: p.id, position: 1, title: "Done one", doneAt: new Date() },
        { artifactId: coe.id, projectId: p.id, position: 2, title: "Open two" },
      ],
    });
    const facts = (await loadFacts(db, p.id))!;
    expect(facts.artifacts.map((a) => [a.id, a.hasContent])).toEqual([
      [blank.id, false],
      [linked.id, true],
      [coe.id, true],
    ]);
    expect(facts.openCoeActionItems).toBe(2);
    await db.artifact.update({ where: { id: coe.id }, data: { state: "withdrawn" } });
    expect((await loadFacts(db, p.id))!.openCoeActionItems).toBe(0);
  });

  it("reads each metric's newest 12 values, newest first, and the run of consecutive periods", async () => {
    const p = await makeProject();
    const output = await db.metric.create({
      data: { projectId: p.id, name: "Out", definition: "d", kind: "output", unit: "%", direction: "higher", target: 0.9, cadence: "weekly" },
    });
    const input = await db.metric.create({
      data: {
        projectId: p.id,
        name: "In",
        definition: "d",
        kind: "input",
        unit: "n",
        direction: "lower",
        cadence: "weekly",
        drives: { create: { outputId: output.id } },
      },
    });
    // Twenty weeks of the output with week 15 missing; three weeks of the input.
    const weeks = Array.from({ length: 20 }, (_, i) => i).filter((i) => i !== 15);
    await db.metricValue.createMany({ data: weeks.map((i) => ({ metricId: output.id, periodStart: week(i), value: i })) });
    await db.metricValue.createMany({ data: [0, 1, 2].map((i) => ({ metricId: input.id, periodStart: week(i), value: 100 + i })) });

    const facts = (await loadFacts(db, p.id))!;
    const out = facts.metrics.find((m) => m.id === output.id)!;
    const inp = facts.metrics.find((m) => m.id === input.id)!;
    expect(out.recent).toEqual([19, 18, 17, 16, 14, 13, 12, 11, 10, 9, 8, 7]);
    expect(out.lastPeriodAt).toEqual(week(19));
    expect(out.consecutive).toBe(4);
    expect(out).toMatchObject({ kind: "output", target: 0.9, direction: "higher", retired: false, drives: [] });
    expect(inp).toMatchObject({ kind: "input", target: null, direction: "lower", drives: [output.id], recent: [102, 101, 100], consecutive: 3 });
  });
});

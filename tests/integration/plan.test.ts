import { beforeAll, describe, expect, it } from "vitest";
import { EditProjectSchema } from "~/modules/projects/project-form";
import { addDecision, addMilestone, addTenet, removeTenet, setMilestoneState } from "~/modules/projects/plan.server";
import { getPlan } from "~/modules/projects/queries.server";
import type { Db } from "~/utils/db.server";
import { newProject } from "../factories/projects";
import { createUser, withTestDb } from "../factories";

const t = withTestDb();
let db: Db;
let alice: { id: string; role: "member" };
let bob: { id: string; role: "member" };

beforeAll(async () => {
  db = t.db;
  alice = { id: (await createUser(db, { name: "Alice" })).id, role: "member" };
  bob = { id: (await createUser(db, { name: "Bob" })).id, role: "member" };
});

async function project() {
  const { version: _v, ...fields } = EditProjectSchema.parse({ version: 1, title: "Plan project" });
  return newProject(db, alice, fields);
}

const tenet = (n: number) => ({ intent: "add_tenet" as const, title: `Tenet ${n}`, body: "One sentence.", kind: "foundational" as const });

describe("plan items", () => {
  it("keeps seven tenets at most, numbered in order after a removal", async () => {
    const p = await project();
    for (let n = 1; n <= 7; n++) expect(await addTenet(db, alice, p.id, tenet(n))).toEqual({ ok: true });
    expect(await addTenet(db, alice, p.id, tenet(8))).toMatchObject({ ok: false, status: 400, message: "Keep to 7 tenets at most; remove one first." });
    const second = await db.tenet.findFirstOrThrow({ where: { projectId: p.id, position: 2 } });
    await removeTenet(db, alice, p.id, second.id);
    const left = await db.tenet.findMany({ where: { projectId: p.id }, orderBy: { position: "asc" } });
    expect(left.map((t) => [t.position, t.title])).toEqual([1, 3, 4, 5, 6, 7].map((n, i) => [i + 1, `Tenet ${n}`]));
    expect((await db.project.findUniqueOrThrow({ where: { id: p.id } })).version).toBe(9);
  });

  it("refuses people who may not edit the project, writing nothing", async () => {
    const p = await project();
    expect(await addTenet(db, bob, p.id, tenet(1))).toMatchObject({ ok: false, status: 403 });
    expect(await db.tenet.count({ where: { projectId: p.id } })).toBe(0);
    expect(await db.auditEvent.count({ where: { projectId: p.id, entity: "tenet" } })).toBe(0);
  });

  it("milestones feed the Execute gate: dates and owners, then one delivered", async () => {
    const p = await project();
    await db.project.update({ where: { id: p.id }, data: { stage: "execute", stageRank: 4 } });
    expect(
      await addMilestone(db, alice, p.id, { intent: "add_milestone", title: "Pilot", dueDate: new Date("2099-01-01T00:00:00Z"), ownerId: bob.id }),
    ).toEqual({ ok: true });
    let row = await db.project.findUniqueOrThrow({ where: { id: p.id } });
    // milestones_tracked (must) now holds; the should-meet "delivered" does not yet.
    expect(row.gateMustMet).toBe(1);
    expect(row.gateShouldScore).toBe(0);
    const m = await db.milestone.findFirstOrThrow({ where: { projectId: p.id } });
    await setMilestoneState(db, alice, p.id, { intent: "milestone_state", milestoneId: m.id, state: "done" });
    row = await db.project.findUniqueOrThrow({ where: { id: p.id } });
    expect(row.gateShouldScore).toBe(100);
    expect((await db.milestone.findUniqueOrThrow({ where: { id: m.id } })).deliveredAt).not.toBeNull();
  });

  it("refuses a milestone owner who does not exist, or a viewer, who may not act on it", async () => {
    const p = await project();
    expect(await addMilestone(db, alice, p.id, { intent: "add_milestone", title: "X", dueDate: new Date(), ownerId: "nobody" })).toMatchObject({
      ok: false,
      status: 400,
      field: "ownerId",
    });
    const viewer = await createUser(db, { name: "Vic", role: "viewer" });
    expect(await addMilestone(db, alice, p.id, { intent: "add_milestone", title: "Y", dueDate: new Date(), ownerId: viewer.id })).toMatchObject({
      ok: false,
      status: 400,
      field: "ownerId",
      message: "Choose an owner from the list (a viewer does not own milestones).",
    });
    expect(await db.milestone.count({ where: { projectId: p.id } })).toBe(0);
  });
});

describe("getPlan", () => {
  it("reads tenets in order, milestones by date with owners, and decisions newest first with their decider", async () => {
    const p = await project();
    await addTenet(db, alice, p.id, tenet(1));
    await addTenet(db, alice, p.id, { ...tenet(2), kind: "aspirational" });
    await addMilestone(db, alice, p.id, { intent: "add_milestone", title: "Launch", dueDate: new Date("2099-06-01T00:00:00Z"), ownerId: bob.id });
    // Milestones of older data may have no owner.
    await db.milestone.create({ data: { projectId: p.id, title: "Pilot", dueDate: new Date("2099-01-01T00:00:00Z") } });
    const decision = {
      intent: "add_decision" as const,
      door: "one_way" as const,
      options: ["Build", "Buy"],
      chosen: "Buy",
      rationale: "Faster to market.",
      dissent: ["Bob"],
      confirm: true,
    };
    await addDecision(db, alice, p.id, { ...decision, title: "Buy the scanner" });
    await addDecision(db, alice, p.id, { ...decision, title: "Pilot in one site" });

    const plan = await getPlan(db, p.id);
    expect(plan.tenets.map((t) => [t.position, t.title, t.kind])).toEqual([
      [1, "Tenet 1", "foundational"],
      [2, "Tenet 2", "aspirational"],
    ]);
    expect(plan.milestones.map((m) => [m.title, m.owner?.name ?? null, m.state])).toEqual([
      ["Pilot", null, "planned"],
      ["Launch", "Bob", "planned"],
    ]);
    expect(plan.milestones[0]!.dueDate).toEqual(new Date("2099-01-01T00:00:00Z"));
    expect(plan.decisions.map((d) => d.title)).toEqual(["Pilot in one site", "Buy the scanner"]);
    expect(plan.decisions[0]).toMatchObject({ door: "one_way", options: ["Build", "Buy"], chosen: "Buy", dissent: ["Bob"], decider: { name: "Alice" } });
  });
});

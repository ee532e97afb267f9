// Project permissions by project role (issue 23, item 5): each way around the table that the
// issue found, tried against the modules that write. A refusal is a 403 and changes nothing.
import { beforeAll, describe, expect, it } from "vitest";
import { withdrawArtifact } from "~/modules/artifacts/artifacts.server";
import { retireMetric } from "~/modules/metrics/metrics.server";
import { addTenet } from "~/modules/projects/plan.server";
import { updateProject } from "~/modules/projects/projects.server";
import { assignRole, removeRole } from "~/modules/projects/roles.server";
import type { Db } from "~/utils/db.server";
import { createArtifact, createMetric, createProject, createUsers, withTestDb, type TestUser } from "../factories";

const t = withTestDb();
let db: Db;
let u: Record<"owner" | "contributor" | "stakeholder" | "decider" | "writer", TestUser>;

beforeAll(async () => {
  db = t.db;
  u = await createUsers(db, { owner: "member", contributor: "member", stakeholder: "member", decider: "member", writer: "member" });
});

async function project() {
  const p = await createProject(db, {
    owner: u.owner,
    roles: [
      { user: u.contributor, role: "contributor" },
      { user: u.stakeholder, role: "stakeholder" },
      { user: u.decider, role: "decider" },
    ],
  });
  return {
    ...p,
    artifact: await createArtifact(db, p, u.writer, { title: "Someone else's email" }),
    metric: await createMetric(db, p),
    ownerRole: await db.projectRole.findFirstOrThrow({ where: { projectId: p.id, role: "owner" } }),
  };
}

/** Everything the attempts could change, to compare before and after. */
async function state(projectId: string) {
  const [p, roles, artifacts, metrics, tenets] = await Promise.all([
    db.project.findUniqueOrThrow({ where: { id: projectId }, select: { title: true, ownerId: true, version: true } }),
    db.projectRole.findMany({ where: { projectId }, orderBy: { id: "asc" }, select: { userId: true, role: true } }),
    db.artifact.findMany({ where: { projectId }, select: { state: true } }),
    db.metric.findMany({ where: { projectId }, select: { retiredAt: true } }),
    db.tenet.count({ where: { projectId } }),
  ]);
  return { p, roles, artifacts, metrics, tenets };
}

const member = (user: TestUser) => ({ id: user.id, role: "member" as const });
const fields = { title: "Renamed by someone who may not", teamId: "", customer: "", problem: "", whyNow: "" };

describe("what a project role may change (issue 23)", () => {
  it("a stakeholder edits no fact, removes no owner, withdraws no one's artifact, retires no metric and adds no tenet", async () => {
    const p = await project();
    const before = await state(p.id);
    const stakeholder = member(u.stakeholder);
    expect(await updateProject(db, stakeholder, p.id, 1, fields as never)).toMatchObject({ ok: false, reason: "forbidden" });
    expect(await removeRole(db, stakeholder, p.id, p.ownerRole.id)).toMatchObject({ ok: false, status: 403 });
    expect(await withdrawArtifact(db, stakeholder, p.artifact.id, "Not needed")).toMatchObject({ ok: false, status: 403 });
    expect(await retireMetric(db, stakeholder, p.id, p.metric.id, "Stopped moving")).toMatchObject({ ok: false, status: 403 });
    expect(await addTenet(db, stakeholder, p.id, { intent: "add_tenet", title: "Fast", body: "Speed first.", kind: "foundational" })).toMatchObject({
      ok: false,
      status: 403,
    });
    expect(await state(p.id)).toEqual(before);
  });

  it("a contributor cannot make themselves owner, nor edit the facts, but does change the plan", async () => {
    const p = await project();
    const before = await state(p.id);
    const contributor = member(u.contributor);
    expect(await assignRole(db, contributor, p.id, { userId: u.contributor.id, role: "owner" })).toMatchObject({ ok: false, status: 403 });
    expect(await updateProject(db, contributor, p.id, 1, fields as never)).toMatchObject({ ok: false, reason: "forbidden" });
    expect(await state(p.id)).toEqual(before);
    expect(await addTenet(db, contributor, p.id, { intent: "add_tenet", title: "Fast", body: "Speed first.", kind: "foundational" })).toMatchObject({
      ok: true,
    });
    expect(await retireMetric(db, contributor, p.id, p.metric.id, "Stopped moving")).toMatchObject({ ok: true });
  });

  it("a decider reads and signs but changes nothing of the work", async () => {
    const p = await project();
    const before = await state(p.id);
    const decider = member(u.decider);
    expect(await addTenet(db, decider, p.id, { intent: "add_tenet", title: "Fast", body: "Speed first.", kind: "foundational" })).toMatchObject({
      ok: false,
      status: 403,
    });
    expect(await withdrawArtifact(db, decider, p.artifact.id, "Not needed")).toMatchObject({ ok: false, status: 403 });
    expect(await assignRole(db, decider, p.id, { userId: u.writer.id, role: "contributor" })).toMatchObject({ ok: false, status: 403 });
    expect(await state(p.id)).toEqual(before);
  });

  it("the owner hands ownership over; the new owner must accept it", async () => {
    const p = await project();
    expect(await assignRole(db, member(u.owner), p.id, { userId: u.writer.id, role: "owner" })).toEqual({ ok: true });
    const role = await db.projectRole.findFirstOrThrow({ where: { projectId: p.id, role: "owner" } });
    expect([role.userId, role.acknowledgedAt]).toEqual([u.writer.id, null]);
    // The former owner no longer holds the owner's rights.
    expect(await updateProject(db, member(u.owner), p.id, 2, fields as never)).toMatchObject({ ok: false, reason: "forbidden" });
  });
});

// Issue 12, item 5: the steady-state owner, the one fact the Done-Done gate reads that only the
// seed could write, is chosen on the project page by the project's people.
import { beforeAll, describe, expect, it } from "vitest";
import { getGateView } from "~/modules/lifecycle/gate.server";
import { setSteadyStateOwner } from "~/modules/projects/steady-owner.server";
import type { Db } from "~/utils/db.server";
import { createProject, createUser, createUsers, withTestDb, type TestUser } from "../factories";

const t = withTestDb();
let db: Db;
let u: Record<"owner" | "operator" | "outsider" | "viewer" | "admin", TestUser>;

beforeAll(async () => {
  db = t.db;
  u = await createUsers(db, { owner: "member", operator: "member", outsider: "member", viewer: "viewer", admin: "admin" });
});

const adopted = () =>
  createProject(db, { stage: "adopt", owner: u.owner, data: { rollout: "Leeds first, then every site", launchedAt: new Date("2026-10-01") } });

async function steadyCriterion(projectId: string) {
  const view = await getGateView(db, projectId);
  return view!.evaluation.criteria.find((c) => c.key === "steady_owner")!;
}

describe("naming the steady-state owner", () => {
  it("meets the Done-Done criterion, is audited and bumps the project's version; clearing it unmeets it", async () => {
    const project = await adopted();
    expect(await steadyCriterion(project.id)).toMatchObject({ met: false });
    expect(await setSteadyStateOwner(db, u.owner, project.id, u.operator.id)).toEqual({ ok: true });
    expect(await steadyCriterion(project.id)).toMatchObject({ met: true });
    const after = await db.project.findUniqueOrThrow({ where: { id: project.id } });
    expect(after).toMatchObject({ steadyStateOwnerId: u.operator.id, version: project.version + 1 });
    const event = await db.auditEvent.findFirstOrThrow({ where: { projectId: project.id, action: "project.steady_owner" } });
    expect(event).toMatchObject({ actorId: u.owner.id, data: { userId: u.operator.id, name: u.operator.name } });

    expect(await setSteadyStateOwner(db, u.admin, project.id, null)).toEqual({ ok: true });
    expect(await steadyCriterion(project.id)).toMatchObject({ met: false });
  });

  it("refuses someone who is not on the project (403) and writes nothing", async () => {
    const project = await adopted();
    expect(await setSteadyStateOwner(db, u.outsider, project.id, u.operator.id)).toMatchObject({ ok: false, status: 403 });
    expect(await db.auditEvent.count({ where: { projectId: project.id } })).toBe(0);
    expect((await db.project.findUniqueOrThrow({ where: { id: project.id } })).steadyStateOwnerId).toBeNull();
  });

  it("refuses a viewer, a deactivated account and an unknown one next to the field, and writes nothing", async () => {
    const project = await adopted();
    const gone = await createUser(db, { name: "Gone Person", deactivated: true });
    for (const userId of [u.viewer.id, gone.id, "no-such-person"]) {
      expect(await setSteadyStateOwner(db, u.owner, project.id, userId)).toMatchObject({ ok: false, status: 400, field: "userId" });
    }
    expect(await db.auditEvent.count({ where: { projectId: project.id } })).toBe(0);
    expect((await db.project.findUniqueOrThrow({ where: { id: project.id } })).version).toBe(project.version);
  });

  it("refuses a project that does not exist (404)", async () => {
    expect(await setSteadyStateOwner(db, u.admin, "no-such-project", u.operator.id)).toMatchObject({ ok: false, status: 404 });
  });
});

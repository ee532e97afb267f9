import { beforeAll, describe, expect, it } from "vitest";
import { EditProjectSchema } from "~/modules/projects/project-form";
import { acknowledgeRole, assignRole, removeRole } from "~/modules/projects/roles.server";
import type { Db } from "~/utils/db.server";
import { newProject } from "../factories/projects";
import { createUser, withTestDb } from "../factories";

const t = withTestDb();
let db: Db;
const u: Record<string, { id: string; role: "admin" | "member" | "viewer" }> = {};

beforeAll(async () => {
  db = t.db;
  for (const [name, role] of [
    ["alice", "member"],
    ["bob", "member"],
    ["carol", "member"],
    ["vic", "viewer"],
    ["ada", "admin"],
    ["alan", "admin"],
  ] as const) {
    u[name] = { id: (await createUser(db, { name, role })).id, role };
  }
});

async function project() {
  const { version: _v, ...fields } = EditProjectSchema.parse({ version: 1, title: "Roles project" });
  return newProject(db, u.alice, fields);
}

describe("project roles", () => {
  it("assigns an owner, who accepts, bumping the version and the stored readiness", async () => {
    const p = await project();
    expect(await assignRole(db, u.alice, p.id, { userId: u.bob.id, role: "owner" })).toEqual({ ok: true });
    let row = await db.project.findUniqueOrThrow({ where: { id: p.id }, include: { roles: true } });
    expect(row.ownerId).toBe(u.bob.id);
    expect(row.version).toBe(2);
    const ownerRole = row.roles.find((r) => r.role === "owner")!;
    expect(ownerRole.acknowledgedAt).toBeNull();
    // Someone else cannot accept for the owner.
    expect(await acknowledgeRole(db, u.alice, p.id, ownerRole.id)).toMatchObject({ ok: false, status: 403 });
    expect(await acknowledgeRole(db, u.bob, p.id, ownerRole.id)).toEqual({ ok: true });
    row = await db.project.findUniqueOrThrow({ where: { id: p.id }, include: { roles: true } });
    expect(row.roles.find((r) => r.role === "owner")?.acknowledgedAt).not.toBeNull();
    expect(row.version).toBe(3);
    const actions = (await db.auditEvent.findMany({ where: { projectId: p.id }, orderBy: { id: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(["project.created", "role.assigned", "role.owner_accepted"]);
  });

  it("a new owner replaces the previous one, who no longer owns it", async () => {
    const p = await project();
    // The proposer names the first owner; from then on the owner hands over.
    expect(await assignRole(db, u.alice, p.id, { userId: u.bob.id, role: "owner" })).toEqual({ ok: true });
    expect(await assignRole(db, u.alice, p.id, { userId: u.carol.id, role: "owner" })).toMatchObject({ ok: false, status: 403 });
    expect(await assignRole(db, u.bob, p.id, { userId: u.carol.id, role: "owner" })).toEqual({ ok: true });
    const owners = await db.projectRole.findMany({ where: { projectId: p.id, role: "owner" } });
    expect(owners.map((o) => o.userId)).toEqual([u.carol.id]);
    expect((await db.project.findUniqueOrThrow({ where: { id: p.id } })).ownerId).toBe(u.carol.id);
  });

  it("refuses a viewer as owner or decider, a duplicate role, and people who may not edit", async () => {
    const p = await project();
    expect(await assignRole(db, u.ada, p.id, { userId: u.vic.id, role: "decider" })).toMatchObject({
      ok: false,
      status: 400,
      field: "userId",
      message: "vic is a viewer and cannot be a decider.",
    });
    expect(await assignRole(db, u.alice, p.id, { userId: u.vic.id, role: "stakeholder" })).toEqual({ ok: true });
    expect(await assignRole(db, u.alice, p.id, { userId: u.vic.id, role: "stakeholder" })).toMatchObject({ ok: false, status: 400 });
    expect(await assignRole(db, u.bob, p.id, { userId: u.bob.id, role: "decider" })).toMatchObject({ ok: false, status: 403 });
    expect(await assignRole(db, u.ada, p.id, { userId: "nobody", role: "decider" })).toMatchObject({ ok: false, status: 400, field: "userId" });
    expect(await db.projectRole.count({ where: { projectId: p.id } })).toBe(1);
  });

  it("removing the owner clears the project's owner", async () => {
    const p = await project();
    await assignRole(db, u.alice, p.id, { userId: u.bob.id, role: "owner" });
    const role = await db.projectRole.findFirstOrThrow({ where: { projectId: p.id, role: "owner" } });
    // Only the owner, a gatekeeper or an administrator takes the owner role away; the proposer no longer can.
    expect(await removeRole(db, u.alice, p.id, role.id)).toMatchObject({ ok: false, status: 403 });
    expect(await removeRole(db, u.bob, p.id, role.id)).toEqual({ ok: true });
    expect((await db.project.findUniqueOrThrow({ where: { id: p.id } })).ownerId).toBeNull();
  });

  describe("who names deciders", () => {
    const roles = async (id: string) =>
      (await db.projectRole.findMany({ where: { projectId: id }, orderBy: { createdAt: "asc" } })).map((r) => [r.role, r.userId]);

    it("refuses the proposer, the owner and any member naming a decider, and keeps each attempt in the trail", async () => {
      const p = await project(); // proposed by alice
      expect(await assignRole(db, u.alice, p.id, { userId: u.bob.id, role: "owner" })).toEqual({ ok: true });
      const before = await roles(p.id);
      // The proposer names a colleague, the owner names themselves, a contributor names a colleague.
      expect(await assignRole(db, u.alice, p.id, { userId: u.carol.id, role: "decider" })).toMatchObject({
        ok: false,
        status: 403,
        message: /Only administrators/,
      });
      expect(await assignRole(db, u.bob, p.id, { userId: u.bob.id, role: "decider" })).toMatchObject({ ok: false, status: 403 });
      expect(await assignRole(db, u.bob, p.id, { userId: u.carol.id, role: "contributor" })).toEqual({ ok: true });
      expect(await assignRole(db, u.carol, p.id, { userId: u.carol.id, role: "decider" })).toMatchObject({ ok: false, status: 403 });
      expect(await roles(p.id)).toEqual([...before, ["contributor", u.carol.id]]);
      const refused = await db.auditEvent.findMany({ where: { projectId: p.id, action: "role.refused" }, orderBy: { id: "asc" } });
      expect(refused.map((e) => e.actorId)).toEqual([u.alice.id, u.bob.id, u.carol.id]);
    });

    it("lets an administrator name a decider, but never themselves, the owner or the proposer (a refused pick, named by field)", async () => {
      const p = await project(); // proposed by alice
      await assignRole(db, u.ada, p.id, { userId: u.bob.id, role: "owner" });
      expect(await assignRole(db, u.ada, p.id, { userId: u.ada.id, role: "decider" })).toMatchObject({
        ok: false,
        status: 400,
        field: "userId",
        message: /themselves/,
      });
      expect(await assignRole(db, u.ada, p.id, { userId: u.bob.id, role: "decider" })).toMatchObject({
        ok: false,
        status: 400,
        field: "userId",
        message: /owner/,
      });
      expect(await assignRole(db, u.ada, p.id, { userId: u.alice.id, role: "decider" })).toMatchObject({
        ok: false,
        status: 400,
        field: "userId",
        message: /proposer/,
      });
      expect(await assignRole(db, u.ada, p.id, { userId: u.alan.id, role: "decider" })).toEqual({ ok: true });
      expect(await assignRole(db, u.ada, p.id, { userId: u.carol.id, role: "decider" })).toEqual({ ok: true });
      // A decider cannot then be made the owner.
      expect(await assignRole(db, u.ada, p.id, { userId: u.carol.id, role: "owner" })).toMatchObject({ ok: false, status: 400, field: "userId" });
      expect((await roles(p.id)).filter(([role]) => role === "decider")).toEqual([
        ["decider", u.alan.id],
        ["decider", u.carol.id],
      ]);
    });

    it("refuses anyone but an administrator removing a decider", async () => {
      const p = await project();
      await assignRole(db, u.ada, p.id, { userId: u.bob.id, role: "owner" });
      await assignRole(db, u.ada, p.id, { userId: u.carol.id, role: "decider" });
      const decider = await db.projectRole.findFirstOrThrow({ where: { projectId: p.id, role: "decider" } });
      for (const actor of [u.alice, u.bob, u.carol]) {
        expect(await removeRole(db, actor, p.id, decider.id)).toMatchObject({ ok: false, status: 403 });
      }
      expect(await db.projectRole.count({ where: { id: decider.id } })).toBe(1);
      expect(await removeRole(db, u.alan, p.id, decider.id)).toEqual({ ok: true });
      expect(await db.projectRole.count({ where: { id: decider.id } })).toBe(0);
    });
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureDefaultPlaybook } from "~/modules/lifecycle/playbook.server";
import { EditProjectSchema } from "~/modules/projects/project-form";
import { createProject } from "~/modules/projects/projects.server";
import { acknowledgeRole, assignRole, removeRole } from "~/modules/projects/roles.server";
import type { Db } from "~/utils/db.server";
import { createTestDb } from "../setup/test-db";

let env: Awaited<ReturnType<typeof createTestDb>>;
let db: Db;
const u: Record<string, { id: string; role: "admin" | "member" | "viewer" }> = {};

beforeAll(async () => {
  env = await createTestDb();
  db = env.db;
  await ensureDefaultPlaybook(db);
  for (const [name, role] of [["alice", "member"], ["bob", "member"], ["carol", "member"], ["vic", "viewer"]] as const) {
    u[name] = { id: (await db.user.create({ data: { email: `${name}@t.test`, name, passwordHash: "x", role } })).id, role };
  }
});

afterAll(async () => {
  await env.cleanup();
});

async function project() {
  const { version: _v, ...fields } = EditProjectSchema.parse({ version: 1, title: "Roles project" });
  return createProject(db, u.alice, fields);
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
    await assignRole(db, u.alice, p.id, { userId: u.bob.id, role: "owner" });
    await assignRole(db, u.alice, p.id, { userId: u.carol.id, role: "owner" });
    const owners = await db.projectRole.findMany({ where: { projectId: p.id, role: "owner" } });
    expect(owners.map((o) => o.userId)).toEqual([u.carol.id]);
    expect((await db.project.findUniqueOrThrow({ where: { id: p.id } })).ownerId).toBe(u.carol.id);
  });

  it("refuses a viewer as owner or decider, a duplicate role, and people who may not edit", async () => {
    const p = await project();
    expect(await assignRole(db, u.alice, p.id, { userId: u.vic.id, role: "decider" })).toMatchObject({ ok: false, status: 400, field: "role" });
    expect(await assignRole(db, u.alice, p.id, { userId: u.vic.id, role: "stakeholder" })).toEqual({ ok: true });
    expect(await assignRole(db, u.alice, p.id, { userId: u.vic.id, role: "stakeholder" })).toMatchObject({ ok: false, status: 400 });
    expect(await assignRole(db, u.bob, p.id, { userId: u.bob.id, role: "decider" })).toMatchObject({ ok: false, status: 403 });
    expect(await assignRole(db, u.alice, p.id, { userId: "nobody", role: "decider" })).toMatchObject({ ok: false, status: 400, field: "userId" });
    expect(await db.projectRole.count({ where: { projectId: p.id } })).toBe(1);
  });

  it("removing the owner clears the project's owner", async () => {
    const p = await project();
    await assignRole(db, u.alice, p.id, { userId: u.bob.id, role: "owner" });
    const role = await db.projectRole.findFirstOrThrow({ where: { projectId: p.id, role: "owner" } });
    expect(await removeRole(db, u.alice, p.id, role.id)).toEqual({ ok: true });
    expect((await db.project.findUniqueOrThrow({ where: { id: p.id } })).ownerId).toBeNull();
  });
});

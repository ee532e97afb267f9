import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyDecision } from "~/modules/lifecycle/gate.server";
import { ensureDefaultPlaybook } from "~/modules/lifecycle/playbook.server";
import { EditProjectSchema } from "~/modules/projects/project-form";
import { canEditProject, createProject, projectAccessByKey, updateProject } from "~/modules/projects/projects.server";
import type { Db } from "~/utils/db.server";
import { createTestDb } from "../setup/test-db";

let env: Awaited<ReturnType<typeof createTestDb>>;
let db: Db;
let alice: { id: string; role: "member" };
let admin: { id: string; role: "admin" };

beforeAll(async () => {
  env = await createTestDb();
  db = env.db;
  await ensureDefaultPlaybook(db);
  alice = { id: (await db.user.create({ data: { email: "alice@t.test", name: "Alice", passwordHash: "x" } })).id, role: "member" };
  admin = { id: (await db.user.create({ data: { email: "root@t.test", name: "Root", passwordHash: "x", role: "admin" } })).id, role: "admin" };
});

afterAll(async () => {
  await env.cleanup();
});

const fields = (over: Record<string, string> = {}) => {
  const { version: _v, ...rest } = EditProjectSchema.parse({ version: 1, title: "Faster refunds", customer: "Merchants", ...over });
  return rest;
};

describe("projects", () => {
  it("creates numbered projects at stage 1 proposed by their creator, audited", async () => {
    const a = await createProject(db, alice, fields());
    const b = await createProject(db, alice, fields({ title: "Second" }));
    expect(Number(b.key.slice(3))).toBe(Number(a.key.slice(3)) + 1);
    const row = await db.project.findUniqueOrThrow({ where: { id: a.id } });
    expect(row).toMatchObject({ stage: "identify", status: "active", proposerId: alice.id, version: 1, customer: "Merchants", problem: null });
    expect(await db.auditEvent.count({ where: { projectId: a.id, action: "project.created" } })).toBe(1);
  });

  it("gives every concurrent creator a distinct key", async () => {
    const made = await Promise.all(Array.from({ length: 6 }, (_, i) => createProject(i % 2 ? env.client() : db, alice, fields({ title: `Race ${i}` }))));
    expect(new Set(made.map((p) => p.key)).size).toBe(6);
  });

  it("saves an edit at the expected version and records what changed", async () => {
    const p = await createProject(db, alice, fields());
    const result = await updateProject(db, alice, p.id, 1, fields({ whyNow: "Peak season" }));
    expect(result).toEqual({ ok: true, version: 2, changed: 1 });
    const event = await db.auditEvent.findFirstOrThrow({ where: { projectId: p.id, action: "project.updated" } });
    expect(event.data).toEqual({ fromVersion: 1, toVersion: 2, changes: [{ field: "whyNow", before: null, after: "Peak season" }] });
  });

  it("refuses a stale edit, writes nothing and lists what changed since", async () => {
    const p = await createProject(db, alice, fields());
    await updateProject(db, admin, p.id, 1, fields({ problem: "Refunds take 9 days" }));
    const stale = await updateProject(db, alice, p.id, 1, fields({ title: "Overwrite attempt" }));
    expect(stale).toMatchObject({ ok: false, reason: "conflict", currentVersion: 2 });
    expect(stale.ok ? [] : "since" in stale ? stale.since : []).toEqual([
      expect.objectContaining({ actor: "Root", action: "project.updated", changes: [{ field: "problem", before: null, after: "Refunds take 9 days" }] }),
    ]);
    const row = await db.project.findUniqueOrThrow({ where: { id: p.id } });
    expect(row).toMatchObject({ title: "Faster refunds", problem: "Refunds take 9 days", version: 2 });
  });

  it("a gate decision also makes an open edit stale, and shows as a change", async () => {
    const p = await createProject(db, alice, fields({ problem: "x", whyNow: "y" }));
    await db.artifact.create({ data: { projectId: p.id, kind: "email", stage: "identify", title: "Mail", body: "b", state: "approved", approvedVersion: 1, approvedChecksPassed: true, authorId: alice.id } });
    const decided = await applyDecision(db, { projectId: p.id, expectedVersion: 1, actor: admin, request: { kind: "go", rationale: "ok" } });
    expect(decided.ok).toBe(true);
    const stale = await updateProject(db, alice, p.id, 1, fields({ title: "Late edit" }));
    expect(stale.ok ? [] : "since" in stale ? stale.since?.map((c) => c.action) : []).toEqual(["gate.go", "project.moved"]);
  });

  it("lets admins, proposers and project people edit; not other members or viewers", () => {
    const project = { proposerId: "p", roleUserIds: ["r"] };
    expect(canEditProject({ id: "x", role: "admin" }, project)).toBe(true);
    expect(canEditProject({ id: "p", role: "member" }, project)).toBe(true);
    expect(canEditProject({ id: "r", role: "member" }, project)).toBe(true);
    expect(canEditProject({ id: "x", role: "member" }, project)).toBe(false);
    expect(canEditProject({ id: "r", role: "viewer" }, project)).toBe(false);
  });
});

describe("projectAccessByKey", () => {
  it("finds a project by its key with its people, and nothing for a malformed key", async () => {
    const p = await createProject(db, alice, fields({ title: "By key" }));
    expect(await projectAccessByKey(db, p.key)).toMatchObject({ id: p.id, key: p.key, title: "By key", proposerId: alice.id, roleUserIds: [] });
    for (const key of [undefined, "", p.key.toLowerCase(), `${p.key} `, "GP-x", "GP-1234567890"]) expect(await projectAccessByKey(db, key)).toBeNull();
  });
});

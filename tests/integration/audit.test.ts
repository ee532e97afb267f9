import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listProjectAudit, writeAuditMany } from "~/modules/audit/audit.server";
import type { Db } from "~/utils/db.server";
import { createTestDb } from "../setup/test-db";

let env: Awaited<ReturnType<typeof createTestDb>>;
let db: Db;

beforeAll(async () => {
  env = await createTestDb();
  db = env.db;
});

afterAll(async () => {
  await env.cleanup();
});

describe("listProjectAudit", () => {
  it("lists one project's events newest first with actor names, filtered by kind and person, a page at a time", async () => {
    const ann = await db.user.create({ data: { email: "ann@a.test", name: "Ann", passwordHash: "x" } });
    const bob = await db.user.create({ data: { email: "bob@a.test", name: "Bob", passwordHash: "x" } });
    const p = await db.project.create({ data: { number: 1, key: "GP-1", title: "Audited" } });
    const other = await db.project.create({ data: { number: 2, key: "GP-2", title: "Other" } });
    await db.$transaction((tx) =>
      writeAuditMany(tx, [
        { actorId: ann.id, projectId: p.id, entity: "project", entityId: p.id, action: "project.created" },
        { actorId: bob.id, projectId: p.id, entity: "gate_review", entityId: "r1", action: "gate.requested" },
        { actorId: null, projectId: p.id, entity: "project", entityId: p.id, action: "project.moved" },
        { actorId: ann.id, projectId: p.id, entity: "gate_review", entityId: "r1", action: "gate.go", data: { note: "ok" } },
        { actorId: ann.id, projectId: other.id, entity: "project", entityId: other.id, action: "project.created" },
      ]),
    );
    const all = await listProjectAudit(db, p.id, {});
    expect(all.events.map((e) => [e.action, e.actor])).toEqual([
      ["gate.go", "Ann"],
      ["project.moved", "System"],
      ["gate.requested", "Bob"],
      ["project.created", "Ann"],
    ]);
    expect(all.events[0]).toMatchObject({ entity: "gate_review", data: { note: "ok" } });
    expect(all.events[0]!.at).toBeInstanceOf(Date);
    expect(all.more).toBeNull();

    expect((await listProjectAudit(db, p.id, { category: "gate" })).events.map((e) => e.action)).toEqual(["gate.go", "gate.requested"]);
    expect((await listProjectAudit(db, p.id, { actorId: ann.id })).events.map((e) => e.action)).toEqual(["gate.go", "project.created"]);

    const first = await listProjectAudit(db, p.id, {}, 3);
    expect(first.events).toHaveLength(3);
    expect(first.more).toBe(first.events[2]!.id);
    const next = await listProjectAudit(db, p.id, { before: first.more! }, 3);
    expect(next.events.map((e) => e.action)).toEqual(["project.created"]);
    expect(next.more).toBeNull();
  });
});

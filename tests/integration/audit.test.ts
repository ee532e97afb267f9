import { beforeAll, describe, expect, it } from "vitest";
import { changesSince, listProjectAudit, writeAuditMany } from "~/modules/audit/audit.server";
import { listUsers } from "~/modules/people/queries.server";
import { setPreference } from "~/modules/people/preferences.server";
import { getPreference } from "~/modules/people/queries.server";
import type { Db } from "~/utils/db.server";
import { withTestDb } from "../factories";

const t = withTestDb();
let db: Db;

beforeAll(async () => {
  db = t.db;
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

describe("changesSince", () => {
  it("gives each fact project edits changed after a moment once, from its first old value to its last new one", async () => {
    const p = await db.project.create({ data: { number: 10, key: "GP-10", title: "Edited" } });
    const at = (day: number) => new Date(Date.UTC(2026, 10, day));
    // Ids after every event so far: the app always gives them (the chain), so PostgreSQL's sequence never moves.
    const { _max } = await db.auditEvent.aggregate({ _max: { id: true } });
    const id = (n: number) => (_max.id ?? 0) + n;
    const edit = (n: number, day: number, changes: { field: string; before: string | null; after: string }[], action = "project.updated") => ({
      id: id(n),
      projectId: p.id,
      entity: "project",
      entityId: p.id,
      action,
      at: at(day),
      data: { changes },
    });
    await db.auditEvent.createMany({
      data: [
        edit(1, 1, [{ field: "problem", before: null, after: "Late lists" }]),
        edit(2, 5, [
          { field: "customer", before: "Pickers", after: "Night-shift pickers" },
          { field: "whyNow", before: "Peak", after: "Peak season" },
        ]),
        edit(3, 6, [{ field: "stage", before: "identify", after: "understand" }], "project.moved"),
        edit(4, 7, [
          { field: "whyNow", before: "Peak season", after: "Peak season; carrier API ready" },
          { field: "customer", before: "Night-shift pickers", after: "Pickers" },
        ]),
      ],
    });
    // The customer went back to where it was: no change to show. A move is not an edit of the facts.
    expect(await changesSince(db, p.id, at(3))).toEqual([{ field: "whyNow", before: "Peak", after: "Peak season; carrier API ready" }]);
    expect(await changesSince(db, p.id, at(7))).toEqual([]);
  });

  it("keeps the changes of two things of one kind apart (two milestones), and leaves out metric values", async () => {
    const p = await db.project.create({ data: { number: 11, key: "GP-11", title: "Planned" } });
    const { _max } = await db.auditEvent.aggregate({ _max: { id: true } });
    const base = { projectId: p.id, entity: "milestone", at: new Date(Date.UTC(2026, 10, 10)) };
    await db.auditEvent.createMany({
      data: [
        {
          ...base,
          id: (_max.id ?? 0) + 1,
          entityId: "m1",
          action: "milestone.added",
          data: { changes: [{ field: "milestone", before: null, after: "Pilot" }] },
        },
        {
          ...base,
          id: (_max.id ?? 0) + 2,
          entityId: "m2",
          action: "milestone.added",
          data: { changes: [{ field: "milestone", before: null, after: "Rollout" }] },
        },
        {
          ...base,
          id: (_max.id ?? 0) + 3,
          entity: "metric",
          entityId: "x",
          action: "metric.values_recorded",
          data: { changes: [{ field: "value.Pick rate 2026-11-02", before: 1, after: 2 }] },
        },
      ],
    });
    expect(await changesSince(db, p.id, new Date(Date.UTC(2026, 10, 1)))).toEqual([
      { field: "milestone", before: null, after: "Pilot" },
      { field: "milestone", before: null, after: "Rollout" },
    ]);
  });
});

describe("people and preferences", () => {
  it("lists active people by name and reads a person's saved preference", async () => {
    const zed = await db.user.create({ data: { email: "zed@a.test", name: "Zed", passwordHash: "x", role: "viewer" } });
    await db.user.create({ data: { email: "gone@a.test", name: "Gone", passwordHash: "x", deactivatedAt: new Date() } });
    const people = await listUsers(db);
    expect(people.map((u) => u.name)).toEqual([...people.map((u) => u.name)].sort());
    expect(people.find((u) => u.id === zed.id)).toEqual({ id: zed.id, name: "Zed", email: "zed@a.test", role: "viewer" });
    expect(people.some((u) => u.name === "Gone")).toBe(false);

    expect(await getPreference(db, zed.id, "table.columns")).toBeNull();
    await setPreference(db, zed.id, "table.columns", ["title", "stage"]);
    expect(await getPreference(db, zed.id, "table.columns")).toEqual(["title", "stage"]);
  });
});

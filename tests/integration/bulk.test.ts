// Changing projects from the table (issue 27, item 4): one row in place or the rows chosen at once,
// in one transaction, each changed project with its own audit event and version, each refused row
// named with its reason, and nothing changed at all when the person may change none of them.
import { beforeAll, describe, expect, it } from "vitest";
import { changeProjects } from "~/modules/projects/bulk.server";
import { bulkMessage } from "~/modules/projects/bulk-form";
import type { Db } from "~/utils/db.server";
import { createProject, createTeam, createUsers, withTestDb, type TestUser } from "../factories";

const t = withTestDb();
let db: Db;
let u: Record<"admin" | "olu" | "pia" | "dee" | "vic", TestUser>;

beforeAll(async () => {
  db = t.db;
  u = await createUsers(db, { admin: "admin", olu: "member", pia: "member", dee: "member", vic: "viewer" });
});

const state = (keys: string[]) =>
  db.project.findMany({ where: { key: { in: keys } }, orderBy: { number: "asc" }, select: { key: true, teamId: true, ownerId: true, version: true } });

describe("changing projects from the table", () => {
  it("moves the chosen projects to a team in one go, one audit event and one version each", async () => {
    const team = await createTeam(db, { name: "Returns" });
    const projects = [];
    for (let i = 0; i < 3; i++) projects.push(await createProject(db, { owner: u.olu }));
    const keys = projects.map((p) => p.key);
    const before = await state(keys);
    const result = await changeProjects(db, u.admin, keys, { field: "team", teamId: team.id });
    expect(result).toMatchObject({ ok: true, changed: keys, unchanged: [], refused: [] });
    const after = await state(keys);
    expect(after.map((p) => p.teamId)).toEqual([team.id, team.id, team.id]);
    expect(after.map((p) => p.version)).toEqual(before.map((p) => p.version + 1));
    const events = await db.auditEvent.findMany({ where: { projectId: { in: projects.map((p) => p.id) }, action: "project.updated" } });
    expect(events).toHaveLength(3);
    expect(events[0]!.data).toMatchObject({ changes: [{ field: "teamId", before: null, after: team.id }] });
    // Again: nothing to change, nothing written.
    expect(await changeProjects(db, u.admin, keys, { field: "team", teamId: team.id })).toMatchObject({ ok: true, changed: [], unchanged: keys });
  });

  it("changes the rows the person may change and names the others; none at all is a 403 that changes nothing", async () => {
    const mine = await createProject(db, { owner: u.olu });
    const theirs = await createProject(db, { owner: u.pia });
    const result = await changeProjects(db, u.olu, [mine.key, theirs.key, "GP-999999"], { field: "team", teamId: null });
    expect(result).toMatchObject({ ok: true, changed: [], unchanged: [mine.key] });
    if (!result.ok) throw new Error("refused");
    expect(result.refused).toEqual([
      { key: theirs.key, reason: "Only the project's owner and administrators change its team." },
      { key: "GP-999999", reason: "There is no such project." },
    ]);
    const team = await createTeam(db, { name: "Inbound" });
    const events = await db.auditEvent.count();
    expect(await changeProjects(db, u.olu, [theirs.key], { field: "team", teamId: team.id })).toMatchObject({ ok: false, status: 403 });
    expect(await changeProjects(db, u.vic, [mine.key], { field: "team", teamId: team.id })).toMatchObject({ ok: false, status: 403 });
    expect(await db.auditEvent.count()).toBe(events);
    expect((await state([theirs.key]))[0]!.teamId).toBeNull();
  });

  it("hands ownership over, refusing the rows where the new owner is a decider, with the People tab's words", async () => {
    const a = await createProject(db, { owner: u.olu });
    const b = await createProject(db, { owner: u.olu, roles: [{ user: u.dee, role: "decider" }] });
    const result = await changeProjects(db, u.admin, [a.key, b.key], { field: "owner", ownerId: u.dee.id });
    expect(result).toMatchObject({ ok: true, changed: [a.key] });
    if (!result.ok) throw new Error("refused");
    expect(result.refused[0]).toMatchObject({ key: b.key, reason: expect.stringMatching(/is a decider on this project/) });
    expect((await state([a.key, b.key])).map((p) => p.ownerId)).toEqual([u.dee.id, u.olu.id]);
    expect(await db.auditEvent.count({ where: { projectId: a.id, action: "role.assigned" } })).toBeGreaterThan(0);
    expect(bulkMessage("owner", result)).toMatch(new RegExp(`^Owner changed on ${a.key}\\. Not changed: ${b.key} \\(`));
  });

  it("refuses a team that does not exist, a viewer as owner and no rows, by field, writing nothing", async () => {
    const p = await createProject(db, { owner: u.olu });
    const events = await db.auditEvent.count();
    expect(await changeProjects(db, u.admin, [p.key], { field: "team", teamId: "no-such-team" })).toMatchObject({ ok: false, status: 400, field: "teamId" });
    expect(await changeProjects(db, u.admin, [], { field: "team", teamId: null })).toMatchObject({ ok: false, status: 400, field: "keys" });
    const viewer = await changeProjects(db, u.admin, [p.key], { field: "owner", ownerId: u.vic.id });
    expect(viewer).toMatchObject({ ok: true, changed: [] });
    if (viewer.ok) expect(viewer.refused[0]!.reason).toMatch(/viewer and cannot be the owner/);
    expect(await db.auditEvent.count()).toBe(events);
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import { applyDecision } from "~/modules/lifecycle/gate.server";
import { EditProjectSchema } from "~/modules/projects/project-form";
import { createProject, projectAccessByKey, updateProject } from "~/modules/projects/projects.server";
import { getProjectByKey, getProjectFrame } from "~/modules/projects/queries.server";
import type { Db } from "~/utils/db.server";
import { newProject } from "../factories/projects";
import { createUser, withTestDb } from "../factories";

const t = withTestDb();
let db: Db;
let alice: { id: string; role: "member" };
let admin: { id: string; role: "admin" };

beforeAll(async () => {
  db = t.db;
  alice = { id: (await createUser(db, { name: "Alice" })).id, role: "member" };
  admin = { id: (await createUser(db, { name: "Root", role: "admin" })).id, role: "admin" };
});

const fields = (over: Record<string, string> = {}) => {
  const { version: _v, ...rest } = EditProjectSchema.parse({ version: 1, title: "Faster refunds", customer: "Merchants", ...over });
  return rest;
};

describe("projects", () => {
  it("creates numbered projects at stage 1 proposed by their creator, audited", async () => {
    const a = await newProject(db, alice, fields());
    const b = await newProject(db, alice, fields({ title: "Second" }));
    expect(Number(b.key.slice(3))).toBe(Number(a.key.slice(3)) + 1);
    const row = await db.project.findUniqueOrThrow({ where: { id: a.id } });
    expect(row).toMatchObject({ stage: "identify", status: "active", proposerId: alice.id, version: 1, customer: "Merchants", problem: null });
    expect(await db.auditEvent.count({ where: { projectId: a.id, action: "project.created" } })).toBe(1);
  });

  it("refuses a team that does not exist, naming the field, and writes nothing", async () => {
    const events = await db.auditEvent.count();
    const projects = await db.project.count();
    expect(await createProject(db, alice, { ...fields(), teamId: "no-such-team" })).toEqual({
      ok: false,
      status: 400,
      field: "teamId",
      message: expect.stringMatching(/team/),
    });
    const p = await newProject(db, alice, fields());
    const after = await db.auditEvent.count();
    expect(await updateProject(db, alice, p.id, 1, { ...fields(), teamId: "\u0000" })).toMatchObject({ ok: false, reason: "invalid", field: "teamId" });
    expect(await db.project.count()).toBe(projects + 1);
    expect(await db.auditEvent.count()).toBe(after);
    expect(after).toBe(events + 1);
    expect((await db.project.findUniqueOrThrow({ where: { id: p.id } })).version).toBe(1);
  });

  it("gives every concurrent creator a distinct key", async () => {
    const made = await Promise.all(Array.from({ length: 6 }, (_, i) => newProject(i % 2 ? t.env.client() : db, alice, fields({ title: `Race ${i}` }))));
    expect(new Set(made.map((p) => p.key)).size).toBe(6);
  });

  it("saves an edit at the expected version and records what changed", async () => {
    const p = await newProject(db, alice, fields());
    const result = await updateProject(db, alice, p.id, 1, fields({ whyNow: "Peak season" }));
    expect(result).toEqual({ ok: true, version: 2, changed: 1 });
    const event = await db.auditEvent.findFirstOrThrow({ where: { projectId: p.id, action: "project.updated" } });
    expect(event.data).toEqual({ fromVersion: 1, toVersion: 2, changes: [{ field: "whyNow", before: null, after: "Peak season" }] });
  });

  it("refuses a stale edit, writes nothing and lists what changed since", async () => {
    const p = await newProject(db, alice, fields());
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
    const p = await newProject(db, alice, fields({ problem: "x", whyNow: "y" }));
    await db.artifact.create({
      data: {
        projectId: p.id,
        kind: "email",
        stage: "identify",
        title: "Mail",
        body: "b",
        state: "approved",
        approvedVersion: 1,
        approvedChecksPassed: true,
        authorId: alice.id,
      },
    });
    const decided = await applyDecision(db, { projectId: p.id, expectedVersion: 1, actor: admin, request: { kind: "go", rationale: "ok" } });
    expect(decided.ok).toBe(true);
    const stale = await updateProject(db, alice, p.id, 1, fields({ title: "Late edit" }));
    expect(stale.ok ? [] : "since" in stale ? stale.since?.map((c) => c.action) : []).toEqual(["gate.go", "project.moved"]);
  });
});

describe("projectAccessByKey", () => {
  it("finds a project by its key with its people, and nothing for a malformed key", async () => {
    const p = await newProject(db, alice, fields({ title: "By key" }));
    expect(await projectAccessByKey(db, p.key)).toMatchObject({ id: p.id, key: p.key, title: "By key", proposerId: alice.id, ownerId: null, roles: [] });
    for (const key of [undefined, "", p.key.toLowerCase(), `${p.key} `, "GP-x", "GP-1234567890"]) expect(await projectAccessByKey(db, key)).toBeNull();
  });
});

describe("getProjectByKey", () => {
  it("returns the project page's project with its joined people, team, fork links, roles, artifacts and reviews", async () => {
    const team = await db.team.create({ data: { name: "Refunds", slug: "refunds-page" } });
    const parent = await newProject(db, alice, fields({ title: "Parent project" }));
    const p = await newProject(db, alice, fields({ title: "Child project" }));
    const fork = await newProject(db, alice, fields({ title: "Fork of the child" }));
    await db.project.update({
      where: { id: p.id },
      data: { parentId: parent.id, teamId: team.id, ownerId: admin.id, steadyStateOwnerId: alice.id, launchedAt: new Date(Date.UTC(2026, 3, 1)) },
    });
    await db.project.update({ where: { id: fork.id }, data: { parentId: p.id } });
    await db.projectRole.create({ data: { projectId: p.id, userId: alice.id, role: "decider" } });
    const kept = await db.artifact.create({
      data: {
        projectId: p.id,
        kind: "prfaq",
        stage: "identify",
        title: "PR/FAQ",
        authorId: alice.id,
        body: "x",
        approvedVersion: 1,
        approvedChecksPassed: true,
      },
    });
    await db.artifact.create({ data: { projectId: p.id, kind: "coe", stage: "identify", title: "Gone", authorId: alice.id, body: "x", state: "withdrawn" } });
    await db.gateReview.create({ data: { projectId: p.id, stage: "identify", requestedById: alice.id, requestedAt: new Date(Date.UTC(2026, 0, 1)) } });
    await db.gateReview.create({
      data: {
        projectId: p.id,
        stage: "identify",
        requestedById: alice.id,
        requestedAt: new Date(Date.UTC(2026, 0, 2)),
        decidedById: admin.id,
        decidedAt: new Date(Date.UTC(2026, 0, 3)),
        decision: "go",
        checklist: { mustMet: 1 },
        artifactVersions: [{ id: kept.id, version: 1 }],
      },
    });

    const page = (await getProjectByKey(db, p.key))!;
    expect(page).toMatchObject({
      id: p.id,
      title: "Child project",
      customer: "Merchants",
      stage: "identify",
      status: "active",
      version: 1,
      launchedAt: new Date(Date.UTC(2026, 3, 1)),
      owner: { id: admin.id, name: "Root" },
      proposer: { id: alice.id, name: "Alice" },
      steadyStateOwner: { name: "Alice" },
      team: { name: "Refunds", slug: "refunds-page" },
      parent: { key: parent.key, title: "Parent project" },
      forks: [{ key: fork.key, title: "Fork of the child", stage: "identify" }],
      roles: [{ role: "decider", acknowledgedAt: null, user: { id: alice.id, name: "Alice" } }],
    });
    expect(page.stageEnteredAt).toBeInstanceOf(Date);
    expect(page.artifacts).toEqual([
      {
        id: kept.id,
        kind: "prfaq",
        stage: "identify",
        title: "PR/FAQ",
        state: "draft",
        version: 1,
        approvedVersion: 1,
        checksPassed: true,
        approvedChecksPassed: true,
      },
    ]);
    // Newest request first; names of who asked and who decided.
    expect(page.gateReviews.map((r) => [r.decision, r.requestedBy?.name, r.decidedBy?.name ?? null])).toEqual([
      ["go", "Alice", "Root"],
      [null, "Alice", null],
    ]);
    expect(page.gateReviews[0]).toMatchObject({
      checklist: { mustMet: 1 },
      artifactVersions: [{ id: kept.id, version: 1 }],
      decidedAt: new Date(Date.UTC(2026, 0, 3)),
    });

    const bare = (await getProjectByKey(db, parent.key))!;
    expect(bare).toMatchObject({
      owner: null,
      team: null,
      parent: null,
      steadyStateOwner: null,
      forks: [{ key: p.key }],
      roles: [],
      artifacts: [],
      gateReviews: [],
    });
    expect(await getProjectByKey(db, "GP-999999")).toBeNull();
  });

  it("gives the page's frame the project's names and its decided reviews, newest first, as the full read has them", async () => {
    const team = await db.team.create({ data: { name: "Frames", slug: "frames-page" } });
    const parent = await newProject(db, alice, fields({ title: "Frame parent" }));
    const p = await newProject(db, alice, fields({ title: "Framed" }));
    await db.project.update({ where: { id: p.id }, data: { parentId: parent.id, teamId: team.id, ownerId: admin.id } });
    const review = (day: number, decided: { decision: "go" | "recycle"; recycleTo?: "identify"; by: string | null } | null) =>
      db.gateReview.create({
        data: {
          projectId: p.id,
          stage: day < 5 ? "identify" : "understand",
          requestedById: alice.id,
          requestedAt: new Date(Date.UTC(2026, 1, day)),
          ...(decided
            ? { decision: decided.decision, recycleTo: decided.recycleTo ?? null, decidedById: decided.by, decidedAt: new Date(Date.UTC(2026, 1, day + 1)) }
            : {}),
        },
      });
    await review(1, { decision: "go", by: admin.id });
    await review(6, { decision: "recycle", recycleTo: "identify", by: null });
    await review(9, null);

    const frame = (await getProjectFrame(db, p.key))!;
    const page = (await getProjectByKey(db, p.key))!;
    expect(frame).toMatchObject({
      id: p.id,
      key: p.key,
      title: "Framed",
      stage: page.stage,
      status: "active",
      stageEnteredAt: page.stageEnteredAt,
      createdAt: page.createdAt,
      owner: { id: admin.id, name: "Root" },
      team: { name: "Frames", slug: "frames-page" },
      parent: { key: parent.key, title: "Frame parent" },
    });
    // The undecided request is left out; a decider who is gone reads as nobody.
    expect(frame.decided).toEqual([
      { stage: "understand", decision: "recycle", recycleTo: "identify", decidedAt: new Date(Date.UTC(2026, 1, 7)), decidedBy: null },
      { stage: "identify", decision: "go", recycleTo: null, decidedAt: new Date(Date.UTC(2026, 1, 2)), decidedBy: { name: "Root" } },
    ]);
    expect(frame.decided).toEqual(
      page.gateReviews
        .filter((r) => r.decision && r.decidedAt)
        .map((r) => ({ stage: r.stage, decision: r.decision, recycleTo: r.recycleTo, decidedAt: r.decidedAt, decidedBy: r.decidedBy })),
    );
    expect(await getProjectFrame(db, parent.key)).toMatchObject({ owner: null, team: null, parent: null, decided: [] });
    expect(await getProjectFrame(db, "GP-999999")).toBeNull();
  });
});

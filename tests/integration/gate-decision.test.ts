import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { applyDecision, closeCondition, refreshGateStatus, requestReview } from "~/modules/lifecycle/gate.server";
import type { Db } from "~/utils/db.server";
import { createProject, createUsers, withTestDb } from "../factories";
import { onPostgres } from "../setup/test-db";

const t = withTestDb();
let db: Db;
const users = { owner: "", decider: "", other: "", outsider: "", admin: "", viewer: "" };

beforeAll(async () => {
  db = t.db;
  const made = await createUsers(db, { owner: "member", decider: "member", other: "member", outsider: "member", admin: "admin", viewer: "viewer" });
  for (const name of Object.keys(users) as (keyof typeof users)[]) users[name] = made[name].id;
});

/** A Problem-identified project; `ready` gives it every fact its gate needs. */
function makeProject(ready: boolean) {
  return createProject(db, {
    proposer: { id: users.other },
    owner: { id: users.owner },
    roles: [{ user: { id: users.decider }, role: "decider" }],
    data: {
      customer: "Shift leads",
      problem: "Late lists",
      whyNow: ready ? "Peak season" : null,
      artifacts: {
        create: [
          {
            kind: "email",
            stage: "identify",
            title: "Kick-off email",
            body: "Hello",
            state: "approved",
            approvedVersion: 1,
            approvedChecksPassed: true,
            authorId: users.other,
          },
        ],
      },
    },
  });
}

const go = { kind: "go" as const, rationale: "All facts are in" };

describe("applyDecision", () => {
  let project: Awaited<ReturnType<typeof makeProject>>;
  beforeEach(async () => {
    project = await makeProject(true);
  });

  it("moves the project, bumps its version, snapshots the checklist and audits", async () => {
    const result = await applyDecision(db, { projectId: project.id, expectedVersion: 1, actor: { id: users.decider, role: "member" }, request: go });
    expect(result).toMatchObject({ ok: true, stage: "understand", status: "active", version: 2 });
    const after = await db.project.findUniqueOrThrow({ where: { id: project.id } });
    expect(after.stage).toBe("understand");
    expect(after.version).toBe(2);
    expect(after.stageEnteredAt.getTime()).toBeGreaterThan(project.stageEnteredAt.getTime() - 1);
    const review = await db.gateReview.findFirstOrThrow({ where: { projectId: project.id } });
    expect(review).toMatchObject({ stage: "identify", decision: "go", decidedById: users.decider, rationale: "All facts are in", playbookVersion: 1 });
    const snapshot = review.checklist as { mustMet: number; mustTotal: number; criteria: { key: string; met: boolean }[] };
    expect(snapshot.mustMet).toBe(snapshot.mustTotal);
    expect(snapshot.criteria.map((c) => c.key)).toContain("why_now");
    expect(review.artifactVersions).toEqual([expect.objectContaining({ kind: "email", version: 1 })]);
    const actions = (await db.auditEvent.findMany({ where: { projectId: project.id }, orderBy: { id: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(["gate.go", "project.moved"]);
    // The stored readiness is now the new gate's: none of Understand's four must-meet criteria yet.
    expect(after).toMatchObject({ stageRank: 1, gateMustMet: 0, gateMustTotal: 4, gateReadiness: 0, gateDebt: 0 });
    expect(after.gateCheckedAt).not.toBeNull();
  });

  it("shows gate debt when evidence of a passed gate is withdrawn, until it is repaired", async () => {
    const result = await applyDecision(db, { projectId: project.id, expectedVersion: 1, actor: { id: users.decider, role: "member" }, request: go });
    expect(result.ok).toBe(true);
    await db.artifact.updateMany({ where: { projectId: project.id }, data: { state: "withdrawn" } });
    await refreshGateStatus(db, [project.id]);
    expect((await db.project.findUniqueOrThrow({ where: { id: project.id } })).gateDebt).toBe(1);
    await db.artifact.updateMany({ where: { projectId: project.id }, data: { state: "approved" } });
    await refreshGateStatus(db, [project.id]);
    expect((await db.project.findUniqueOrThrow({ where: { id: project.id } })).gateDebt).toBe(0);
  });

  it("refuses Go on an unmet checklist and writes nothing", async () => {
    const unready = await makeProject(false);
    const result = await applyDecision(db, { projectId: unready.id, expectedVersion: 1, actor: { id: users.decider, role: "member" }, request: go });
    expect(result).toMatchObject({ ok: false, status: 400, problems: [{ code: "must_meet_unmet" }] });
    expect((await db.project.findUniqueOrThrow({ where: { id: unready.id } })).version).toBe(1);
    expect(await db.gateReview.count({ where: { projectId: unready.id } })).toBe(0);
    expect(await db.auditEvent.count({ where: { projectId: unready.id } })).toBe(0);
  });

  it("refuses a member who is not a decider, as a matter of authority, and keeps the attempt in the trail", async () => {
    const result = await applyDecision(db, { projectId: project.id, expectedVersion: 1, actor: { id: users.outsider, role: "member" }, request: go });
    expect(result).toMatchObject({ ok: false, status: 403, problems: [{ code: "not_a_decider" }] });
    expect(await db.gateReview.count({ where: { projectId: project.id } })).toBe(0);
    expect((await db.project.findUniqueOrThrow({ where: { id: project.id } })).version).toBe(1);
    const events = await db.auditEvent.findMany({ where: { projectId: project.id } });
    expect(events.map((e) => [e.action, e.actorId, (e.data as { codes: string[] }).codes])).toEqual([["gate.refused", users.outsider, ["not_a_decider"]]]);
  });

  it("refuses the owner and the proposer even when they hold the decider role, administrators included", async () => {
    // Written straight to the table, as an old database might hold it: the decision still refuses them.
    await db.projectRole.createMany({
      data: [
        { projectId: project.id, userId: users.owner, role: "decider" },
        { projectId: project.id, userId: users.other, role: "decider" },
      ],
    });
    for (const actor of [
      { id: users.owner, role: "member" as const },
      { id: users.other, role: "admin" as const },
    ]) {
      const result = await applyDecision(db, { projectId: project.id, expectedVersion: 1, actor, request: go });
      expect(result).toMatchObject({ ok: false, status: 403, problems: [{ code: "decides_own_project" }] });
    }
    expect(await db.gateReview.count({ where: { projectId: project.id } })).toBe(0);
    expect(await db.auditEvent.count({ where: { projectId: project.id, action: "gate.refused" } })).toBe(2);
  });

  it("records an administrator's override with its reason", async () => {
    const unready = await makeProject(false);
    const result = await applyDecision(db, {
      projectId: unready.id,
      expectedVersion: 1,
      actor: { id: users.admin, role: "admin" },
      request: { ...go, overrideReason: "Urgency agreed with the VP" },
    });
    expect(result.ok).toBe(true);
    const review = await db.gateReview.findFirstOrThrow({ where: { projectId: unready.id } });
    expect(review.overrideReason).toBe("Urgency agreed with the VP");
  });

  it("a review request is refused to someone not on the project, to viewers, and to the proposer once there is an owner", async () => {
    for (const actor of [
      { id: users.outsider, role: "member" as const },
      { id: users.viewer, role: "viewer" as const },
      { id: users.decider, role: "member" as const },
      { id: users.other, role: "member" as const },
    ]) {
      const result = await requestReview(db, { projectId: project.id, actor });
      expect(result).toMatchObject({ ok: false, status: 403 });
    }
    expect(await db.gateReview.count({ where: { projectId: project.id } })).toBe(0);
    // The owner asks (PRODUCT.md: the owner, or the proposer before there is one, and contributors).
    expect(await requestReview(db, { projectId: project.id, actor: { id: users.owner, role: "member" } })).toMatchObject({ ok: true, created: true });
  });

  it("reads one snapshot: a change committed between its version check and its reads of the facts makes it a 409 that writes nothing (issue 23)", async () => {
    const other = t.env.client();
    let raced = false;
    const result = await applyDecision(db, {
      projectId: project.id,
      expectedVersion: 1,
      actor: { id: users.decider, role: "member" },
      request: go,
      // Held between the two reads: through another connection, the owner clears "Why now?" (a
      // must-meet fact) and the version moves. Read at its own moment, the facts would say the gate
      // is not met (a 400 on facts the decider never saw); read in one snapshot, the decision
      // meets the newer version and is a conflict.
      afterVersionRead: async () => {
        if (raced) return;
        raced = true;
        await other.project.update({ where: { id: project.id }, data: { whyNow: null, version: { increment: 1 } } });
      },
    });
    expect(raced).toBe(true);
    expect(result).toMatchObject({ ok: false, status: 409, message: expect.stringMatching(/changed after you opened it/) });
    expect(await db.gateReview.count({ where: { projectId: project.id } })).toBe(0);
    expect(await db.gateSignature.count({ where: { review: { projectId: project.id } } })).toBe(0);
    expect(await db.auditEvent.count({ where: { projectId: project.id } })).toBe(0);
    expect(await db.project.findUniqueOrThrow({ where: { id: project.id } })).toMatchObject({ stage: "identify", whyNow: null, version: 2 });
  });

  it("a stale version is a conflict and writes nothing", async () => {
    const result = await applyDecision(db, { projectId: project.id, expectedVersion: 7, actor: { id: users.decider, role: "member" }, request: go });
    expect(result).toMatchObject({ ok: false, status: 409 });
    expect(await db.gateReview.count({ where: { projectId: project.id } })).toBe(0);
  });

  it("completes a pending review request instead of adding a second review", async () => {
    await db.projectRole.create({ data: { projectId: project.id, userId: users.other, role: "contributor" } });
    const requested = await requestReview(db, { projectId: project.id, actor: { id: users.other, role: "member" } });
    expect(requested).toMatchObject({ ok: true, created: true });
    const again = await requestReview(db, { projectId: project.id, actor: { id: users.owner, role: "member" } });
    expect(again).toMatchObject({ ok: true, created: false, reviewId: requested.ok ? requested.reviewId : "" });
    const result = await applyDecision(db, { projectId: project.id, expectedVersion: 1, actor: { id: users.decider, role: "member" }, request: go });
    expect(result.ok && result.reviewId).toBe(requested.ok && requested.reviewId);
    const reviews = await db.gateReview.findMany({ where: { projectId: project.id } });
    expect(reviews).toHaveLength(1);
    expect(reviews[0]).toMatchObject({ requestedById: users.other, decidedById: users.decider, decision: "go" });
  });

  it("of concurrent decisions on one gate, exactly one applies", async () => {
    // Separate clients are separate SQLite connections, as separate app servers would be.
    const clients = [db, t.env.client(), t.env.client(), t.env.client()];
    const kinds = [
      go,
      { kind: "stop" as const, rationale: "No longer needed" },
      { kind: "hold" as const, rationale: "Wait", revisitDate: new Date(Date.now() + 7 * 864e5) },
    ];
    const attempts = Array.from({ length: 12 }, (_, i) =>
      applyDecision(clients[i % clients.length], {
        projectId: project.id,
        expectedVersion: 1,
        actor: { id: i % 2 ? users.admin : users.decider, role: i % 2 ? "admin" : "member" },
        request: kinds[i % kinds.length],
      }),
    );
    const results = await Promise.all(attempts);
    const applied = results.filter((r) => r.ok);
    expect(applied).toHaveLength(1);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.status === 409)).toBe(true);
    expect(await db.gateReview.count({ where: { projectId: project.id } })).toBe(1);
    const after = await db.project.findUniqueOrThrow({ where: { id: project.id } });
    expect(after.version).toBe(2);
    expect(await db.auditEvent.count({ where: { projectId: project.id, entity: "gate_review" } })).toBe(1);
  });
});

describe("the database", () => {
  it("refuses to edit or delete audit events", async () => {
    const { _max } = await db.auditEvent.aggregate({ _max: { id: true } });
    const event = await db.auditEvent.create({ data: { id: (_max.id ?? 0) + 1, entity: "test", entityId: "1", action: "test.created" } });
    // SQLite's RAISE(ABORT) reaches Prisma as a constraint violation; PostgreSQL's trigger says why.
    await expect(db.auditEvent.update({ where: { id: event.id }, data: { action: "forged" } })).rejects.toThrow(/constraint|append-only/i);
    await expect(db.auditEvent.delete({ where: { id: event.id } })).rejects.toThrow(/constraint|append-only/i);
    expect((await db.auditEvent.findUniqueOrThrow({ where: { id: event.id } })).action).toBe("test.created");
  });

  it.skipIf(onPostgres)("runs SQLite in WAL mode with foreign keys enforced", async () => {
    const [mode] = await db.$queryRawUnsafe<{ journal_mode: string }[]>("PRAGMA journal_mode");
    expect(mode.journal_mode).toBe("wal");
    const [fk] = await db.$queryRawUnsafe<{ foreign_keys: number | bigint }[]>("PRAGMA foreign_keys");
    expect(Number(fk.foreign_keys)).toBe(1);
    await expect(db.session.create({ data: { userId: "nobody", expiresAt: new Date() } })).rejects.toThrow();
  });
});

describe("closeCondition", () => {
  it("a decider closes the open condition of a Conditional Go once; others cannot", async () => {
    const project = await makeProject(true);
    const due = new Date(Date.now() + 3 * 864e5);
    const result = await applyDecision(db, {
      projectId: project.id,
      expectedVersion: 1,
      actor: { id: users.decider, role: "member" },
      request: { kind: "conditional_go", rationale: "Go, with a load test", condition: "Load test passes", conditionDueDate: due },
    });
    expect(result.ok).toBe(true);
    expect((await db.project.findUniqueOrThrow({ where: { id: project.id } })).conditionDueAt?.getTime()).toBe(due.getTime());
    expect(await closeCondition(db, { projectId: project.id, actor: { id: users.other, role: "member" } })).toMatchObject({ ok: false, status: 403 });
    expect(await closeCondition(db, { projectId: project.id, actor: { id: users.owner, role: "member" } })).toMatchObject({ ok: false, status: 403 });
    // Each refused attempt is kept in the trail; nothing else changed.
    const refused = await db.auditEvent.findMany({ where: { projectId: project.id, action: "gate.refused" }, orderBy: { id: "asc" } });
    expect(refused.map((e) => [e.actorId, (e.data as { codes: string[] }).codes[0]])).toEqual([
      [users.other, "decides_own_project"],
      [users.owner, "decides_own_project"],
    ]);
    expect((await db.project.findUniqueOrThrow({ where: { id: project.id } })).version).toBe(2);
    expect(await closeCondition(db, { projectId: project.id, actor: { id: users.decider, role: "member" } })).toEqual({ ok: true });
    const after = await db.project.findUniqueOrThrow({ where: { id: project.id } });
    expect(after.conditionDueAt).toBeNull();
    expect(after.version).toBe(3);
    expect((await db.gateReview.findFirstOrThrow({ where: { projectId: project.id } })).conditionMetAt).not.toBeNull();
    expect(await closeCondition(db, { projectId: project.id, actor: { id: users.decider, role: "member" } })).toMatchObject({ ok: false, status: 400 });
  });
});

// Tamper-evident records on a real database (issue 10): decided gate reviews are final in the
// database, and the audit chain reports the first event where someone with SQL access changed,
// deleted or inserted a row, triggers dropped or not.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { writeAudit } from "~/modules/audit/audit.server";
import { verifyAuditTrail } from "~/modules/audit/verify.server";
import { applyDecision, closeCondition } from "~/modules/lifecycle/gate.server";
import { ensureDefaultPlaybook } from "~/modules/lifecycle/playbook.server";
import type { Db } from "~/utils/db.server";
import { openRawSql, type RawSql } from "../setup/raw-sql";
import { createTestDb } from "../setup/test-db";

let env: Awaited<ReturnType<typeof createTestDb>>;
let db: Db;
let sql: RawSql;
let reviewId: string;
let projectId: string;

/** A project decided once (Conditional Go) plus a few other events: a small, healthy trail. */
beforeEach(async () => {
  env = await createTestDb();
  db = env.db;
  await ensureDefaultPlaybook(db);
  const [owner, decider] = await Promise.all(["owner", "decider"].map((n) => db.user.create({ data: { email: `${n}@t.test`, name: n, passwordHash: "x" } })));
  const project = await db.project.create({
    data: {
      number: 1,
      key: "GP-1",
      title: "Sealed",
      customer: "Shift leads",
      problem: "Late lists",
      whyNow: "Peak season",
      proposerId: owner!.id,
      ownerId: owner!.id,
      roles: {
        create: [
          { userId: owner!.id, role: "owner", acknowledgedAt: new Date() },
          { userId: decider!.id, role: "decider" },
        ],
      },
      artifacts: {
        create: [
          {
            kind: "email",
            stage: "identify",
            title: "Kick-off",
            body: "Hi",
            state: "approved",
            approvedVersion: 1,
            approvedChecksPassed: true,
            authorId: owner!.id,
          },
        ],
      },
    },
  });
  projectId = project.id;
  await db.$transaction((tx) =>
    writeAudit(tx, { actorId: owner!.id, projectId, entity: "project", entityId: projectId, action: "project.created", data: { title: "Sealed" } }),
  );
  const decided = await applyDecision(db, {
    projectId,
    expectedVersion: 1,
    actor: { id: decider!.id, role: "member" },
    request: {
      kind: "conditional_go",
      rationale: "Go if the pilot holds",
      condition: "Pilot holds for a week",
      conditionDueDate: new Date("2099-01-01T00:00:00Z"),
    },
  });
  if (!decided.ok) throw new Error(JSON.stringify(decided));
  reviewId = decided.reviewId;
  await db.$transaction((tx) =>
    writeAudit(tx, { actorId: decider!.id, projectId, entity: "project", entityId: projectId, action: "project.updated", data: { changes: [] } }),
  );
  sql = await openRawSql(env.url);
});

afterEach(async () => {
  await sql.close();
  await env.cleanup();
});

const eventIds = async () => (await sql.all<{ id: number }>(`SELECT "id" FROM "AuditEvent" ORDER BY "id"`)).map((r) => r.id);
const dropTriggers = async () => {
  await sql.dropTriggers("AuditEvent", ["AuditEvent_no_update", "AuditEvent_no_delete"]);
  await sql.dropTriggers("GateReview", ["GateReview_decided_is_final", "GateReview_no_delete"]);
};
// A forger gives the row the next id themselves (PostgreSQL's sequence is never used: the chain numbers events).
const NEXT_ID = `(SELECT MAX("id") + 1 FROM "AuditEvent")`;

describe("the audit chain on a real database", () => {
  it("verifies a trail written by the application, decision seals included", async () => {
    const result = await verifyAuditTrail(db);
    const ids = await eventIds();
    expect(result.events).toMatchObject({ checked: ids.length, unchained: 0, firstBreak: null, head: { id: ids.at(-1) } });
    expect(result.reviews).toEqual({ checked: 1, unsealed: 0, firstBreak: null });
  });

  it("refuses to fork the chain: a second event on the same head is refused", async () => {
    const [head] = await sql.all<{ prevHash: string }>(`SELECT "prevHash" FROM "AuditEvent" ORDER BY "id" DESC LIMIT 1`);
    await expect(
      sql.run(
        `INSERT INTO "AuditEvent" ("id", "at", "entity", "entityId", "action", "prevHash", "hash") VALUES (${NEXT_ID}, ?, 'x', 'x', 'x', ?, 'f')`,
        new Date().toISOString(),
        head!.prevHash,
      ),
    ).rejects.toThrow(/UNIQUE|unique constraint/);
  });

  it("finds an event changed with its triggers dropped", async () => {
    await dropTriggers();
    const target = (await eventIds())[1]!;
    await sql.run(`UPDATE "AuditEvent" SET "actorId" = NULL WHERE "id" = ?`, target);
    expect((await verifyAuditTrail(db)).events.firstBreak).toEqual({ id: target, reason: expect.stringMatching(/changed after it was written/) });
  });

  it("finds a deleted event at the one after it", async () => {
    await dropTriggers();
    const ids = await eventIds();
    await sql.run(`DELETE FROM "AuditEvent" WHERE "id" = ?`, ids[1]);
    expect((await verifyAuditTrail(db)).events.firstBreak).toMatchObject({ id: ids[2] });
  });

  it("finds a forged, back-dated row inserted directly (no trigger stops an INSERT)", async () => {
    const [last] = await sql.all<{ hash: string }>(`SELECT "hash" FROM "AuditEvent" ORDER BY "id" DESC LIMIT 1`);
    await sql.run(
      `INSERT INTO "AuditEvent" ("id", "at", "projectId", "entity", "entityId", "action", "prevHash", "hash") VALUES (${NEXT_ID}, ?, ?, 'gate_review', 'r-forged', 'gate.go', ?, ?)`,
      new Date("2026-01-05T00:00:00Z").toISOString(),
      projectId,
      last!.hash,
      "0".repeat(64).replace(/^0/, "a"),
    );
    const forged = (await eventIds()).at(-1)!;
    expect((await verifyAuditTrail(db)).events.firstBreak).toMatchObject({ id: forged });
  });

  it("keeps a decided gate review final in the database, except the date its condition is met, once", async () => {
    await expect(sql.run(`UPDATE "GateReview" SET "rationale" = 'rewritten' WHERE "id" = ?`, reviewId)).rejects.toThrow(/final/);
    await expect(sql.run(`UPDATE "GateReview" SET "checklist" = '{}' WHERE "id" = ?`, reviewId)).rejects.toThrow(/final/);
    await expect(sql.run(`DELETE FROM "GateReview" WHERE "id" = ?`, reviewId)).rejects.toThrow(/append-only/);
    const [admin] = await db.user.findMany({ where: { email: "decider@t.test" } });
    expect(await closeCondition(db, { projectId, actor: { id: admin!.id, role: "member" } })).toEqual({ ok: true });
    await expect(sql.run(`UPDATE "GateReview" SET "conditionMetAt" = NULL WHERE "id" = ?`, reviewId)).rejects.toThrow(/final/);
    expect((await verifyAuditTrail(db)).reviews).toEqual({ checked: 1, unsealed: 0, firstBreak: null });
  });

  it("finds a decided review rewritten with its triggers dropped", async () => {
    await dropTriggers();
    await sql.run(`UPDATE "GateReview" SET "rationale" = 'Always was a Stop' WHERE "id" = ?`, reviewId);
    const result = await verifyAuditTrail(db);
    expect(result.events.firstBreak).toBeNull();
    expect(result.reviews.firstBreak).toEqual({ reviewId, projectKey: "GP-1", reason: expect.stringMatching(/changed after the decision/) });
  });

  it("finds a decision inserted without its event", async () => {
    await dropTriggers();
    await sql.run(
      `INSERT INTO "GateReview" ("id", "projectId", "stage", "requestedAt", "decidedAt", "decision", "rationale") VALUES ('r-forged', ?, 'understand', ?, ?, 'go', 'forged')`,
      projectId,
      new Date().toISOString(),
      new Date().toISOString(),
    );
    expect((await verifyAuditTrail(db)).reviews.firstBreak).toMatchObject({ reviewId: "r-forged", reason: expect.stringMatching(/no decision event/) });
  });
});

// Tamper-evident records on a real database (issue 10): decided gate reviews are final in the
// database, and the audit chain reports the first event where someone with SQL access changed,
// deleted or inserted a row, triggers dropped or not.
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { writeAudit } from "~/modules/audit/audit.server";
import { verifyAuditTrail } from "~/modules/audit/verify.server";
import { applyDecision, closeCondition } from "~/modules/lifecycle/gate.server";
import { ensureDefaultPlaybook } from "~/modules/lifecycle/playbook.server";
import type { Db } from "~/utils/db.server";
import { createTestDb } from "../setup/test-db";

let env: Awaited<ReturnType<typeof createTestDb>>;
let db: Db;
let sql: Database.Database;
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
  sql = new Database(env.url.replace(/^file:/, ""));
});

afterEach(async () => {
  sql.close();
  await env.cleanup();
});

const eventIds = () => (sql.prepare(`SELECT "id" FROM "AuditEvent" ORDER BY "id"`).all() as { id: number }[]).map((r) => r.id);
const dropTriggers = () =>
  sql.exec(
    `DROP TRIGGER "AuditEvent_no_update"; DROP TRIGGER "AuditEvent_no_delete"; DROP TRIGGER "GateReview_decided_is_final"; DROP TRIGGER "GateReview_no_delete";`,
  );

describe("the audit chain on a real database", () => {
  it("verifies a trail written by the application, decision seals included", async () => {
    const result = await verifyAuditTrail(db);
    expect(result.events).toMatchObject({ checked: eventIds().length, unchained: 0, firstBreak: null, head: { id: eventIds().at(-1) } });
    expect(result.reviews).toEqual({ checked: 1, unsealed: 0, firstBreak: null });
  });

  it("refuses to fork the chain: a second event on the same head is refused", () => {
    const head = sql.prepare(`SELECT "prevHash" FROM "AuditEvent" ORDER BY "id" DESC LIMIT 1`).get() as { prevHash: string };
    expect(() =>
      sql
        .prepare(`INSERT INTO "AuditEvent" ("at", "entity", "entityId", "action", "prevHash", "hash") VALUES (?, 'x', 'x', 'x', ?, 'f')`)
        .run(new Date().toISOString(), head.prevHash),
    ).toThrow(/UNIQUE/);
  });

  it("finds an event changed with its triggers dropped", async () => {
    dropTriggers();
    const target = eventIds()[1]!;
    sql.prepare(`UPDATE "AuditEvent" SET "actorId" = NULL WHERE "id" = ?`).run(target);
    expect((await verifyAuditTrail(db)).events.firstBreak).toEqual({ id: target, reason: expect.stringMatching(/changed after it was written/) });
  });

  it("finds a deleted event at the one after it", async () => {
    dropTriggers();
    const ids = eventIds();
    sql.prepare(`DELETE FROM "AuditEvent" WHERE "id" = ?`).run(ids[1]);
    expect((await verifyAuditTrail(db)).events.firstBreak).toMatchObject({ id: ids[2] });
  });

  it("finds a forged, back-dated row inserted directly (no trigger stops an INSERT)", async () => {
    const last = sql.prepare(`SELECT "hash" FROM "AuditEvent" ORDER BY "id" DESC LIMIT 1`).get() as { hash: string };
    sql
      .prepare(
        `INSERT INTO "AuditEvent" ("at", "projectId", "entity", "entityId", "action", "prevHash", "hash") VALUES (?, ?, 'gate_review', 'r-forged', 'gate.go', ?, ?)`,
      )
      .run(new Date("2026-01-05T00:00:00Z").toISOString(), projectId, last.hash, "0".repeat(64).replace(/^0/, "a"));
    const forged = eventIds().at(-1)!;
    expect((await verifyAuditTrail(db)).events.firstBreak).toMatchObject({ id: forged });
  });

  it("keeps a decided gate review final in the database, except the date its condition is met, once", async () => {
    expect(() => sql.prepare(`UPDATE "GateReview" SET "rationale" = 'rewritten' WHERE "id" = ?`).run(reviewId)).toThrow(/final/);
    expect(() => sql.prepare(`UPDATE "GateReview" SET "checklist" = '{}' WHERE "id" = ?`).run(reviewId)).toThrow(/final/);
    expect(() => sql.prepare(`DELETE FROM "GateReview" WHERE "id" = ?`).run(reviewId)).toThrow(/append-only/);
    const [admin] = await db.user.findMany({ where: { email: "decider@t.test" } });
    expect(await closeCondition(db, { projectId, actor: { id: admin!.id, role: "member" } })).toEqual({ ok: true });
    expect(() => sql.prepare(`UPDATE "GateReview" SET "conditionMetAt" = NULL WHERE "id" = ?`).run(reviewId)).toThrow(/final/);
    expect((await verifyAuditTrail(db)).reviews).toEqual({ checked: 1, unsealed: 0, firstBreak: null });
  });

  it("finds a decided review rewritten with its triggers dropped", async () => {
    dropTriggers();
    sql.prepare(`UPDATE "GateReview" SET "rationale" = 'Always was a Stop' WHERE "id" = ?`).run(reviewId);
    const result = await verifyAuditTrail(db);
    expect(result.events.firstBreak).toBeNull();
    expect(result.reviews.firstBreak).toEqual({ reviewId, projectKey: "GP-1", reason: expect.stringMatching(/changed after the decision/) });
  });

  it("finds a decision inserted without its event", async () => {
    dropTriggers();
    sql
      .prepare(
        `INSERT INTO "GateReview" ("id", "projectId", "stage", "requestedAt", "decidedAt", "decision", "rationale") VALUES ('r-forged', ?, 'understand', ?, ?, 'go', 'forged')`,
      )
      .run(projectId, new Date().toISOString(), new Date().toISOString());
    expect((await verifyAuditTrail(db)).reviews.firstBreak).toMatchObject({ reviewId: "r-forged", reason: expect.stringMatching(/no decision event/) });
  });
});

// Tamper-evident records on a real database (issue 10): decided gate reviews are final in the
// database, and the audit chain reports the first event where someone with SQL access changed,
// deleted or inserted a row, triggers dropped or not.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { anchorHead, readKeptHead } from "~/modules/audit/anchor.server";
import { writeAudit } from "~/modules/audit/audit.server";
import { eventHash, GENESIS, type ChainedContent } from "~/modules/audit/chain";
import { verifyAuditTrail } from "~/modules/audit/verify.server";
import { applyDecision, closeCondition } from "~/modules/lifecycle/gate.server";
import { ensureDefaultPlaybook } from "~/modules/lifecycle/playbook.server";
import type { Db } from "~/utils/db.server";
import { openRawSql, type RawSql } from "../setup/raw-sql";
import { TMP } from "../setup/server";
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
    expect(result.signatures).toEqual({ checked: 1, unsealed: 0, firstBreak: null });
    expect(result.kept).toBeNull();
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

describe("an audit trail without blind spots (issue 23): every tampering found on a copy of the database", () => {
  let pendingSignature: string;
  let decidedSignature: string;

  beforeEach(async () => {
    // A second project waiting at a gate that needs two signatures, one given.
    const [owner, a, b] = await Promise.all(["o2", "a2", "b2"].map((n) => db.user.create({ data: { email: `${n}@t.test`, name: n, passwordHash: "x" } })));
    const waiting = await db.project.create({
      data: {
        number: 2,
        key: "GP-2",
        title: "Waiting",
        stage: "plan",
        stageRank: 4,
        proposerId: owner!.id,
        ownerId: owner!.id,
        roles: {
          create: [
            { userId: owner!.id, role: "owner", acknowledgedAt: new Date() },
            { userId: a!.id, role: "decider" },
            { userId: b!.id, role: "decider" },
          ],
        },
      },
    });
    const signed = await applyDecision(db, {
      projectId: waiting.id,
      expectedVersion: 1,
      actor: { id: a!.id, role: "member" },
      request: { kind: "hold", rationale: "Wait for the budget", revisitDate: new Date("2099-02-01T00:00:00Z") },
    });
    expect(signed).toMatchObject({ ok: true, applied: false });
    pendingSignature = (await db.gateSignature.findFirstOrThrow({ where: { userId: a!.id } })).id;
    decidedSignature = (await db.gateSignature.findFirstOrThrow({ where: { reviewId } })).id;
    expect((await verifyAuditTrail(db)).signatures).toEqual({ checked: 2, unsealed: 0, firstBreak: null });
  });

  const dropAll = async () => {
    await dropTriggers();
    await sql.dropTriggers("GateSignature", ["GateSignature_no_update", "GateSignature_no_delete"]);
  };
  const insertSignature = (id: string, review: string, user: string) =>
    sql.run(
      `INSERT INTO "GateSignature" ("id", "reviewId", "userId", "decision", "rationale", "signedAt") VALUES (?, ?, ?, 'go', 'forged', ?)`,
      id,
      review,
      user,
      new Date().toISOString(),
    );
  const someUser = async () => (await sql.all<{ id: string }>(`SELECT "id" FROM "User" WHERE "email" = 'owner@t.test'`))[0]!.id;

  type Finding = (r: Awaited<ReturnType<typeof verifyAuditTrail>>) => unknown;
  const TAMPERINGS: [string, () => Promise<void>, Finding, RegExp][] = [
    [
      "a forged event with id 0",
      () =>
        sql.run(
          `INSERT INTO "AuditEvent" ("id", "at", "entity", "entityId", "action") VALUES (0, ?, 'user', 'x', 'user.role_changed')`,
          new Date().toISOString(),
        ),
      (r) => r.events.firstBreak?.reason,
      /id 0 is below 1/,
    ],
    [
      "a forged event with a negative id",
      () =>
        sql.run(
          `INSERT INTO "AuditEvent" ("id", "at", "entity", "entityId", "action") VALUES (-7, ?, 'user', 'x', 'user.role_changed')`,
          new Date().toISOString(),
        ),
      (r) => r.events.firstBreak?.reason,
      /id -7 is below 1/,
    ],
    [
      "an extra signature row added to a decided review",
      async () => insertSignature("forged-signature", reviewId, await someUser()),
      (r) => r.signatures.firstBreak?.reason,
      /no longer match the 1 its decision event .* sealed/,
    ],
    [
      "a decided review's signature row changed",
      async () => {
        await dropAll();
        await sql.run(`UPDATE "GateSignature" SET "rationale" = 'I never agreed' WHERE "id" = ?`, decidedSignature);
      },
      (r) => r.signatures.firstBreak?.reason,
      /no longer match/,
    ],
    [
      "a decided review's signature row deleted",
      async () => {
        await dropAll();
        await sql.run(`DELETE FROM "GateSignature" WHERE "id" = ?`, decidedSignature);
      },
      (r) => r.signatures.firstBreak?.reason,
      /no longer match/,
    ],
    [
      "a pending signature changed",
      async () => {
        await dropAll();
        await sql.run(`UPDATE "GateSignature" SET "decision" = 'go' WHERE "id" = ?`, pendingSignature);
      },
      (r) => r.signatures.firstBreak?.reason,
      /changed after it was given/,
    ],
    [
      "a pending signature deleted",
      async () => {
        await dropAll();
        await sql.run(`DELETE FROM "GateSignature" WHERE "id" = ?`, pendingSignature);
      },
      (r) => r.signatures.firstBreak?.reason,
      /no longer in the database: it was deleted/,
    ],
    [
      "a signature inserted on a pending review",
      async () => {
        const pendingReview = (await sql.all<{ reviewId: string }>(`SELECT "reviewId" FROM "GateSignature" WHERE "id" = ?`, pendingSignature))[0]!.reviewId;
        await insertSignature("forged-pending", pendingReview, await someUser());
      },
      (r) => r.signatures.firstBreak?.reason,
      /inserted around the application/,
    ],
    [
      "a decided gate review deleted",
      async () => {
        await dropAll();
        await sql.run(`DELETE FROM "GateSignature" WHERE "reviewId" = ?`, reviewId);
        await sql.run(`DELETE FROM "GateReview" WHERE "id" = ?`, reviewId);
      },
      (r) => r.reviews.firstBreak?.reason,
      /seals this review, which is no longer in the database/,
    ],
  ];

  it.each(TAMPERINGS)("finds %s", async (_what, tamper, finding, reason) => {
    await tamper();
    expect(finding(await verifyAuditTrail(db))).toMatch(reason);
  });

  it("finds the newest events deleted, or the whole chain hashed anew after an edit, against a head kept outside the database", async () => {
    fs.mkdirSync(TMP, { recursive: true });
    const anchorFile = path.join(TMP, `${crypto.randomUUID()}-anchor.ndjson`);
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, ["--import", "tsx", "app/server/audit-verify.ts", ...args], {
        cwd: path.resolve(import.meta.dirname, "../.."),
        env: { ...process.env, DATABASE_URL: env.url },
        encoding: "utf8",
      });
    try {
      // Two ordinary events last, which nothing else seals.
      for (const title of ["One", "Two"])
        await db.$transaction((tx) =>
          writeAudit(tx, { actorId: null, projectId, entity: "project", entityId: projectId, action: "project.updated", data: { title } }),
        );
      const anchor = (await anchorHead(db, { file: anchorFile }))!;
      expect(await anchorHead(db, { file: anchorFile, last: anchor.id })).toBeNull();
      const kept = await readKeptHead(anchorFile);
      expect(kept).toEqual({ id: anchor.id, hash: anchor.hash });
      expect(anchor.count).toBe((await eventIds()).length);
      if (typeof kept === "string") throw new Error(kept);
      expect((await verifyAuditTrail(db, { kept })).kept).toEqual({ head: kept, firstBreak: null });
      const whole = cli("--head", anchorFile);
      expect(whole.status, whole.stdout + whole.stderr).toBe(0);
      expect(whole.stdout).toContain(`the kept head, event ${kept.id}, is in the trail with its hash`);

      await dropAll();
      // The newest events deleted: the chain that is left is whole, and only the kept head shows the loss.
      const ids = await eventIds();
      await sql.run(`DELETE FROM "AuditEvent" WHERE "id" >= ?`, ids.at(-2));
      const truncated = await verifyAuditTrail(db, { kept });
      expect(truncated.events.firstBreak).toBeNull();
      expect(truncated.kept?.firstBreak).toMatch(/no longer in the trail: the newest events were deleted/);
      const cut = cli("--head", `${kept.id}:${kept.hash}`);
      expect(cut.status).toBe(1);
      expect(cut.stdout).toContain(`audit: BROKEN at event ${kept.id}, the head kept outside the database, is no longer in the trail`);
      // Without a kept head the same database passes, and the command says what it cannot see.
      const blind = cli();
      expect(blind.status).toBe(0);
      expect(blind.stdout).toContain("no kept head given (--head)");
      expect(cli("--head", "not-a-head").stderr).toContain("--head not-a-head: neither ID:HASH nor a file that can be read.");
    } finally {
      fs.rmSync(anchorFile, { force: true });
    }
  });

  it("finds the whole chain hashed anew after an edit, against the kept head", async () => {
    const kept = (await anchorHead(db, {}))!;
    await dropAll();
    // Someone with SQL access edits an early event and writes every hash after it anew.
    const rows = await sql.all<Omit<ChainedContent, "at"> & { at: string }>(
      `SELECT "id", "at", "actorId", "projectId", "entity", "entityId", "action", "data" FROM "AuditEvent" ORDER BY "id"`,
    );
    let prev = GENESIS;
    for (const row of rows) {
      const data = typeof row.data === "string" ? (JSON.parse(row.data) as unknown) : row.data;
      const edited = row.id === rows[0]!.id ? { title: "Renamed quietly" } : data;
      const hash = eventHash(prev, { ...row, at: new Date(row.at), data: edited });
      await sql.run(`UPDATE "AuditEvent" SET "data" = ?, "prevHash" = ?, "hash" = ? WHERE "id" = ?`, JSON.stringify(edited), prev, hash, row.id);
      prev = hash;
    }
    const rewritten = await verifyAuditTrail(db, { kept: { id: kept.id, hash: kept.hash } });
    expect(rewritten.events.firstBreak).toBeNull();
    expect(rewritten.kept?.firstBreak).toMatch(/another hash than the head kept outside the database/);
  });
});

// Gatekeeping by quorum (issue 12, item 4) on a real database: the default playbook asks two
// deciders to sign the Plan gate; team gatekeepers name deciders; review requests name what is unmet.
import { openRawSql } from "../setup/raw-sql";
import { beforeAll, describe, expect, it } from "vitest";
import { reviewHash } from "~/modules/audit/chain";
import { verifyAuditTrail } from "~/modules/audit/verify.server";
import { applyDecision, requestReview } from "~/modules/lifecycle/gate.server";
import { changeRole, setActive } from "~/modules/people/people.server";
import { assignRole, removeRole } from "~/modules/projects/roles.server";
import { addTeamMember, setTeamArchived } from "~/modules/teams/teams.server";
import type { Db } from "~/utils/db.server";
import { createProject, createTeam, createUsers, withTestDb, type TestUser } from "../factories";

const t = withTestDb();
let db: Db;
let u: Record<"owner" | "ann" | "ben" | "cat" | "gate" | "outsider" | "admin", TestUser>;

beforeAll(async () => {
  db = t.db;
  u = await createUsers(db, { owner: "member", ann: "member", ben: "member", cat: "member", gate: "member", outsider: "member", admin: "admin" });
});

const member = (user: TestUser) => ({ id: user.id, role: "member" as const });
const revisit = () => new Date(Date.now() + 14 * 864e5);
const hold = (rationale: string, dissent?: string) => ({ kind: "hold" as const, rationale, revisitDate: revisit(), dissent });

/** A Plan-stage project with three deciders (the Plan gate of the default playbook needs two signatures). */
function planProject() {
  return createProject(db, {
    stage: "plan",
    owner: u.owner,
    roles: [
      { user: u.ann, role: "decider" },
      { user: u.ben, role: "decider" },
      { user: u.cat, role: "decider" },
    ],
  });
}

describe("signing a gate that needs two deciders", () => {
  it("keeps the first signature without deciding, refuses a second signature by the same person, and applies the decision when the quorum agrees", async () => {
    const project = await planProject();
    const first = await applyDecision(db, { projectId: project.id, expectedVersion: 1, actor: member(u.ann), request: hold("Wait for the Q3 budget") });
    expect(first).toMatchObject({ ok: true, applied: false, signed: 1, quorum: 2, stage: "plan", version: 2 });
    let stored = await db.project.findUniqueOrThrow({ where: { id: project.id } });
    expect([stored.stage, stored.revisitAt, stored.version]).toEqual(["plan", null, 2]);
    const review = await db.gateReview.findFirstOrThrow({ where: { projectId: project.id } });
    expect(review.decidedAt).toBeNull();
    expect(await db.auditEvent.count({ where: { projectId: project.id, action: "gate.signed" } })).toBe(1);

    // Signing twice is refused, and writes nothing.
    const twice = await applyDecision(db, { projectId: project.id, expectedVersion: 2, actor: member(u.ann), request: hold("Still waiting") });
    expect(twice).toMatchObject({ ok: false, status: 409, message: expect.stringMatching(/already signed/) });
    expect(await db.gateSignature.count({ where: { reviewId: review.id } })).toBe(1);
    expect((await db.project.findUniqueOrThrow({ where: { id: project.id } })).version).toBe(2);

    // A signature for another decision does not complete the quorum.
    const stop = await applyDecision(db, {
      projectId: project.id,
      expectedVersion: 2,
      actor: member(u.ben),
      request: { kind: "stop", rationale: "The market moved" },
    });
    expect(stop).toMatchObject({ ok: true, applied: false, signed: 1 });
    expect((await db.project.findUniqueOrThrow({ where: { id: project.id } })).status).toBe("active");

    // The second Hold applies it; cat signs although they disagree.
    const third = await applyDecision(db, {
      projectId: project.id,
      expectedVersion: 3,
      actor: member(u.cat),
      request: hold("Agreed: revisit after the budget", "I would have gone ahead with a pilot"),
    });
    expect(third).toMatchObject({ ok: true, applied: true, signed: 2, quorum: 2, stage: "plan", version: 4 });
    stored = await db.project.findUniqueOrThrow({ where: { id: project.id } });
    expect(stored.revisitAt).not.toBeNull();
    const decided = await db.gateReview.findUniqueOrThrow({ where: { id: review.id } });
    expect(decided).toMatchObject({ decision: "hold", decidedById: u.cat.id, quorum: 2 });
    expect(
      (decided.signatures as { name: string; kind: string; agreed: boolean; dissent: string | null }[]).map((s) => [s.name, s.kind, s.agreed, s.dissent]),
    ).toEqual([
      ["ann", "hold", true, null],
      ["ben", "stop", false, "The market moved"],
      ["cat", "hold", true, "I would have gone ahead with a pilot"],
    ]);
    // The seal in the audit trail covers the signatures: the trail verifies, and the review cannot be edited.
    const verified = await verifyAuditTrail(db);
    expect(verified.reviews.firstBreak).toBeNull();
    const sql = await openRawSql(t.env.url);
    try {
      await expect(sql.run(`UPDATE "GateReview" SET "signatures" = '[]' WHERE "id" = ?`, review.id)).rejects.toThrow(/final/);
      await expect(sql.run(`DELETE FROM "GateSignature" WHERE "reviewId" = ?`, review.id)).rejects.toThrow(/append-only/);
      // With the trigger gone, a rewritten signature is found by the seal.
      await sql.dropTriggers("GateReview", ["GateReview_decided_is_final"]);
      const rewritten = JSON.stringify(decided.signatures).replace("The market moved", "Fine by me");
      await sql.run(`UPDATE "GateReview" SET "signatures" = ? WHERE "id" = ?`, rewritten, review.id);
    } finally {
      await sql.close();
    }
    expect((await verifyAuditTrail(db)).reviews.firstBreak).toMatchObject({ reviewId: review.id });
  });

  it("two deciders racing for the last signature: the decision is applied exactly once", async () => {
    const project = await planProject();
    await applyDecision(db, { projectId: project.id, expectedVersion: 1, actor: member(u.ann), request: hold("Wait") });
    // Separate clients are separate SQLite connections, as separate app servers would be.
    const clients = [db, t.env.client(), t.env.client(), t.env.client()];
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        applyDecision(clients[i % clients.length]!, {
          projectId: project.id,
          expectedVersion: 2,
          actor: i % 2 ? member(u.ben) : member(u.cat),
          request: hold(`Racer ${i}`),
        }),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.status === 409)).toBe(true);
    expect(await db.gateReview.count({ where: { projectId: project.id, decidedAt: { not: null } } })).toBe(1);
    expect(await db.gateSignature.count({ where: { review: { projectId: project.id } } })).toBe(2);
    expect((await db.project.findUniqueOrThrow({ where: { id: project.id } })).version).toBe(3);
    expect(await db.auditEvent.count({ where: { projectId: project.id, action: "gate.hold" } })).toBe(1);
  });
});

describe("a signature counts only while its signer decides the gate (issue 23)", () => {
  type SnapshotRow = { name: string; agreed: boolean; void?: string };
  const snapshot = async (projectId: string) =>
    ((await db.gateReview.findFirstOrThrow({ where: { projectId, decidedAt: { not: null } } })).signatures as SnapshotRow[]).map((s) => [
      s.name,
      s.agreed,
      s.void ?? null,
    ]);

  it.each([
    ["is deactivated", (signer: TestUser) => setActive(db, u.admin, signer.id, false), "the signer was deactivated"],
    [
      "loses the decider role",
      async (signer: TestUser, projectId: string) => {
        const role = await db.projectRole.findFirstOrThrow({ where: { projectId, userId: signer.id, role: "decider" } });
        return removeRole(db, u.admin, projectId, role.id);
      },
      "the signer is no longer a decider of this gate",
    ],
  ] as const)(
    "a decider signs and then %s: the next signature does not reach the quorum, and the voided one is kept with why",
    async (_what, change, reason) => {
      const users = await createUsers(db, { signer: "member", second: "member", third: "member" });
      const project = await createProject(db, {
        stage: "plan",
        owner: u.owner,
        roles: [
          { user: users.signer, role: "decider" },
          { user: users.second, role: "decider" },
          { user: users.third, role: "decider" },
        ],
      });
      const first = await applyDecision(db, { projectId: project.id, expectedVersion: 1, actor: member(users.signer), request: hold("Wait for the budget") });
      expect(first).toMatchObject({ ok: true, applied: false, signed: 1 });
      expect(await change(users.signer, project.id)).toEqual({ ok: true });
      const voided = await db.auditEvent.findFirstOrThrow({ where: { projectId: project.id, action: "gate.signature_voided" } });
      expect(voided.data).toMatchObject({ userId: users.signer.id, kind: "hold", reason });

      // A decision that read the project before the change conflicts: the version moved with it.
      const stale = await applyDecision(db, { projectId: project.id, expectedVersion: 2, actor: member(users.second), request: hold("Agreed") });
      expect(stale).toMatchObject({ ok: false, status: 409 });

      const { version } = await db.project.findUniqueOrThrow({ where: { id: project.id } });
      const second = await applyDecision(db, { projectId: project.id, expectedVersion: version, actor: member(users.second), request: hold("Agreed") });
      expect(second).toMatchObject({ ok: true, applied: false, signed: 1, quorum: 2 });
      expect((await db.project.findUniqueOrThrow({ where: { id: project.id } })).revisitAt).toBeNull();

      // A third decider completes the quorum; the decision keeps the voided signature and says why.
      const third = await applyDecision(db, { projectId: project.id, expectedVersion: version + 1, actor: member(users.third), request: hold("Agreed too") });
      expect(third).toMatchObject({ ok: true, applied: true, signed: 2 });
      expect(await snapshot(project.id)).toEqual([
        ["signer", false, reason],
        ["second", true, null],
        ["third", true, null],
      ]);
      // The decision event seals the review with the voided signature in it.
      const review = await db.gateReview.findFirstOrThrow({ where: { projectId: project.id, decidedAt: { not: null } } });
      const event = await db.auditEvent.findFirstOrThrow({ where: { projectId: project.id, action: "gate.hold" } });
      expect((event.data as { reviewHash: string }).reviewHash).toBe(reviewHash(review));
    },
  );

  it("an administrator who signed as the organisation's gatekeeper and is then made a member no longer counts", async () => {
    const users = await createUsers(db, { boss: "admin", second: "member" });
    const project = await createProject(db, { stage: "plan", owner: u.owner, roles: [{ user: users.second, role: "decider" }] });
    expect(
      await applyDecision(db, { projectId: project.id, expectedVersion: 1, actor: { id: users.boss.id, role: "admin" }, request: hold("Later") }),
    ).toMatchObject({
      ok: true,
      applied: false,
    });
    expect(await changeRole(db, u.admin, users.boss.id, "member")).toEqual({ ok: true });
    const { version } = await db.project.findUniqueOrThrow({ where: { id: project.id } });
    expect(version).toBe(3);
    const second = await applyDecision(db, { projectId: project.id, expectedVersion: version, actor: member(users.second), request: hold("Later") });
    expect(second).toMatchObject({ ok: true, applied: false, signed: 1 });
  });

  it("a decider demoted to member but still named keeps counting: nothing is voided", async () => {
    const users = await createUsers(db, { named: "admin", second: "member" });
    const project = await createProject(db, {
      stage: "plan",
      owner: u.owner,
      roles: [
        { user: users.named, role: "decider" },
        { user: users.second, role: "decider" },
      ],
    });
    await applyDecision(db, { projectId: project.id, expectedVersion: 1, actor: { id: users.named.id, role: "admin" }, request: hold("Later") });
    expect(await changeRole(db, u.admin, users.named.id, "member")).toEqual({ ok: true });
    expect(await db.auditEvent.count({ where: { projectId: project.id, action: "gate.signature_voided" } })).toBe(0);
    const second = await applyDecision(db, { projectId: project.id, expectedVersion: 2, actor: member(users.second), request: hold("Later") });
    expect(second).toMatchObject({ ok: true, applied: true, signed: 2 });
  });
});

describe("who names deciders", () => {
  it("a gatekeeper of the project's team names and removes deciders without being on the project; others are refused and nothing is written", async () => {
    const team = await createTeam(db);
    const project = await createProject(db, { stage: "owner", owner: u.owner, data: { teamId: team.id } });
    const before = await db.projectRole.count({ where: { projectId: project.id } });

    const refused = await assignRole(db, member(u.gate), project.id, { userId: u.ann.id, role: "decider" });
    expect(refused).toMatchObject({ ok: false, status: 403 });
    expect(await db.projectRole.count({ where: { projectId: project.id } })).toBe(before);

    expect(await addTeamMember(db, { id: u.admin.id, role: "admin" }, team.id, { userId: u.gate.id, role: "gatekeeper" })).toEqual({ ok: true });
    expect(await assignRole(db, member(u.gate), project.id, { userId: u.ann.id, role: "decider" })).toEqual({ ok: true });
    // A gatekeeper names contributors too (PRODUCT.md's table).
    expect(await assignRole(db, member(u.gate), project.id, { userId: u.ben.id, role: "contributor" })).toEqual({ ok: true });
    expect(await assignRole(db, member(u.gate), project.id, { userId: u.gate.id, role: "decider" })).toMatchObject({
      ok: false,
      status: 400,
      field: "userId",
      message: expect.stringMatching(/themselves/),
    });
    // The owner is never a decider, and an owner who is a gatekeeper does not name the deciders of their own project.
    await addTeamMember(db, { id: u.admin.id, role: "admin" }, team.id, { userId: u.owner.id, role: "gatekeeper" });
    expect(await assignRole(db, member(u.owner), project.id, { userId: u.ben.id, role: "decider" })).toMatchObject({ ok: false, status: 403 });

    const role = await db.projectRole.findFirstOrThrow({ where: { projectId: project.id, userId: u.ann.id, role: "decider" } });
    // An archived team's gatekeepers no longer name anyone.
    await setTeamArchived(db, { id: u.admin.id, role: "admin" }, team.id, true);
    expect(await removeRole(db, member(u.gate), project.id, role.id)).toMatchObject({ ok: false, status: 403 });
    await setTeamArchived(db, { id: u.admin.id, role: "admin" }, team.id, false);
    expect(await removeRole(db, member(u.gate), project.id, role.id)).toEqual({ ok: true });
    const trail = await db.auditEvent.findMany({ where: { projectId: project.id, entity: "project_role" }, orderBy: { id: "asc" }, select: { action: true } });
    // Every refused attempt is kept: before being a gatekeeper, naming oneself, an owner naming deciders, an archived team's gatekeeper.
    expect(trail.map((e) => e.action)).toEqual([
      "role.refused",
      "role.assigned",
      "role.assigned",
      "role.refused",
      "role.refused",
      "role.refused",
      "role.removed",
    ]);
  });
});

describe("asking for a gate review", () => {
  it("names the unmet must-meet criteria and asks for confirmation before it is sent anyway", async () => {
    const project = await createProject(db, { stage: "identify", owner: u.owner, data: { customer: "Pickers" } });
    const unconfirmed = await requestReview(db, { projectId: project.id, actor: member(u.owner) });
    expect(unconfirmed).toMatchObject({ ok: false, status: 400, field: "confirm" });
    expect(!unconfirmed.ok && unconfirmed.message).toMatch(/The customer's problem is named.*"Why now\?" is answered/);
    expect(await db.gateReview.count({ where: { projectId: project.id } })).toBe(0);

    const confirmed = await requestReview(db, { projectId: project.id, actor: member(u.owner), confirmed: true });
    expect(confirmed).toMatchObject({ ok: true, created: true });
    const event = await db.auditEvent.findFirstOrThrow({ where: { projectId: project.id, action: "gate.requested" } });
    expect((event.data as { unmet: string[] }).unmet).toContain("The customer's problem is named");
  });
});

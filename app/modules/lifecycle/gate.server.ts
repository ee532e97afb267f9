import { gateDecided, reviewRequested } from "~/modules/notifications/events.server";
import { openRetrospective } from "~/modules/learning/open-retrospective.server";
import { canOnProject, decisionRights, whoMay } from "~/modules/people/authorize";
import { PROJECT_PEOPLE } from "~/modules/people/project-people.server";
import { writeAuditMany, type AuditInput } from "~/modules/audit/audit.server";
import { reviewHash, SIGNATURE_CONTENT, signatureHash } from "~/modules/audit/chain";
import type { Prisma } from "~/generated/prisma/client";
import { isBusyError, isSnapshotConflict, retryWhenBusy, type Db, type Tx } from "~/utils/db.server";
import { dialectOf } from "~/utils/dialect.server";
import { decide, type DecisionRequest } from "./decide";
import { refuse, type Result } from "~/modules/result";
import { evaluate, evaluateUpTo, gateStatus, type Evaluation } from "./evaluate";
import type { ProjectFacts } from "./facts";
import { loadFacts, loadFactsMany } from "./facts.server";
import { storeGateStatusRows, type GateStatusRow } from "./queries.server";
import { stageOf, type Playbook } from "./playbook";
import { reachedDecision, signatureVoid, signingRefusal, snapshotSignatures, type GateNow, type Signature } from "./quorum";
import { loadCurrentPlaybook } from "./playbook.server";
import { stageIndex, type StageKey, type UserRole } from "./stages";

export type Actor = { id: string; role: UserRole };

/**
 * Signed, and decided once the gate's quorum agrees (`applied`); or 404 (no such project), 403
 * (may not decide), 400 (the problems to fix, by field) or 409 (changed meanwhile, or signed already).
 */
export type ApplyDecisionResult = Result<{
  reviewId: string;
  stage: string;
  status: string;
  version: number;
  applied: boolean;
  signed: number;
  quorum: number;
}>;

const NO_PROJECT = "There is no such project.";

class ConflictError extends Error {}

const CONFLICT_MESSAGE =
  "This project changed after you opened it (someone else signed, decided or edited it). Reload to see the current checklist and signatures, then decide again.";

/** Someone who may not decide tried to: the attempt is kept in the trail, nothing else is written. */
async function auditGateRefusal(tx: Tx, actor: Actor, projectId: string, data: { stage?: string; kind: string; codes: string[] }) {
  await writeAuditMany(tx, [{ actorId: actor.id, projectId, entity: "gate_review", entityId: projectId, action: "gate.refused", data }]);
}

/** The gate checklist of a project now, judged by the current playbook, and its gate debt. */
export async function getGateView(db: Db | Tx, projectId: string, now = new Date()) {
  const [facts, playbook] = await Promise.all([loadFacts(db, projectId), loadCurrentPlaybook(db)]);
  if (!facts) return null;
  // Each stage up to the current one, judged once: the artifact checklist shows them all and the
  // gate debt reads the passed ones.
  const byStage = evaluateUpTo(facts, playbook, now);
  return { evaluation: byStage[byStage.length - 1]!, byStage, debt: gateStatus(facts, playbook, now, byStage).debtCriteria, playbook };
}

/**
 * Records a decider's signature on the current gate in one transaction: re-evaluates the
 * checklist, applies the lifecycle rules to what they sign, and bumps the project's version only
 * if it is still `expectedVersion`. When the playbook's quorum of signatures agree (one, unless
 * the stage asks for more), the decision is applied in the same transaction: the project moves,
 * the review is completed with its snapshot (checklist, artifacts, every signature) and audit
 * events are appended. A concurrent signature or decision on the same project makes all but one
 * of them a conflict, and writes nothing for those, so a decision is never applied twice.
 */
export async function applyDecision(
  db: Db,
  input: {
    projectId: string;
    expectedVersion: number;
    actor: Actor;
    request: DecisionRequest;
    now?: Date;
    /** For tests: runs between the version check and the reads of the facts, inside the transaction. */
    afterVersionRead?: () => Promise<void>;
  },
): Promise<ApplyDecisionResult> {
  // Every read of the decision sees one moment (issue 23): PostgreSQL runs it at repeatable read,
  // and a transaction that lost to one committed meanwhile runs again, from its version check.
  const isolationLevel = dialectOf(db).oneSnapshot;
  for (let attempt = 1; ; attempt++) {
    try {
      return await decideOnce(db, input, isolationLevel);
    } catch (error) {
      if (isSnapshotConflict(error) && attempt < SNAPSHOT_ATTEMPTS) continue;
      if (error instanceof ConflictError || isSnapshotConflict(error) || isBusyError(error)) return refuse(409, CONFLICT_MESSAGE);
      throw error;
    }
  }
}

/** How often a decision that lost to another transaction is tried again before it answers 409. */
const SNAPSHOT_ATTEMPTS = 4;

async function decideOnce(db: Db, input: Parameters<typeof applyDecision>[1], isolationLevel: "RepeatableRead" | undefined): Promise<ApplyDecisionResult> {
  const now = input.now ?? new Date();
  return db.$transaction(
    async (tx) => {
      const project = await tx.project.findUnique({
        where: { id: input.projectId },
        select: { id: true, key: true, title: true, stage: true, status: true, ownerId: true, proposerId: true, version: true },
      });
      if (!project) return refuse(404, NO_PROJECT);
      if (project.version !== input.expectedVersion) throw new ConflictError();
      await input.afterVersionRead?.();

      const [facts, playbook] = await Promise.all([loadFacts(tx, project.id), loadCurrentPlaybook(tx)]);
      if (!facts) return refuse(404, NO_PROJECT);
      const evaluation = evaluate(facts, playbook, now);
      const deciderIds = facts.roles.filter((r) => r.role === "decider").map((r) => r.userId);
      const result = decide({
        project,
        deciderIds,
        actor: input.actor,
        evaluation,
        request: input.request,
        now,
      });
      if (!result.ok) {
        // Someone who may not decide tried to: kept in the trail (this transaction writes nothing else).
        if (result.status === 403) {
          await auditGateRefusal(tx, input.actor, project.id, {
            stage: project.stage,
            kind: input.request.kind,
            codes: (result.problems ?? []).map((r) => r.code),
          });
        }
        return result;
      }

      const { outcome } = result;
      const r = input.request;
      const quorum = stageOf(playbook, project.stage).quorum;
      // Signatures of people who no longer decide this gate (deactivated, role removed) are kept but do not count.
      const pending = await pendingReview(tx, project.id, project.stage, { project, deciderIds });
      const signedAlready = signingRefusal(pending?.signatures ?? [], input.actor.id);
      if (signedAlready) return refuse(409, signedAlready);
      const signature: Signature = {
        userId: input.actor.id,
        name: (await tx.user.findUnique({ where: { id: input.actor.id }, select: { name: true } }))?.name ?? "",
        kind: r.kind,
        rationale: r.rationale?.trim() ?? "",
        dissent: r.dissent?.trim() || null,
        signedAt: now,
      };
      const signatures = [...(pending?.signatures ?? []), signature];
      const applies = reachedDecision(signatures, quorum) === r.kind;

      // The version guard makes racing signers and deciders exact: one of them writes, the others conflict.
      const { count } = await tx.project.updateMany({
        where: { id: project.id, version: input.expectedVersion },
        data: applies
          ? {
              stage: outcome.stage,
              status: outcome.status,
              version: { increment: 1 },
              ...(outcome.stageChanged ? { stageEnteredAt: now, stageRank: stageIndex(outcome.stage) } : {}),
              // Each decision replaces the flags of the one before.
              revisitAt: r.kind === "hold" ? (r.revisitDate ?? null) : null,
              conditionDueAt: r.kind === "conditional_go" ? (r.conditionDueDate ?? null) : null,
            }
          : { version: { increment: 1 } },
      });
      if (count !== 1) throw new ConflictError();

      // The open review of this stage holds the signatures; without a request, the first signature opens one.
      const review =
        pending ??
        (await tx.gateReview.create({
          data: { projectId: project.id, stage: project.stage, requestedById: input.actor.id, requestedAt: now },
          select: { id: true },
        }));
      const details = {
        revisitDate: r.kind === "hold" ? (r.revisitDate ?? null) : null,
        recycleTo: r.kind === "recycle" ? (r.recycleTo ?? null) : null,
        condition: r.kind === "conditional_go" ? (r.condition?.trim() ?? null) : null,
        conditionDueDate: r.kind === "conditional_go" ? (r.conditionDueDate ?? null) : null,
        overrideReason: outcome.overridden ? (r.overrideReason?.trim() ?? null) : null,
      };
      const signatureRow = await tx.gateSignature.create({
        data: {
          reviewId: review.id,
          userId: input.actor.id,
          decision: r.kind,
          rationale: signature.rationale,
          dissent: signature.dissent,
          signedAt: now,
          ...details,
        },
        select: SIGNATURE_CONTENT,
      });
      const base = {
        reviewId: review.id,
        version: input.expectedVersion + 1,
        signed: signatures.filter((x) => x.kind === r.kind && !x.void).length,
        quorum,
      };

      if (!applies) {
        // Not decided yet: the signature is kept and the other deciders are waited for.
        await writeAuditMany(tx, [
          {
            actorId: input.actor.id,
            projectId: project.id,
            entity: "gate_review",
            entityId: review.id,
            action: "gate.signed",
            // The signature row is sealed by its hash in the chain (audit/chain.ts signatureHash).
            data: {
              stage: project.stage,
              kind: r.kind,
              rationale: signature.rationale,
              dissent: signature.dissent,
              signed: base.signed,
              quorum,
              signatureId: signatureRow.id,
              signatureHash: signatureHash(signatureRow),
            },
          },
        ]);
        return { ok: true as const, ...base, stage: project.stage, status: project.status, applied: false };
      }

      const artifacts = facts.artifacts.filter((a) => a.state !== "withdrawn").map(({ id, kind, version, state }) => ({ id, kind, version, state }));
      const decided = {
        decidedById: input.actor.id,
        decidedAt: now,
        decision: r.kind,
        rationale: signature.rationale || null,
        ...details,
        checklist: evaluation as unknown as Prisma.InputJsonValue,
        playbookVersion: playbook.version,
        artifactVersions: artifacts as unknown as Prisma.InputJsonValue,
        quorum,
        signatures: snapshotSignatures(signatures, r.kind) as unknown as Prisma.InputJsonValue,
      };
      await tx.gateReview.update({ where: { id: review.id }, data: decided, select: { id: true } });
      // The decision event carries the hash of what the review says, so the audit chain covers
      // the decision, its snapshot and its signatures (audit/chain.ts); the review itself is final in the database.
      const sealed = reviewHash({ ...decided, id: review.id, projectId: project.id, stage: project.stage });

      const events: AuditInput[] = [
        {
          actorId: input.actor.id,
          projectId: project.id,
          entity: "gate_review",
          entityId: review.id,
          action: `gate.${r.kind}`,
          data: {
            fromVersion: input.expectedVersion,
            toVersion: input.expectedVersion + 1,
            stage: project.stage,
            rationale: decided.rationale,
            overridden: outcome.overridden,
            playbookVersion: playbook.version,
            mustMet: evaluation.mustMet,
            mustTotal: evaluation.mustTotal,
            signatures: signatures.length,
            quorum,
            reviewHash: sealed,
            // Every signature row of the review, sealed with the decision: none can be added, changed or removed unseen.
            signatureHashes: (await tx.gateSignature.findMany({ where: { reviewId: review.id }, select: SIGNATURE_CONTENT })).map(signatureHash).sort(),
          },
        },
      ];
      if (outcome.stage !== project.stage || outcome.status !== project.status) {
        events.push({
          actorId: input.actor.id,
          projectId: project.id,
          entity: "project",
          entityId: project.id,
          action: "project.moved",
          data: {
            fromVersion: input.expectedVersion,
            toVersion: input.expectedVersion + 1,
            changes: [
              { field: "stage", before: project.stage, after: outcome.stage },
              { field: "status", before: project.status, after: outcome.status },
            ].filter((c) => c.before !== c.after),
          },
        });
      }
      // Stop, Recycle and Done-Done open a retrospective in the same transaction (issue 26).
      const opened = await openRetrospective(tx, {
        projectId: project.id,
        reviewId: review.id,
        stage: project.stage,
        kind: r.kind,
        statusAfter: outcome.status,
        playbook,
        actorId: input.actor.id,
        now,
      });
      if (opened) events.push(opened);
      await writeAuditMany(tx, events);
      await gateDecided(tx, {
        project: { id: project.id, key: project.key, title: project.title },
        stage: project.stage,
        decision: r.kind,
        actorId: input.actor.id,
        rationale: decided.rationale,
        to: { stage: outcome.stage, status: outcome.status },
      });
      // A decision changes only the stage and status of the facts loaded above: no need to load them again.
      await storeGateStatus(tx, [[project.id, { ...facts, stage: outcome.stage, status: outcome.status }]], playbook, now);
      return { ok: true as const, ...base, stage: outcome.stage, status: outcome.status, applied: true };
    },
    // The app types every client as SQLite's, whose only level is Serializable; the PostgreSQL client takes RepeatableRead.
    (isolationLevel ? { isolationLevel } : {}) as { isolationLevel?: "Serializable" },
  );
}

/** The open review of a stage and its signatures so far, each judged against the gate as it is now (`void` when it no longer counts), or null. */
export async function pendingReview(db: Db | Tx, projectId: string, stage: StageKey, gate: GateNow) {
  const review = await db.gateReview.findFirst({
    where: { projectId, stage, decidedAt: null },
    orderBy: { requestedAt: "desc" },
    select: {
      id: true,
      requestedAt: true,
      requestedBy: { select: { name: true } },
      signatureRows: {
        orderBy: { signedAt: "asc" },
        select: {
          userId: true,
          decision: true,
          rationale: true,
          dissent: true,
          signedAt: true,
          user: { select: { name: true, role: true, deactivatedAt: true } },
        },
      },
    },
  });
  if (!review) return null;
  const signatures: Signature[] = review.signatureRows.map((row) => ({
    userId: row.userId,
    name: row.user.name,
    kind: row.decision,
    rationale: row.rationale,
    dissent: row.dissent,
    signedAt: row.signedAt,
    void: signatureVoid({ id: row.userId, role: row.user.role, deactivated: row.user.deactivatedAt !== null }, gate),
  }));
  return { id: review.id, requestedAt: review.requestedAt, requestedBy: review.requestedBy?.name ?? null, signatures };
}

/**
 * After a person's rights changed (deactivated, demoted, a decider role removed; issue 23): each
 * of their signatures on an open review that no longer counts is marked in the trail with why
 * (`gate.signature_voided`), and its project's version moves, so a decision racing the change
 * conflicts instead of counting it. The signature row itself stays, as signatures are final.
 */
export async function voidLostSignatures(tx: Tx, actorId: string, userId: string, projectId?: string): Promise<number> {
  const rows = await tx.gateSignature.findMany({
    where: { userId, review: { decidedAt: null, ...(projectId ? { projectId } : {}) } },
    select: {
      reviewId: true,
      decision: true,
      user: { select: { role: true, deactivatedAt: true } },
      review: {
        select: {
          stage: true,
          project: {
            select: { id: true, stage: true, status: true, ownerId: true, proposerId: true, roles: { where: { role: "decider" }, select: { userId: true } } },
          },
        },
      },
    },
  });
  let voided = 0;
  for (const row of rows) {
    const { project } = row.review;
    if (row.review.stage !== project.stage) continue;
    const reason = signatureVoid(
      { id: userId, role: row.user.role, deactivated: row.user.deactivatedAt !== null },
      { project, deciderIds: project.roles.map((r) => r.userId) },
    );
    if (!reason) continue;
    voided++;
    await tx.project.update({ where: { id: project.id }, data: { version: { increment: 1 } } });
    await writeAuditMany(tx, [
      {
        actorId,
        projectId: project.id,
        entity: "gate_review",
        entityId: row.reviewId,
        action: "gate.signature_voided",
        data: { userId, kind: row.decision, stage: project.stage, reason },
      },
    ]);
  }
  return voided;
}

/**
 * Anyone on the project (or an administrator) asks for a gate review of the current stage. While
 * must-meet criteria are unmet the request names them and is refused unless `confirmed`; sent,
 * it reaches the deciders' inboxes (an open review is what the inbox lists).
 */
export async function requestReview(
  db: Db,
  input: { projectId: string; actor: Actor; confirmed?: boolean; now?: Date },
): Promise<Result<{ reviewId: string; created: boolean }>> {
  const now = input.now ?? new Date();
  // Another process holding the write lock (SQLITE_BUSY, a lock wait that timed out) is a 409 to try
  // again after a few quick retries, never a 500 (seen once in the parallel browser run).
  try {
    return await retryWhenBusy(() => requestReviewOnce(db, input, now));
  } catch (error) {
    if (isBusyError(error)) return refuse(409, "Someone else was saving at the same moment; nothing was sent. Try again.");
    throw error;
  }
}

async function requestReviewOnce(
  db: Db,
  input: { projectId: string; actor: Actor; confirmed?: boolean },
  now: Date,
): Promise<Result<{ reviewId: string; created: boolean }>> {
  return db.$transaction(async (tx) => {
    const project = await tx.project.findUnique({
      where: { id: input.projectId },
      select: { id: true, stage: true, status: true, ...PROJECT_PEOPLE },
    });
    if (!project) return refuse(404, NO_PROJECT);
    if (!canOnProject(input.actor, project, "request_review")) return refuse(403, `Only ${whoMay("request_review")} request its gate review.`);
    if (project.status !== "active") return refuse(403, "Only an active project's gate can be reviewed.");
    const open = await tx.gateReview.findFirst({ where: { projectId: project.id, stage: project.stage, decidedAt: null }, select: { id: true } });
    if (open) return { ok: true as const, reviewId: open.id, created: false };
    const [facts, playbook] = await Promise.all([loadFacts(tx, project.id), loadCurrentPlaybook(tx)]);
    if (!facts) return refuse(404, NO_PROJECT);
    const unmet = unmetMustMeet(evaluate(facts, playbook, now));
    if (unmet.length > 0 && !input.confirmed) {
      return refuse(
        400,
        `${unmet.length} must-meet ${unmet.length === 1 ? "criterion is" : "criteria are"} unmet: ${unmet.join("; ")}. Go will be refused until ${unmet.length === 1 ? "it is" : "they are"} met; tick "Ask anyway" to ask for the review now.`,
        "confirm",
      );
    }
    const review = await tx.gateReview.create({
      data: { projectId: project.id, stage: project.stage, requestedById: input.actor.id, requestedAt: now },
      select: { id: true },
    });
    await writeAuditMany(tx, [
      {
        actorId: input.actor.id,
        projectId: project.id,
        entity: "gate_review",
        entityId: review.id,
        action: "gate.requested",
        data: { stage: project.stage, unmet },
      },
    ]);
    await reviewRequested(tx, { projectId: project.id, stage: project.stage, actorId: input.actor.id });
    return { ok: true as const, reviewId: review.id, created: true };
  });
}

/** The labels of a checklist's unmet must-meet criteria. */
export function unmetMustMeet(evaluation: Evaluation): string[] {
  return evaluation.criteria.filter((c) => c.level === "must" && !c.met).map((c) => c.label);
}

/**
 * Recomputes the stored gate readiness and gate debt of these projects from their facts.
 * Every write that can change a checklist calls it inside its own transaction.
 */
export async function refreshGateStatus(db: Db | Tx, projectIds: string[], now = new Date()): Promise<void> {
  if (projectIds.length === 0) return;
  const [facts, playbook] = await Promise.all([loadFactsMany(db, projectIds), loadCurrentPlaybook(db)]);
  await storeGateStatus(db, [...facts], playbook, now);
}

/**
 * Re-judges these projects on today's clock and stores the status of those whose stored gate
 * readiness or debt changed with time alone (a metric no longer reported, for one). Returns the
 * keys of the changed projects; the others are left untouched.
 */
export async function rejudgeGateStatus(tx: Tx, projectIds: string[], now: Date): Promise<string[]> {
  if (projectIds.length === 0) return [];
  const [facts, playbook, stored] = await Promise.all([
    loadFactsMany(tx, projectIds),
    loadCurrentPlaybook(tx),
    tx.project.findMany({
      where: { id: { in: projectIds } },
      select: { id: true, key: true, gateMustMet: true, gateMustTotal: true, gateReadiness: true, gateShouldScore: true, gateDebt: true },
    }),
  ]);
  const byId = new Map(stored.map((p) => [p.id, p]));
  const changed = [...facts].filter(([id, f]) => {
    const before = byId.get(id);
    const after = gateStatus(f, playbook, now);
    return (
      !before ||
      before.gateMustMet !== after.gateMustMet ||
      before.gateMustTotal !== after.gateMustTotal ||
      before.gateReadiness !== after.gateReadiness ||
      before.gateShouldScore !== after.gateShouldScore ||
      before.gateDebt !== after.gateDebt
    );
  });
  await storeGateStatus(tx, changed, playbook, now);
  return changed.map(([id]) => byId.get(id)?.key ?? id);
}

/** Writes the gate status computed from facts already in hand. */
async function storeGateStatus(db: Db | Tx, facts: [string, ProjectFacts][], playbook: Playbook, now: Date): Promise<void> {
  const rows = facts.map(([id, f]): GateStatusRow => {
    const s = gateStatus(f, playbook, now);
    return [id, s.gateMustMet, s.gateMustTotal, s.gateReadiness, s.gateShouldScore, s.gateDebt, now];
  });
  await storeGateStatusRows(db, rows);
}

/** Refreshes every project whose gate status was never computed (or all), in batches. */
export async function refreshAllGateStatus(db: Db, options: { onlyUnchecked: boolean }, batch = 500): Promise<number> {
  let done = 0;
  let cursor: string | undefined;
  for (;;) {
    const page = await db.project.findMany({
      where: options.onlyUnchecked ? { gateCheckedAt: null } : {},
      orderBy: { id: "asc" },
      take: batch,
      ...(cursor && !options.onlyUnchecked ? { cursor: { id: cursor }, skip: 1 } : {}),
      select: { id: true },
    });
    if (page.length === 0) return done;
    await retryWhenBusy(() =>
      db.$transaction(
        (tx) =>
          refreshGateStatus(
            tx,
            page.map((p) => p.id),
          ),
        { timeout: 120_000 },
      ),
    );
    done += page.length;
    cursor = page[page.length - 1].id;
    if (page.length < batch) return done;
  }
}

/** A gatekeeper confirms the open condition of the latest Conditional Go; the flag clears. */
export async function closeCondition(db: Db, input: { projectId: string; actor: Actor; now?: Date }) {
  const now = input.now ?? new Date();
  return db.$transaction(async (tx) => {
    const project = await tx.project.findUnique({
      where: { id: input.projectId },
      select: {
        id: true,
        status: true,
        ownerId: true,
        proposerId: true,
        conditionDueAt: true,
        roles: { where: { role: "decider" }, select: { userId: true } },
      },
    });
    if (!project) return { ok: false as const, status: 404 as const, message: "No such project." };
    const rights = decisionRights({ project, deciderIds: project.roles.map((r) => r.userId), actor: input.actor });
    if (!rights.ok) {
      await auditGateRefusal(tx, input.actor, project.id, { kind: "close_condition", codes: [rights.code] });
      return { ok: false as const, status: 403 as const, message: rights.message };
    }
    const review = await tx.gateReview.findFirst({
      where: { projectId: project.id, decidedAt: { not: null } },
      orderBy: { decidedAt: "desc" },
      select: { id: true, decision: true, conditionMetAt: true },
    });
    if (!review || review.decision !== "conditional_go" || review.conditionMetAt || !project.conditionDueAt) {
      return { ok: false as const, status: 400 as const, message: "There is no open condition to close." };
    }
    await tx.gateReview.update({ where: { id: review.id }, data: { conditionMetAt: now } });
    await tx.project.update({ where: { id: project.id }, data: { conditionDueAt: null, version: { increment: 1 } } });
    await writeAuditMany(tx, [{ actorId: input.actor.id, projectId: project.id, entity: "gate_review", entityId: review.id, action: "gate.condition_met" }]);
    return { ok: true as const };
  });
}

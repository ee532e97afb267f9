// Verifies the audit trail's hash chain, the gate reviews and signatures it seals, and (given one)
// a head kept outside the database (README decision 27 and 46): `npm run audit:verify` and the
// administrators' /settings/audit page both call verifyAuditTrail.
import type { Prisma } from "~/generated/prisma/client";
import { DECISION_KINDS } from "~/modules/lifecycle/stages";
import type { Db } from "~/utils/db.server";
import { ChainVerifier, reviewHash, SIGNATURE_CONTENT, signatureHash, type ReviewContent } from "./chain";
import { eventsAfter } from "./queries.server";

/** An event's id and hash written down outside the database (an anchor line, or a head printed earlier). */
export type KeptHead = { id: number; hash: string };

export type AuditVerification = {
  events: { checked: number; unchained: number; head: { id: number; hash: string } | null; firstBreak: { id: number; reason: string } | null };
  reviews: { checked: number; unsealed: number; firstBreak: { reviewId: string; projectKey: string | null; reason: string } | null };
  signatures: { checked: number; unsealed: number; firstBreak: { signatureId: string; reviewId: string; reason: string } | null };
  /** Only when a kept head was given: whether the trail still holds it, and reaches it. */
  kept: { head: KeptHead; firstBreak: string | null } | null;
};

const BATCH = 5000;
/** The audit actions that record a gate decision (applyDecision writes `gate.<kind>`). */
const DECISION_ACTIONS = new Set(DECISION_KINDS.map((kind) => `gate.${kind}`));

type Seal = { eventId: number; hash: string | null; signatureHashes: string[] | null };

export async function verifyAuditTrail(db: Db, options: { kept?: KeptHead } = {}): Promise<AuditVerification> {
  const verifier = new ChainVerifier();
  // Each decided review's seal, from the chained decision events (review id -> its reviewHash and signature hashes).
  const seals = new Map<string, Seal>();
  // Each pending signature's seal, from its chained gate.signed event (signature id -> hash); and
  // the reviews and signers of older gate.signed events, written before signatures were sealed.
  const signed = new Map<string, string>();
  const olderSigned = new Set<string>();
  let kept: AuditVerification["kept"] = options.kept ? { head: options.kept, firstBreak: null } : null;
  let keptSeen = false;
  // From the very first row, whatever id a forger gave it.
  let after: number | null = null;
  for (;;) {
    const events = await eventsAfter(db, after, BATCH);
    if (events.length === 0) break;
    for (const e of events) {
      const data = (e.data ?? {}) as { reviewHash?: unknown; signatureHashes?: unknown; signatureId?: unknown; signatureHash?: unknown };
      if (e.entity === "gate_review" && DECISION_ACTIONS.has(e.action)) {
        const seal = e.hash === null ? null : typeof data.reviewHash === "string" ? data.reviewHash : "(missing)";
        const hashes = Array.isArray(data.signatureHashes) ? data.signatureHashes.map(String).sort() : null;
        seals.set(e.entityId, { eventId: e.id, hash: seal, signatureHashes: e.hash === null ? null : hashes });
      }
      if (e.entity === "gate_review" && e.action === "gate.signed" && e.hash !== null) {
        if (typeof data.signatureId === "string" && typeof data.signatureHash === "string") signed.set(data.signatureId, data.signatureHash);
        else olderSigned.add(`${e.entityId} ${e.actorId ?? ""}`);
      }
      if (kept && e.id === kept.head.id) {
        keptSeen = true;
        if (e.hash !== kept.head.hash)
          kept.firstBreak = `event ${e.id} has another hash than the head kept outside the database: the trail up to it was rewritten`;
      }
    }
    // After a break the walk goes on only to collect the seals.
    verifier.feed(events);
    after = events[events.length - 1]!.id;
    if (events.length < BATCH) break;
  }
  if (kept && !keptSeen) {
    kept = { ...kept, firstBreak: `event ${kept.head.id}, the head kept outside the database, is no longer in the trail: the newest events were deleted` };
  }

  const reviews: AuditVerification["reviews"] = { checked: 0, unsealed: 0, firstBreak: null };
  const breakReview = (reviewId: string, projectKey: string | null, reason: string) => {
    reviews.firstBreak ??= { reviewId, projectKey, reason };
  };
  const found = new Set<string>();
  let cursor = "";
  for (;;) {
    const rows = await db.gateReview.findMany({
      where: { decidedAt: { not: null }, id: { gt: cursor } },
      orderBy: { id: "asc" },
      take: 1000,
      select: {
        id: true,
        projectId: true,
        stage: true,
        decidedById: true,
        decidedAt: true,
        decision: true,
        rationale: true,
        revisitDate: true,
        recycleTo: true,
        condition: true,
        conditionDueDate: true,
        checklist: true,
        playbookVersion: true,
        overrideReason: true,
        artifactVersions: true,
        quorum: true,
        signatures: true,
        project: { select: { key: true } },
      },
    });
    for (const row of rows) {
      found.add(row.id);
      const seal = seals.get(row.id);
      const { project, ...content } = row;
      if (seal === undefined) breakReview(row.id, project.key, "no decision event in the audit trail records this review");
      else if (seal.hash === null) reviews.unsealed += 1;
      else if (seal.hash !== reviewHash(content as ReviewContent & { checklist: Prisma.JsonValue }))
        breakReview(row.id, project.key, "the review no longer matches the hash its decision event recorded: it was changed after the decision");
      else reviews.checked += 1;
    }
    if (rows.length < 1000) break;
    cursor = rows[rows.length - 1]!.id;
  }
  // A decision event whose review is gone: the review was deleted (its triggers dropped).
  for (const [reviewId, seal] of seals) {
    if (!found.has(reviewId))
      breakReview(reviewId, null, `decision event ${seal.eventId} seals this review, which is no longer in the database: it was deleted`);
  }

  return {
    events: { checked: verifier.checked, unchained: verifier.unchained, head: verifier.head, firstBreak: verifier.firstBreak },
    reviews,
    signatures: await verifySignatures(db, seals, signed, olderSigned),
    kept,
  };
}

/**
 * Every signature row against its seal: a decided review's rows against the hashes its decision
 * event sealed, a pending one's each against its gate.signed event; and every sealed signature
 * of a pending review must still have its row.
 */
async function verifySignatures(db: Db, seals: Map<string, Seal>, signed: Map<string, string>, olderSigned: Set<string>) {
  const result: AuditVerification["signatures"] = { checked: 0, unsealed: 0, firstBreak: null };
  const fail = (signatureId: string, reviewId: string, reason: string) => {
    result.firstBreak ??= { signatureId, reviewId, reason };
  };
  const rows = await db.gateSignature.findMany({ orderBy: { id: "asc" }, select: { ...SIGNATURE_CONTENT, review: { select: { decidedAt: true } } } });
  const byReview = new Map<string, string[]>();
  const present = new Set<string>();
  for (const row of rows) {
    present.add(row.id);
    const seal = seals.get(row.reviewId);
    if (row.review.decidedAt && seal?.signatureHashes) {
      byReview.set(row.reviewId, [...(byReview.get(row.reviewId) ?? []), signatureHash(row)]);
      continue;
    }
    const sealed = signed.get(row.id);
    if (sealed === undefined) {
      // Decided before decisions sealed their signatures, or signed before signatures were sealed.
      if ((row.review.decidedAt && seal) || olderSigned.has(`${row.reviewId} ${row.userId}`)) result.unsealed += 1;
      else fail(row.id, row.reviewId, "no event in the audit trail records this signature: it was inserted around the application");
    } else if (sealed !== signatureHash(row))
      fail(row.id, row.reviewId, "the signature no longer matches the hash its event recorded: it was changed after it was given");
    else result.checked += 1;
  }
  for (const [reviewId, seal] of seals) {
    if (!seal.signatureHashes) continue;
    const hashes = (byReview.get(reviewId) ?? []).sort();
    if (hashes.join() !== seal.signatureHashes.join()) {
      fail(
        "(several)",
        reviewId,
        `the review's signature rows no longer match the ${seal.signatureHashes.length} its decision event ${seal.eventId} sealed: a row was added, changed or deleted`,
      );
    } else result.checked += hashes.length;
  }
  for (const [signatureId] of signed) {
    if (!present.has(signatureId))
      fail(signatureId, "(unknown)", "a gate.signed event seals this signature, which is no longer in the database: it was deleted");
  }
  return result;
}

// Verifies the audit trail's hash chain and the gate reviews it seals (README decision 27):
// `npm run audit:verify` and the administrators' /settings/audit page both call verifyAuditTrail.
import type { Prisma } from "~/generated/prisma/client";
import { DECISION_KINDS } from "~/modules/lifecycle/stages";
import type { Db } from "~/utils/db.server";
import { ChainVerifier, reviewHash, type ReviewContent } from "./chain";
import { eventsAfter } from "./queries.server";

export type AuditVerification = {
  events: { checked: number; unchained: number; head: { id: number; hash: string } | null; firstBreak: { id: number; reason: string } | null };
  reviews: { checked: number; unsealed: number; firstBreak: { reviewId: string; projectKey: string | null; reason: string } | null };
};

const BATCH = 5000;
/** The audit actions that record a gate decision (applyDecision writes `gate.<kind>`). */
const DECISION_ACTIONS = new Set(DECISION_KINDS.map((kind) => `gate.${kind}`));

export async function verifyAuditTrail(db: Db): Promise<AuditVerification> {
  const verifier = new ChainVerifier();
  // Each decided review's seal, from the chained decision events (review id -> reviewHash, or null when unchained).
  const seals = new Map<string, string | null>();
  let after = 0;
  for (;;) {
    const events = await eventsAfter(db, after, BATCH);
    if (events.length === 0) break;
    for (const e of events) {
      if (e.entity === "gate_review" && DECISION_ACTIONS.has(e.action)) {
        const seal = (e.data as { reviewHash?: unknown } | null)?.reviewHash;
        seals.set(e.entityId, e.hash === null ? null : typeof seal === "string" ? seal : "(missing)");
      }
    }
    // After a break the walk goes on only to collect the reviews' seals.
    verifier.feed(events);
    after = events[events.length - 1]!.id;
    if (events.length < BATCH) break;
  }

  const reviews: AuditVerification["reviews"] = { checked: 0, unsealed: 0, firstBreak: null };
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
      const seal = seals.get(row.id);
      const { project, ...content } = row;
      let reason: string | null = null;
      if (seal === undefined) reason = "no decision event in the audit trail records this review";
      else if (seal === null) reviews.unsealed += 1;
      else if (seal !== reviewHash(content as ReviewContent & { checklist: Prisma.JsonValue }))
        reason = "the review no longer matches the hash its decision event recorded: it was changed after the decision";
      else reviews.checked += 1;
      if (reason && !reviews.firstBreak) reviews.firstBreak = { reviewId: row.id, projectKey: project.key, reason };
    }
    if (rows.length < 1000) break;
    cursor = rows[rows.length - 1]!.id;
  }

  return {
    events: { checked: verifier.checked, unchained: verifier.unchained, head: verifier.head, firstBreak: verifier.firstBreak },
    reviews,
  };
}

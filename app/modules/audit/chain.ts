// The audit trail's hash chain (README decision 27), pure: no database here.
//
// Each event's hash is SHA-256 over its canonical content (RFC 8785 JSON: sorted keys, one
// spelling per number) including the previous event's hash, so changing, deleting or inserting
// any event breaks the chain at that point. A decided gate review is covered through its
// decision event, which carries the hash of the review's content (`reviewHash`).
import canonicalize from "canonicalize";
import { sha256Hex } from "~/utils/hash.server";

/** The prevHash of the first event of a chain. */
export const GENESIS = "0".repeat(64);

export type ChainedContent = {
  id: number;
  at: Date;
  actorId: string | null;
  projectId: string | null;
  entity: string;
  entityId: string;
  action: string;
  data: unknown;
};

/** JSON as stored: what comes back from the database is what was hashed (dates become strings). */
function jsonValue(value: unknown): unknown {
  return value === undefined ? null : (JSON.parse(JSON.stringify(value)) as unknown);
}

export function eventHash(prevHash: string, event: ChainedContent): string {
  return sha256Hex(
    canonicalize({
      prevHash,
      id: event.id,
      at: event.at.toISOString(),
      actorId: event.actorId,
      projectId: event.projectId,
      entity: event.entity,
      entityId: event.entityId,
      action: event.action,
      data: jsonValue(event.data),
    })!,
  );
}

/** Where the next events go: after the last id, chained to the last chained event's hash (or the genesis value). */
export type ChainHead = { lastId: number; lastHash: string | null };

/** Gives each event, in order, its id, the previous hash and its own, continuing from `head`. */
export function chain<T extends Omit<ChainedContent, "id">>(head: ChainHead | null, events: T[]): (T & { id: number; prevHash: string; hash: string })[] {
  let id = head?.lastId ?? 0;
  let prevHash = head?.lastHash ?? GENESIS;
  return events.map((event) => {
    id += 1;
    const hash = eventHash(prevHash, { ...event, id });
    const chained = { ...event, id, prevHash, hash };
    prevHash = hash;
    return chained;
  });
}

export type ReviewContent = {
  id: string;
  projectId: string;
  stage: string;
  decidedById: string | null;
  decidedAt: Date | null;
  decision: string | null;
  rationale: string | null;
  revisitDate: Date | null;
  recycleTo: string | null;
  condition: string | null;
  conditionDueDate: Date | null;
  checklist: unknown;
  playbookVersion: number | null;
  overrideReason: string | null;
  artifactVersions: unknown;
  /** A quorum's signatures (reviews decided before quorums have none, and hash as they did). */
  quorum?: number | null;
  signatures?: unknown;
};

/** The hash of what a decided gate review says: who, when, what, why, and the snapshot it was made on. */
export function reviewHash(review: ReviewContent): string {
  const date = (d: Date | null) => (d ? d.toISOString() : null);
  return sha256Hex(
    canonicalize({
      id: review.id,
      projectId: review.projectId,
      stage: review.stage,
      decidedById: review.decidedById,
      decidedAt: date(review.decidedAt),
      decision: review.decision,
      rationale: review.rationale,
      revisitDate: date(review.revisitDate),
      recycleTo: review.recycleTo,
      condition: review.condition,
      conditionDueDate: date(review.conditionDueDate),
      checklist: jsonValue(review.checklist),
      playbookVersion: review.playbookVersion,
      overrideReason: review.overrideReason,
      artifactVersions: jsonValue(review.artifactVersions),
      ...(review.signatures != null ? { quorum: review.quorum ?? null, signatures: jsonValue(review.signatures) } : {}),
    })!,
  );
}

/** A gate signature as its row stores it: what its `gate.signed` event seals (issue 23). */
export type SignatureContent = {
  id: string;
  reviewId: string;
  userId: string;
  decision: string;
  rationale: string;
  dissent: string | null;
  revisitDate: Date | null;
  recycleTo: string | null;
  condition: string | null;
  conditionDueDate: Date | null;
  overrideReason: string | null;
  signedAt: Date;
};

/** The columns of a signature row its hash covers, as a Prisma `select`. */
export const SIGNATURE_CONTENT = {
  id: true,
  reviewId: true,
  userId: true,
  decision: true,
  rationale: true,
  dissent: true,
  revisitDate: true,
  recycleTo: true,
  condition: true,
  conditionDueDate: true,
  overrideReason: true,
  signedAt: true,
} as const satisfies Record<keyof SignatureContent, true>;

/** The hash of a signature row's content. */
export function signatureHash(s: SignatureContent): string {
  const date = (d: Date | null) => (d ? d.toISOString() : null);
  return sha256Hex(
    canonicalize({
      id: s.id,
      reviewId: s.reviewId,
      userId: s.userId,
      decision: s.decision,
      rationale: s.rationale,
      dissent: s.dissent,
      revisitDate: date(s.revisitDate),
      recycleTo: s.recycleTo,
      condition: s.condition,
      conditionDueDate: date(s.conditionDueDate),
      overrideReason: s.overrideReason,
      signedAt: s.signedAt.toISOString(),
    })!,
  );
}

export type StoredEvent = ChainedContent & { prevHash: string | null; hash: string | null };

export type ChainBreak = { id: number; reason: string };

/** An event may be dated a little before the one before it (clocks of several servers); more is a back-dated row. */
export const BACKDATE_TOLERANCE_MS = 5 * 60 * 1000;

/**
 * Walks events in id order, carrying what it knows between batches, and reports the first
 * place the chain breaks. Events before the first chained one (written before the chain
 * existed) are counted, not judged.
 */
export class ChainVerifier {
  private previous: { id: number; at: Date; hash: string | null } | null = null;
  private started = false;
  unchained = 0;
  checked = 0;
  firstBreak: ChainBreak | null = null;
  head: { id: number; hash: string } | null = null;

  /** Feeds the next events in id order; returns false once the chain is broken. */
  feed(events: StoredEvent[]): boolean {
    for (const event of events) {
      if (this.firstBreak) return false;
      const problem = this.judge(event);
      if (problem) {
        this.firstBreak = { id: event.id, reason: problem };
        return false;
      }
      this.previous = { id: event.id, at: event.at, hash: event.hash };
    }
    return true;
  }

  private judge(event: StoredEvent): string | null {
    // Gatepath numbers events from 1 (audit.server.ts): a lower id was written around it.
    if (event.id < 1) return `its id ${event.id} is below 1: the application never writes one, so the row was written around it`;
    if (!this.started) {
      if (event.hash === null && event.prevHash === null) {
        this.unchained += 1;
        return null;
      }
      this.started = true;
      // The chain starts at the genesis value, or right after the last unchained event.
      if (event.prevHash !== GENESIS) return "the first chained event does not start the chain (prevHash is not the genesis value)";
    } else {
      if (event.hash === null || event.prevHash === null) return "an event without a hash inside the chain (written around the application, or altered)";
      if (event.prevHash !== this.previous!.hash)
        return `its prevHash does not match event ${this.previous!.id}: an event was deleted, inserted or changed before it`;
      if (event.at.getTime() < this.previous!.at.getTime() - BACKDATE_TOLERANCE_MS)
        return `it is dated ${event.at.toISOString()}, before event ${this.previous!.id} (${this.previous!.at.toISOString()}): a back-dated row`;
    }
    if (eventHash(event.prevHash!, event) !== event.hash) return "its content does not match its hash: the event was changed after it was written";
    this.checked += 1;
    this.head = { id: event.id, hash: event.hash! };
    return null;
  }
}

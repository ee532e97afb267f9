// Gate decisions by quorum (issue 12, decision 37). Pure: which decision a review's signatures
// reach, whether someone may still sign, and what the decision's snapshot keeps of them.
import { decisionRights } from "~/modules/people/authorize";
import type { DecisionKind, ProjectStatus, UserRole } from "./stages";

export type Signature = {
  userId: string;
  name: string;
  kind: DecisionKind;
  rationale: string;
  /** "Disagree and commit": why the signer disagrees with what they sign. */
  dissent: string | null;
  signedAt: Date;
  /** Why the signature no longer counts (its signer is deactivated or no longer decides this gate); absent while it counts. */
  void?: string | null;
};

/** The gate a signature was given on, as it stands now. */
export type GateNow = { project: { status: ProjectStatus; ownerId: string | null; proposerId: string | null }; deciderIds: readonly string[] };

/**
 * Why a signature no longer counts, or null while it does (issue 23): a signature counts only
 * while its signer is an active decider of that gate, judged by the same rule that lets a person
 * sign (authorize.ts decisionRights) with the signer's role and the gate's deciders as they are now.
 */
export function signatureVoid(signer: { id: string; role: UserRole; deactivated: boolean }, gate: GateNow): string | null {
  if (signer.deactivated) return "the signer was deactivated";
  const rights = decisionRights({ project: { ...gate.project, status: "active" }, deciderIds: gate.deciderIds, actor: signer });
  if (rights.ok) return null;
  return rights.code === "decides_own_project" ? "the signer now owns or proposed the project" : "the signer is no longer a decider of this gate";
}

/** The decision the signatures reach: the first kind that `quorum` of them sign, in signing order. */
export function reachedDecision(signatures: readonly Pick<Signature, "kind" | "signedAt" | "void">[], quorum: number): DecisionKind | null {
  const counts = new Map<DecisionKind, number>();
  for (const s of [...signatures].filter((x) => !x.void).sort((a, b) => a.signedAt.getTime() - b.signedAt.getTime())) {
    const n = (counts.get(s.kind) ?? 0) + 1;
    counts.set(s.kind, n);
    if (n >= quorum) return s.kind;
  }
  return null;
}

/** How many signatures that count each kind has so far, most first. */
export function tally(signatures: readonly Pick<Signature, "kind" | "void">[]): { kind: DecisionKind; count: number }[] {
  const counts = new Map<DecisionKind, number>();
  for (const s of signatures.filter((x) => !x.void)) counts.set(s.kind, (counts.get(s.kind) ?? 0) + 1);
  return [...counts].map(([kind, count]) => ({ kind, count })).sort((a, b) => b.count - a.count);
}

/** Nobody signs a review twice: a signature is final. */
export function signingRefusal(signatures: readonly Pick<Signature, "userId">[], actorId: string): string | null {
  return signatures.some((s) => s.userId === actorId)
    ? "You have already signed this gate review, and a signature is final: another decider completes the quorum."
    : null;
}

export type SnapshotSignature = {
  userId: string;
  name: string;
  kind: DecisionKind;
  rationale: string;
  signedAt: string;
  /** Signed the decision that was applied; false for a signature for another decision. */
  agreed: boolean;
  /** Why the signer disagrees: their own words, or, for a signature for another decision, its rationale. */
  dissent: string | null;
  /** Why the signature did not count (kept in the history); absent when it counted. */
  void?: string;
};

/**
 * Every signature as the decision's snapshot keeps it. A signer who signed the applied decision
 * with a dissent disagreed and committed; a signature for another decision is a dissent too,
 * with its rationale as the reason.
 */
export function snapshotSignatures(signatures: readonly Signature[], applied: DecisionKind): SnapshotSignature[] {
  return [...signatures]
    .sort((a, b) => a.signedAt.getTime() - b.signedAt.getTime())
    .map((s) => ({
      userId: s.userId,
      name: s.name,
      kind: s.kind,
      rationale: s.rationale,
      signedAt: s.signedAt.toISOString(),
      agreed: s.kind === applied && !s.void,
      dissent: s.dissent ?? (s.kind === applied ? null : s.rationale),
      ...(s.void ? { void: s.void } : {}),
    }));
}

/**
 * The warning a gate needs when fewer people may sign it than its quorum asks (issue 27, item 2):
 * null when enough may. `signers` are those who may sign it (authorize.ts, possibleSigners).
 */
export function quorumWarning(quorum: number, signers: readonly { name: string }[]): string | null {
  if (signers.length >= quorum) return null;
  const who = signers.length === 0 ? "nobody may sign it yet" : `only ${signers.map((s) => s.name).join(" and ")} may sign it`;
  return `This gate needs ${quorum} signatures, but ${who}. Name ${quorum - signers.length === 1 ? "another decider" : `${quorum - signers.length} more deciders`} (not the owner or the proposer).`;
}

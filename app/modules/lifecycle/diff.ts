// What changed between a gate decision's snapshot and now: criteria that turned met or
// unmet, and artifacts added, withdrawn, re-versioned or re-stated. Pure functions.
import type { Evaluation } from "./evaluate";

export type ArtifactSnapshot = { id: string; kind: string; version: number; state: string };

export type ChecklistDiff = {
  /** False when the snapshot was of another stage's gate: criteria are not comparable. */
  sameStage: boolean;
  nowMet: string[];
  nowUnmet: string[];
  added: string[];
  removed: string[];
};

export function diffChecklists(before: Pick<Evaluation, "stage" | "criteria">, after: Pick<Evaluation, "stage" | "criteria">): ChecklistDiff {
  if (before.stage !== after.stage) return { sameStage: false, nowMet: [], nowUnmet: [], added: [], removed: [] };
  const old = new Map(before.criteria.map((c) => [c.key, c]));
  const cur = new Map(after.criteria.map((c) => [c.key, c]));
  const nowMet: string[] = [];
  const nowUnmet: string[] = [];
  const added: string[] = [];
  for (const c of after.criteria) {
    const prev = old.get(c.key);
    if (!prev) added.push(c.label);
    else if (!prev.met && c.met) nowMet.push(c.label);
    else if (prev.met && !c.met) nowUnmet.push(c.label);
  }
  const removed = before.criteria.filter((c) => !cur.has(c.key)).map((c) => c.label);
  return { sameStage: true, nowMet, nowUnmet, added, removed };
}

export type ArtifactDiff = {
  id: string;
  kind: string;
  change: "added" | "withdrawn" | "new version" | "state";
  from?: string;
  to?: string;
  /** For a new version: the two version numbers, to compare them. */
  versions?: { from: number; to: number };
};

/** Artifacts compared by id; withdrawn ones are absent from `after`. */
export function diffArtifacts(before: ArtifactSnapshot[], after: ArtifactSnapshot[]): ArtifactDiff[] {
  const old = new Map(before.map((a) => [a.id, a]));
  const cur = new Map(after.map((a) => [a.id, a]));
  const out: ArtifactDiff[] = [];
  for (const a of after) {
    const prev = old.get(a.id);
    if (!prev) out.push({ id: a.id, kind: a.kind, change: "added" });
    else if (prev.version !== a.version)
      out.push({
        id: a.id,
        kind: a.kind,
        change: "new version",
        from: `v${prev.version}`,
        to: `v${a.version}`,
        versions: { from: prev.version, to: a.version },
      });
    else if (prev.state !== a.state) out.push({ id: a.id, kind: a.kind, change: "state", from: prev.state, to: a.state });
  }
  for (const a of before) if (!cur.has(a.id)) out.push({ id: a.id, kind: a.kind, change: "withdrawn" });
  return out;
}

// The stage path: when a project entered each stage and how long it spent there, replayed
// from its gate decisions (Go and Conditional Go advance, Recycle sends back).
import { nextStage, STAGES, type DecisionKind, type StageKey } from "./stages";

const DAY = 24 * 60 * 60 * 1000;

export type PathDecision = { stage: StageKey; decision: DecisionKind; decidedAt: Date; recycleTo: StageKey | null };

export type StagePathEntry = { stage: StageKey; firstEnteredAt: Date | null; days: number; visits: number; current: boolean };

export function stagePath(createdAt: Date, decisions: PathDecision[], now: Date, current: { stage: StageKey; closed: boolean }): StagePathEntry[] {
  const ms = new Map<StageKey, number>();
  const first = new Map<StageKey, Date>();
  const visits = new Map<StageKey, number>();
  let stage: StageKey = "identify";
  let since = createdAt;
  first.set(stage, createdAt);
  visits.set(stage, 1);
  const enter = (to: StageKey, at: Date) => {
    ms.set(stage, (ms.get(stage) ?? 0) + Math.max(0, at.getTime() - since.getTime()));
    stage = to;
    since = at;
    if (!first.has(to)) first.set(to, at);
    visits.set(to, (visits.get(to) ?? 0) + 1);
  };
  for (const d of [...decisions].sort((a, b) => a.decidedAt.getTime() - b.decidedAt.getTime())) {
    if (d.decision === "go" || d.decision === "conditional_go") {
      const to = nextStage(d.stage);
      if (to) enter(to, d.decidedAt);
    } else if (d.decision === "recycle" && d.recycleTo) {
      enter(d.recycleTo, d.decidedAt);
    }
  }
  // Time in the stage the project is in runs until now, unless it is stopped or done.
  const closedAt = current.closed ? (decisions.length ? new Date(Math.max(...decisions.map((d) => d.decidedAt.getTime()))) : now) : now;
  ms.set(stage, (ms.get(stage) ?? 0) + Math.max(0, closedAt.getTime() - since.getTime()));
  return STAGES.map((s) => ({
    stage: s,
    firstEnteredAt: first.get(s) ?? null,
    days: Math.floor((ms.get(s) ?? 0) / DAY),
    visits: visits.get(s) ?? 0,
    current: s === current.stage,
  }));
}

// The stage path: when a project entered each stage and how long it spent there, replayed
// from its gate decisions (Go and Conditional Go advance, Recycle sends back).
import { nextStage, STAGES, type DecisionKind, type StageKey } from "./stages";
import { calendarDaysBetween } from "./time-in-stage";

export type PathDecision = { stage: StageKey; decision: DecisionKind; decidedAt: Date; recycleTo: StageKey | null };

export type StagePathEntry = { stage: StageKey; firstEnteredAt: Date | null; days: number; visits: number; current: boolean };

/**
 * `current.enteredAt` is when the project entered the stage it is in (its stored date), so the
 * current stage's days are the header's; each visit counts whole calendar days (time-in-stage.ts).
 */
export function stagePath(
  createdAt: Date,
  decisions: PathDecision[],
  now: Date,
  current: { stage: StageKey; closed: boolean; enteredAt?: Date },
): StagePathEntry[] {
  const days = new Map<StageKey, number>();
  const first = new Map<StageKey, Date>();
  const visits = new Map<StageKey, number>();
  let stage: StageKey = "identify";
  let since = createdAt;
  first.set(stage, createdAt);
  visits.set(stage, 1);
  const enter = (to: StageKey, at: Date) => {
    days.set(stage, (days.get(stage) ?? 0) + calendarDaysBetween(since, at));
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
  if (current.enteredAt && stage === current.stage) since = current.enteredAt;
  days.set(stage, (days.get(stage) ?? 0) + calendarDaysBetween(since, closedAt));
  return STAGES.map((s) => ({
    stage: s,
    firstEnteredAt: first.get(s) ?? null,
    days: days.get(s) ?? 0,
    visits: visits.get(s) ?? 0,
    current: s === current.stage,
  }));
}

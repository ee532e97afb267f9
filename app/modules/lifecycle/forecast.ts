// When will a project likely pass its next gate? (issue 26, item 6.) Pure: the stage visits of
// the organisation's past projects, replayed from their gate decisions, give how long a stage
// lasts; a Monte Carlo simulation draws from the visits that lasted longer than this project has
// already spent in its stage, and the 50th and 85th percentiles of the draws are the forecast.
// Same team and stage when there are enough such visits, otherwise the stage across teams. A
// seeded generator makes it repeatable (and testable).
import { nextStage, STAGES, type DecisionKind, type StageKey } from "./stages";

const DAY_MS = 86_400_000;

export type PastDecision = { projectId: string; teamId: string | null; stage: StageKey; decision: DecisionKind; decidedAt: Date; recycleTo: StageKey | null };
/** How long one visit of one stage lasted, to the decision that ended it (Go, Conditional Go, Recycle or Stop). */
export type StageVisit = { teamId: string | null; stage: StageKey; days: number };

/**
 * The finished stage visits in `decisions` (each project's, in order, from its creation): a
 * visit ends when a decision moves the project on, back, or stops it; a Hold does not end it.
 */
export function stageVisits(decisions: readonly PastDecision[], createdAt: ReadonlyMap<string, Date>): StageVisit[] {
  const byProject = new Map<string, PastDecision[]>();
  for (const d of decisions) (byProject.get(d.projectId) ?? byProject.set(d.projectId, []).get(d.projectId)!).push(d);
  const visits: StageVisit[] = [];
  for (const [projectId, list] of byProject) {
    let since = createdAt.get(projectId);
    if (!since) continue;
    let stage: StageKey = "identify";
    for (const d of [...list].sort((a, b) => a.decidedAt.getTime() - b.decidedAt.getTime())) {
      // A decision recorded at another stage than the replay's (a hand-edited history) restarts the replay there.
      if (d.stage !== stage) stage = d.stage;
      const to =
        d.decision === "go" || d.decision === "conditional_go"
          ? nextStage(d.stage)
          : d.decision === "recycle"
            ? d.recycleTo
            : d.decision === "stop"
              ? null
              : undefined;
      if (to === undefined) continue;
      visits.push({ teamId: d.teamId, stage, days: Math.max(0, (d.decidedAt.getTime() - since.getTime()) / DAY_MS) });
      if (to === null) break;
      stage = to;
      since = d.decidedAt;
    }
  }
  return visits;
}

/** A small, fast, seeded generator (mulberry32): the same draws for the same seed. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The `p` quantile (0 to 1) of sorted numbers, the nearest-rank way: an actual draw, never an interpolation. */
export function quantile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new Error("quantile of nothing");
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

/** Fewer same-team visits than this, and the forecast uses the stage's visits across teams. */
export const SAME_TEAM_MINIMUM = 8;
/** Fewer visits than this that outlasted the project's time so far, and there is no forecast. */
export const FORECAST_MINIMUM = 5;

export type Forecast = { ok: true; p50: Date; p85: Date; from: number; scope: "team" | "organisation" } | { ok: false; reason: string; from: number };

/**
 * The forecast of the day a project's current stage ends: `runs` draws of a past visit of the
 * stage (same team when enough) among those that lasted longer than `elapsedDays`, added to
 * the day the project entered the stage.
 */
export function forecastNextGate(input: {
  visits: readonly StageVisit[];
  stage: StageKey;
  teamId: string | null;
  enteredAt: Date;
  now: Date;
  runs?: number;
  seed?: number;
}): Forecast {
  const elapsed = Math.max(0, (input.now.getTime() - input.enteredAt.getTime()) / DAY_MS);
  const ofStage = input.visits.filter((v) => v.stage === input.stage);
  const ofTeam = input.teamId === null ? [] : ofStage.filter((v) => v.teamId === input.teamId);
  const [pool, scope] = ofTeam.length >= SAME_TEAM_MINIMUM ? ([ofTeam, "team"] as const) : ([ofStage, "organisation"] as const);
  // Only visits that lasted longer than this one has so far say anything about when it ends.
  const longer = pool.map((v) => v.days).filter((d) => d > elapsed);
  if (longer.length < FORECAST_MINIMUM) {
    return {
      ok: false,
      from: longer.length,
      reason:
        pool.length < FORECAST_MINIMUM
          ? `Too few past projects have finished this stage (${pool.length}) to forecast from.`
          : `This project has been in its stage longer than all but ${longer.length} of the ${pool.length} past projects: too few to forecast from.`,
    };
  }
  const random = seeded(input.seed ?? 1);
  const runs = input.runs ?? 2000;
  const draws = new Array<number>(runs);
  for (let i = 0; i < runs; i++) draws[i] = longer[Math.floor(random() * longer.length)]!;
  draws.sort((a, b) => a - b);
  // The calendar day (UTC) the stage would end on.
  const day = (days: number) => {
    const at = new Date(input.enteredAt.getTime() + days * DAY_MS);
    return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  };
  return { ok: true, p50: day(quantile(draws, 0.5)), p85: day(quantile(draws, 0.85)), from: longer.length, scope };
}

export type StageDuration = { visits: number; median: number; p85: number };

/**
 * How long each stage took in the past (issue 26, item 6): the median and 85th percentile of
 * its finished visits, of one team's projects or all; null for a stage nobody finished yet.
 */
export function stageDurations(visits: readonly StageVisit[], teamId: string | null = null): Map<StageKey, StageDuration | null> {
  const byStage = new Map<StageKey, number[]>();
  for (const v of visits) if (teamId === null || v.teamId === teamId) (byStage.get(v.stage) ?? byStage.set(v.stage, []).get(v.stage)!).push(v.days);
  return new Map(
    STAGES.map((stage) => {
      const days = (byStage.get(stage) ?? []).sort((a, b) => a - b);
      return [stage, days.length === 0 ? null : { visits: days.length, median: quantile(days, 0.5), p85: quantile(days, 0.85) }];
    }),
  );
}

// The organisation's past stage visits, kept for every project page's forecast of its next gate
// (issue 26, item 6): the simulation itself is forecast.ts, pure. Replaying 29,000 visits of
// 10,000 projects costs about half a second of CPU, so they are read again only when a gate has
// been decided since (the newest decision's time, one indexed read) or an hour has passed, not on
// every write as the read cache would (bench:pages prints both costs). Each project's forecast
// is kept for the day, the visits and its stage.
import { LRUCache } from "lru-cache";
import type { Db } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { forecastNextGate, stageDurations, stageVisits, type Forecast, type StageDuration, type StageVisit } from "./forecast";
import { newestDecisionAt } from "./queries.server";
import type { DecisionKind, ProjectStatus, StageKey } from "./stages";

const visitsCache = new LRUCache<string, Promise<{ visits: StageVisit[] }>>({ max: 2, ttl: 3_600_000 });
const forecasts = new LRUCache<string, Forecast>({ max: 20_000, ttl: 3_600_000 });
const cacheOn = () => getEnv().READ_CACHE === "on";

/** The newest gate decision's time: what the visits depend on. */
async function decisionsVersion(db: Db): Promise<string> {
  return (await newestDecisionAt(db))?.toISOString() ?? "none";
}

/** Every finished stage visit of every project, from its gate decisions. */
export async function pastStageVisits(db: Db, version?: string): Promise<StageVisit[]> {
  const key = version ?? (await decisionsVersion(db));
  const hit = cacheOn() ? visitsCache.get(key) : undefined;
  if (hit) return (await hit).visits;
  const pending = (async () => {
    const rows = await db.gateReview.findMany({
      where: { decidedAt: { not: null }, decision: { not: null } },
      select: { projectId: true, stage: true, decision: true, decidedAt: true, recycleTo: true, project: { select: { teamId: true, createdAt: true } } },
    });
    const createdAt = new Map(rows.map((r) => [r.projectId, r.project.createdAt]));
    const visits = stageVisits(
      rows.map((r) => ({
        projectId: r.projectId,
        teamId: r.project.teamId,
        stage: r.stage as StageKey,
        decision: r.decision as DecisionKind,
        decidedAt: r.decidedAt!,
        recycleTo: (r.recycleTo as StageKey | null) ?? null,
      })),
      createdAt,
    );
    return { visits };
  })();
  if (cacheOn()) {
    visitsCache.set(key, pending);
    pending.catch(() => visitsCache.delete(key));
  }
  return (await pending).visits;
}

/** The forecast of an open project's next gate, or null for a closed one. The seed is the project's, so a page says the same until the data changes. */
export async function projectForecast(
  db: Db,
  project: { id: string; status: ProjectStatus; stage: StageKey; teamId: string | null; stageEnteredAt: Date },
  now = new Date(),
): Promise<Forecast | null> {
  if (project.status !== "active" && project.status !== "on_hold") return null;
  const version = await decisionsVersion(db);
  const key = [version, project.id, project.stage, project.teamId, project.stageEnteredAt.toISOString(), now.toISOString().slice(0, 10)].join("|");
  const kept = cacheOn() ? forecasts.get(key) : undefined;
  if (kept) return kept;
  const seed = [...project.id].reduce((h, c) => (Math.imul(h, 31) + c.charCodeAt(0)) | 0, 7);
  const forecast = forecastNextGate({
    visits: await pastStageVisits(db, version),
    stage: project.stage,
    teamId: project.teamId,
    enteredAt: project.stageEnteredAt,
    now,
    seed,
  });
  if (cacheOn()) forecasts.set(key, forecast);
  return forecast;
}

const durationsCache = new LRUCache<string, Map<StageKey, StageDuration | null>>({ max: 100, ttl: 3_600_000 });

/** How long each stage took (of one team's projects, or all), kept until the next gate decision. */
export async function pastStageDurations(db: Db, teamId: string | null): Promise<Map<StageKey, StageDuration | null>> {
  const version = await decisionsVersion(db);
  const key = `${version}|${teamId ?? ""}`;
  const kept = cacheOn() ? durationsCache.get(key) : undefined;
  if (kept) return kept;
  const durations = stageDurations(await pastStageVisits(db, version), teamId);
  if (cacheOn()) durationsCache.set(key, durations);
  return durations;
}

// The organisation's past stage visits, read once per data version (decision 23's cache) and
// kept for every project page's forecast of its next gate (issue 26, item 6): the simulation
// itself is forecast.ts, pure.
import type { Db } from "~/utils/db.server";
import { readCache } from "~/utils/read-cache.server";
import { forecastNextGate, stageVisits, type Forecast, type StageVisit } from "./forecast";
import type { DecisionKind, ProjectStatus, StageKey } from "./stages";

const cache = readCache<{ visits: StageVisit[] }>({ max: 4, ttlMs: 10 * 60_000 });

/** Every finished stage visit of every project, from its gate decisions. */
export async function pastStageVisits(db: Db): Promise<StageVisit[]> {
  return (
    await cache(db, "stage-visits", async () => {
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
    })
  ).visits;
}

/** The forecast of an open project's next gate, or null for a closed one. The seed is the project's, so a page says the same until the data changes. */
export async function projectForecast(
  db: Db,
  project: { id: string; status: ProjectStatus; stage: StageKey; teamId: string | null; stageEnteredAt: Date },
  now = new Date(),
): Promise<Forecast | null> {
  if (project.status !== "active" && project.status !== "on_hold") return null;
  const seed = [...project.id].reduce((h, c) => (Math.imul(h, 31) + c.charCodeAt(0)) | 0, 7);
  return forecastNextGate({ visits: await pastStageVisits(db), stage: project.stage, teamId: project.teamId, enteredAt: project.stageEnteredAt, now, seed });
}

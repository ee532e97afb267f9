// The portfolio dashboard: every number is an aggregate computed by the database (GROUP BY, window
// functions), never rows loaded into JavaScript. Filters: a team and a period for decisions.
import { daysInStage, overdueIfEnteredBefore } from "~/modules/lifecycle/time-in-stage";
import { Prisma } from "~/generated/prisma/client";
import type { Playbook } from "~/modules/lifecycle/playbook";
import { ADOPTION_STAGE, PLAN_STAGE, STAGES, type StageKey } from "~/modules/lifecycle/stages";
import type { Db } from "~/utils/db.server";
import { dialectOf } from "~/utils/dialect.server";
import { col, queryOne, queryRows } from "~/utils/rows.server";
import { z } from "zod";
import { readCache } from "~/utils/read-cache.server";

import { DASHBOARD_PERIODS, type DashboardPeriod } from "./periods";

export async function getDashboard(db: Db, input: { team: string | null; period: DashboardPeriod; playbook: Playbook; now?: Date }) {
  const now = input.now ?? new Date();
  const since = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - DASHBOARD_PERIODS[input.period] + 1, 1));
  // A slug names one team (or none, and then nothing matches): "=" lets SQLite use the team indexes.
  const teamId = input.team ? Prisma.sql`(SELECT t."id" FROM "Team" t WHERE t."slug" = ${input.team})` : null;
  const team = teamId ? Prisma.sql`AND p."teamId" = ${teamId}` : Prisma.empty;
  // Decisions need their project only to filter by team: then they are found through the team's
  // projects (the (projectId, ...) index), otherwise read from the (stage, decision, decidedAt)
  // and (decision, decidedAt) indexes alone.
  const reviewTeam = teamId ? Prisma.sql`AND r."projectId" IN (SELECT p."id" FROM "Project" p WHERE p."teamId" = ${teamId})` : Prisma.empty;
  // "Stuck": active projects in a stage longer than the playbook expects there: past its next gate
  // date, by the one rule of time-in-stage.ts.
  const stuckWhere = Prisma.sql`(${Prisma.join(
    input.playbook.stages.map((s) => Prisma.sql`(p."stage" = ${s.stage} AND p."stageEnteredAt" < ${overdueIfEnteredBefore(s.expectedDays, now)})`),
    " OR ",
  )})`;
  const d = dialectOf(db);
  const stageCount = z.object({ stage: col.oneOf(STAGES), n: col.number });

  const [funnel, timeInStage, passed, outcomes, stuck, stuckList, stoppedAtPlan, debt, adoption, stoppedAtPlanCount] = await Promise.all([
    // Grouped by status too, so the (status, stage, ...) index answers it alone; summed per stage below.
    queryRows(
      db,
      stageCount,
      Prisma.sql`
      SELECT p."stage", COUNT(*) AS n FROM "Project" p
      WHERE p."status" IN ('active', 'on_hold') ${team} GROUP BY p."status", p."stage"`,
    ),
    queryRows(
      db,
      z.object({ stage: col.oneOf(STAGES), median: col.numberOrNull, slowest: col.numberOrNull }),
      Prisma.sql`
      WITH d AS (
        SELECT p."stage", ${d.daysBetween(now, Prisma.sql`p."stageEnteredAt"`)} AS days,
               ROW_NUMBER() OVER (PARTITION BY p."stage" ORDER BY p."stageEnteredAt" DESC) AS rn,
               COUNT(*) OVER (PARTITION BY p."stage") AS n
        FROM "Project" p WHERE p."status" = 'active' ${team})
      SELECT "stage", AVG(CASE WHEN rn IN ((n + 1) / 2, (n + 2) / 2) THEN days END) AS median, MAX(days) AS slowest
      FROM d GROUP BY "stage"`,
    ),
    queryRows(
      db,
      z.object({ month: col.text, n: col.number }),
      Prisma.sql`
      SELECT ${d.yearMonth(Prisma.sql`r."decidedAt"`)} AS month, COUNT(*) AS n FROM "GateReview" r
      WHERE r."decision" IN ('go', 'conditional_go') AND r."decidedAt" >= ${since} ${reviewTeam}
      GROUP BY month ORDER BY month`,
    ),
    queryRows(
      db,
      z.object({ stage: col.oneOf(STAGES), decided: col.number, stopped: col.number, recycled: col.number }),
      Prisma.sql`
      SELECT r."stage", COUNT(*) AS decided, SUM(CASE WHEN r."decision" = 'stop' THEN 1 ELSE 0 END) AS stopped,
        SUM(CASE WHEN r."decision" = 'recycle' THEN 1 ELSE 0 END) AS recycled
      FROM "GateReview" r
      WHERE r."decision" IS NOT NULL AND r."decidedAt" >= ${since} ${reviewTeam} GROUP BY r."stage"`,
    ),
    queryRows(
      db,
      stageCount,
      Prisma.sql`
      SELECT p."stage", COUNT(*) AS n FROM "Project" p
      WHERE p."status" = 'active' AND ${stuckWhere} ${team} GROUP BY p."stage"`,
    ),
    queryRows(
      db,
      z.object({ key: col.text, title: col.text, stage: col.oneOf(STAGES), stageEnteredAt: col.date }),
      Prisma.sql`
      SELECT p."key", p."title", p."stage", p."stageEnteredAt" FROM "Project" p
      WHERE p."status" = 'active' AND ${stuckWhere} ${team}
      ORDER BY p."stageEnteredAt" ASC LIMIT 10`,
    ),
    queryRows(
      db,
      z.object({ key: col.text, title: col.text }),
      Prisma.sql`
      SELECT p."key", p."title" FROM "Project" p WHERE p."status" = 'stopped' AND p."stage" = ${PLAN_STAGE} ${team} ORDER BY p."updatedAt" DESC LIMIT 10`,
    ),
    queryOne(
      db,
      z.object({ projects: col.number, criteria: col.numberOrNull }),
      Prisma.sql`SELECT COUNT(*) AS projects, SUM(p."gateDebt") AS criteria FROM "Project" p WHERE p."gateDebt" > 0 ${team}`,
    ),
    queryOne(
      db,
      z.object({ at: col.numberOrNull, total: col.number }),
      Prisma.sql`
      SELECT SUM(CASE WHEN (m."direction" = 'higher' AND v."value" >= m."target") OR (m."direction" = 'lower' AND v."value" <= m."target") THEN 1 ELSE 0 END) AS at, COUNT(*) AS total
      FROM "Metric" m JOIN "Project" p ON p."id" = m."projectId"
      JOIN "MetricValue" v ON v."metricId" = m."id" AND v."periodStart" = (SELECT MAX(v2."periodStart") FROM "MetricValue" v2 WHERE v2."metricId" = m."id")
      WHERE m."kind" = 'output' AND m."retiredAt" IS NULL AND m."target" IS NOT NULL AND p."stage" = ${ADOPTION_STAGE} AND p."status" IN ('active', 'done') ${team}`,
    ),
    queryOne(
      db,
      z.object({ n: col.number }),
      Prisma.sql`SELECT COUNT(*) AS n FROM "Project" p WHERE p."status" = 'stopped' AND p."stage" = ${PLAN_STAGE} ${team}`,
    ),
  ]);

  const byStage = <T extends { stage: StageKey }>(rows: T[]) => new Map(rows.map((r) => [r.stage, r]));
  const open = new Map<StageKey, number>();
  for (const row of funnel) open.set(row.stage, (open.get(row.stage) ?? 0) + row.n);
  const t = byStage(timeInStage);
  const o = byStage(outcomes);
  const s = byStage(stuck);
  const months: { month: string; passed: number }[] = [];
  const passedBy = new Map(passed.map((r) => [r.month, r.n]));
  for (let d = new Date(since); d <= now; d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1))) {
    const key = d.toISOString().slice(0, 7);
    months.push({ month: key, passed: passedBy.get(key) ?? 0 });
  }
  return {
    since: since.toISOString().slice(0, 10),
    stages: STAGES.map((stage) => {
      const decided = o.get(stage)?.decided ?? 0;
      return {
        stage,
        open: open.get(stage) ?? 0,
        medianDays: t.get(stage)?.median ?? null,
        slowestDays: t.get(stage)?.slowest ?? null,
        stuck: s.get(stage)?.n ?? 0,
        expectedDays: input.playbook.stages.find((x) => x.stage === stage)?.expectedDays ?? null,
        decided,
        stopRate: decided ? (o.get(stage)?.stopped ?? 0) / decided : null,
        recycleRate: decided ? (o.get(stage)?.recycled ?? 0) / decided : null,
      };
    }),
    months,
    stuckList: stuckList.map(({ stageEnteredAt, ...r }) => ({ ...r, days: daysInStage(stageEnteredAt, now) })),
    stoppedAtPlan: { count: stoppedAtPlanCount.n, recent: stoppedAtPlan },
    debt: { projects: debt.projects, criteria: debt.criteria ?? 0 },
    adoption: { atTarget: adoption.at ?? 0, total: adoption.total },
  };
}

type Dashboard = Awaited<ReturnType<typeof getDashboard>>;
const cache = readCache<Dashboard>({ max: 200, ttlMs: 60_000 });

/** The dashboard, computed once per data version (and minute) for each filter. */
export function getDashboardCached(db: Db, input: { team: string | null; period: DashboardPeriod; playbook: Playbook }) {
  return cache(db, `${input.team ?? "*"}|${input.period}|playbook ${input.playbook.version}`, () => getDashboard(db, input));
}

// Every raw SQL statement of the dashboard, in one place: the portfolio's aggregates (GROUP BY and
// window functions: the database counts, JavaScript never loads the rows) and the adoption
// dashboard's ranking of output metrics. Fragments the two databases spell differently come from
// the dialect module; rows are parsed where they arrive.
import { Prisma } from "~/generated/prisma/client";
import { ADOPTION_STAGE, PLAN_STAGE, STAGES, type StageKey } from "~/modules/lifecycle/stages";
import type { Db } from "~/utils/db.server";
import { dialectOf } from "~/utils/dialect.server";
import { col, queryOne, queryRows } from "~/utils/rows.server";
import { z } from "zod";

/** How many of the most common reasons the dashboard shows for each gate's Stops, Recycles and Holds. */
export const REASONS_PER_OUTCOME = 2;

export type DashboardScope = {
  /** A team's slug, or null for the whole organisation. */
  team: string | null;
  /** Decisions count from this date on. */
  since: Date;
  now: Date;
  /** Per stage, the entry date before which an active project is stuck there (time-in-stage.ts). */
  stuckBefore: { stage: StageKey; enteredBefore: Date }[];
};

/** The dashboard's numbers, ten aggregate statements run together. */
export async function dashboardAggregates(db: Db, input: DashboardScope) {
  const { since, now } = input;
  // A slug names one team (or none, and then nothing matches): "=" lets SQLite use the team indexes.
  const teamId = input.team ? Prisma.sql`(SELECT t."id" FROM "Team" t WHERE t."slug" = ${input.team})` : null;
  const team = teamId ? Prisma.sql`AND p."teamId" = ${teamId}` : Prisma.empty;
  // Decisions need their project only to filter by team: then they are found through the team's
  // projects (the (projectId, ...) index), otherwise read from the (stage, decision, decidedAt)
  // and (decision, decidedAt) indexes alone.
  const reviewTeam = teamId ? Prisma.sql`AND r."projectId" IN (SELECT p."id" FROM "Project" p WHERE p."teamId" = ${teamId})` : Prisma.empty;
  // Stuck: an active project that entered its stage before that stage's date.
  const stuckWhere = Prisma.sql`(${Prisma.join(
    input.stuckBefore.map((s) => Prisma.sql`(p."stage" = ${s.stage} AND p."stageEnteredAt" < ${s.enteredBefore})`),
    " OR ",
  )})`;
  const d = dialectOf(db);
  const stageCount = z.object({ stage: col.oneOf(STAGES), n: col.number });

  const [funnel, timeInStage, passed, outcomes, stuck, stuckList, stoppedAtPlan, debt, adoption, stoppedAtPlanCount, reasons, recurrences] = await Promise.all([
    // Grouped by status too, so the (status, stage, ...) index answers it alone; the dashboard sums them per stage.
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
      z.object({ stage: col.oneOf(STAGES), decided: col.number, passed: col.number, held: col.number, stopped: col.number, recycled: col.number }),
      Prisma.sql`
      SELECT r."stage", COUNT(*) AS decided, SUM(CASE WHEN r."decision" = 'stop' THEN 1 ELSE 0 END) AS stopped,
        SUM(CASE WHEN r."decision" = 'recycle' THEN 1 ELSE 0 END) AS recycled,
        SUM(CASE WHEN r."decision" IN ('go', 'conditional_go') THEN 1 ELSE 0 END) AS passed,
        SUM(CASE WHEN r."decision" = 'hold' THEN 1 ELSE 0 END) AS held
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
    // The most common reasons, as the deciders wrote them, for each gate's Stops, Recycles and Holds: the two most frequent of each.
    queryRows(
      db,
      z.object({ stage: col.oneOf(STAGES), decision: col.oneOf(["stop", "recycle", "hold"] as const), reason: col.text, n: col.number }),
      Prisma.sql`
      WITH c AS (
        SELECT r."stage", r."decision", r."rationale" AS reason, COUNT(*) AS n FROM "GateReview" r
        WHERE r."decision" IN ('stop', 'recycle', 'hold') AND r."rationale" IS NOT NULL AND r."decidedAt" >= ${since} ${reviewTeam}
        GROUP BY r."stage", r."decision", r."rationale"),
      ranked AS (SELECT c."stage", c."decision", c.reason, c.n, ROW_NUMBER() OVER (PARTITION BY c."stage", c."decision" ORDER BY c.n DESC, c.reason) AS rn FROM c)
      SELECT "stage", "decision", reason, n FROM ranked WHERE rn <= ${REASONS_PER_OUTCOME} ORDER BY "stage", "decision", n DESC, reason`,
    ),
    // Recurring root causes (issue 26, item 4): each COE whose cause's category an earlier, closed COE had fixed, newest first per category.
    queryRows(
      db,
      z.object({
        category: col.text,
        coeId: col.text,
        coeTitle: col.text,
        coeProject: col.text,
        earlierId: col.text,
        earlierTitle: col.text,
        earlierProject: col.text,
        at: col.date,
      }),
      Prisma.sql`
      SELECT c."name" AS category, r."coeId", a."title" AS "coeTitle", p."key" AS "coeProject",
             r."earlierId", e."title" AS "earlierTitle", pe."key" AS "earlierProject", r."createdAt" AS at
      FROM "CoeRecurrence" r
        JOIN "RootCauseCategory" c ON c."id" = r."categoryId"
        JOIN "Artifact" a ON a."id" = r."coeId" JOIN "Project" p ON p."id" = a."projectId"
        JOIN "Artifact" e ON e."id" = r."earlierId" JOIN "Project" pe ON pe."id" = e."projectId"
      WHERE a."state" <> 'withdrawn' ${team}
      ORDER BY c."name", r."createdAt" DESC LIMIT 100`,
    ),
  ]);
  return { funnel, timeInStage, passed, outcomes, stuck, stuckList, stoppedAtPlan, debt, adoption, stoppedAtPlanCount, reasons, recurrences };
}

const Ranked = z.object({
  id: col.text,
  name: col.text,
  unit: col.text,
  isRate: col.bool,
  direction: col.oneOf(["higher", "lower"]),
  target: col.number,
  key: col.text,
  title: col.text,
  stage: col.oneOf(STAGES),
  latest: col.numberOrNull,
});

/** Every output metric with a target of the projects in Executing and Adoption, with its newest value. */
export async function adoptionOutputs(db: Db, input: { team: string | null }) {
  const team = input.team ? Prisma.sql`AND p."teamId" IN (SELECT t."id" FROM "Team" t WHERE t."slug" = ${input.team})` : Prisma.empty;
  return queryRows(
    db,
    Ranked,
    Prisma.sql`
    SELECT m."id", m."name", m."unit", m."isRate", m."direction", m."target", p."key", p."title", p."stage",
      (SELECT v."value" FROM "MetricValue" v WHERE v."metricId" = m."id" ORDER BY v."periodStart" DESC LIMIT 1) AS "latest"
    FROM "Metric" m JOIN "Project" p ON p."id" = m."projectId"
    WHERE m."kind" = 'output' AND m."retiredAt" IS NULL AND m."target" IS NOT NULL
      AND p."stage" IN ('execute', 'adopt') AND p."status" IN ('active', 'done') ${team}`,
  );
}

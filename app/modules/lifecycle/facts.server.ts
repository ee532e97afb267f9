import { Prisma } from "~/generated/prisma/client";
import type { Db, Tx } from "~/utils/db.server";
import { z } from "zod";
import { columnsOf, dialectOf } from "~/utils/dialect.server";
import { col, queryRows } from "~/utils/rows.server";
import { gateArtifact } from "~/modules/artifacts/workflow";
import { periodStartOf, type Cadence } from "~/modules/metrics/periods";
import type { ProjectFacts } from "./facts";
import { ARTIFACT_KINDS, ARTIFACT_STATES, MILESTONE_STATES, PROJECT_ROLE_KINDS, PROJECT_STATUSES, STAGES } from "./stages";

type Client = Db | Tx;

const RECENT_VALUES = 12;

/** The project's own fact columns (free text and the launch date), for every query that shows or edits them. */
export const FACT_COLUMNS_SELECT = {
  customer: true,
  problem: true,
  whyNow: true,
  customerData: true,
  similarSystems: true,
  feasibilityReview: true,
  constraints: true,
  scopeBoundary: true,
  idealEndState: true,
  rollout: true,
  launchedAt: true,
} as const satisfies Prisma.ProjectSelect;
/** The same columns for raw SQL, read from the project aliased `p`. */
export const FACT_COLUMNS_SQL = Prisma.raw(
  Object.keys(FACT_COLUMNS_SELECT)
    .map((c) => `p."${c}"`)
    .join(", "),
);

/** How many periods, from the newest, follow each other without a gap. */
export function consecutiveRun(cadence: Cadence, startsNewestFirst: readonly Date[]): number {
  if (startsNewestFirst.length === 0) return 0;
  let run = 1;
  for (let i = 1; i < startsNewestFirst.length; i++) {
    const expected = periodStartOf(cadence, new Date(startsNewestFirst[i - 1]!.getTime() - 86_400_000));
    if (startsNewestFirst[i]!.getTime() !== expected.getTime()) break;
    run++;
  }
  return run;
}

const factColumns = Object.fromEntries(
  Object.keys(FACT_COLUMNS_SELECT)
    .filter((c) => c !== "launchedAt")
    .map((c) => [c, col.textOrNull]),
) as Record<Exclude<keyof typeof FACT_COLUMNS_SELECT, "launchedAt">, typeof col.textOrNull>;

// The relations arrive as JSON built by the query: dates as text, booleans as 0/1 (SQLite) or true/false.
const ProjectRow = z.object({
  id: col.text,
  stage: col.oneOf(STAGES),
  status: col.oneOf(PROJECT_STATUSES),
  ...factColumns,
  launchedAt: col.dateOrNull,
  proposerId: col.textOrNull,
  ownerId: col.textOrNull,
  steadyStateOwner: col.textOrNull,
  tenetCount: col.number,
  roles: col.jsonArray(z.object({ userId: col.text, role: col.oneOf(PROJECT_ROLE_KINDS), acknowledgedAt: col.dateOrNull, inactive: col.bool })),
  artifacts: col.jsonArray(
    z.object({
      id: col.text,
      kind: col.oneOf(ARTIFACT_KINDS),
      state: col.oneOf(ARTIFACT_STATES),
      version: col.number,
      checksPassed: col.bool,
      approvedVersion: col.numberOrNull,
      approvedChecksPassed: col.bool,
      hasContent: col.bool,
      openActionItems: col.number,
    }),
  ),
  milestones: col.jsonArray(z.object({ dueDate: col.dateOrNull, ownerId: col.textOrNull, state: col.oneOf(MILESTONE_STATES) })),
  metrics: col.jsonArray(
    z.object({
      id: col.text,
      kind: col.oneOf(["input", "output"]),
      target: col.numberOrNull,
      direction: col.oneOf(["higher", "lower"]),
      retiredAt: col.dateOrNull,
      cadence: col.oneOf(["daily", "weekly", "monthly"]),
      drives: z.array(col.text),
      /** [period start, value], newest first. */
      recent: z.array(z.tuple([col.date, col.number])),
    }),
  ),
});
type ProjectRow = z.output<typeof ProjectRow>;

/** Gathers the facts the gate rules read for one project, in a fixed number of queries. */
export async function loadFacts(db: Client, projectId: string): Promise<ProjectFacts | null> {
  return (await loadFactsMany(db, [projectId])).get(projectId) ?? null;
}

/**
 * Facts of many projects in one SQL statement: each project's roles, artifacts, milestones and
 * metrics come as JSON arrays built by the database (decision 42). A body is never read: the database
 * says whether there is one. Each metric's newest values come through its (metric, period) index.
 */
export async function loadFactsMany(db: Client, projectIds: string[]): Promise<Map<string, ProjectFacts>> {
  if (projectIds.length === 0) return new Map();
  const d = dialectOf(db);
  const nonBlank = (column: Prisma.Sql) => Prisma.sql`length(${d.trim(Prisma.sql`coalesce(${column}, '')`, BLANK)}) > 0`;
  const projects = await queryRows(
    db,
    ProjectRow,
    Prisma.sql`
    SELECT p."id", p."stage", p."status", ${FACT_COLUMNS_SQL}, p."proposerId", p."ownerId",
      s."name" AS "steadyStateOwner", (SELECT COUNT(*) FROM "Tenet" t WHERE t."projectId" = p."id") AS "tenetCount",
      (SELECT ${d.jsonAgg(
        d.jsonObject({ ...columnsOf("r", ["userId", "role", "acknowledgedAt"]), inactive: Prisma.sql`ru."deactivatedAt" IS NOT NULL` }),
        Prisma.sql`r."createdAt"`,
      )}
        FROM "ProjectRole" r JOIN "User" ru ON ru."id" = r."userId" WHERE r."projectId" = p."id") AS "roles",
      (SELECT ${d.jsonAgg(
        d.jsonObject({
          ...columnsOf("a", ["id", "kind", "state", "version", "checksPassed", "approvedVersion", "approvedChecksPassed"]),
          hasContent: Prisma.sql`${nonBlank(Prisma.sql`a."url"`)} OR ${nonBlank(Prisma.sql`a."body"`)}`,
          openActionItems: Prisma.sql`(SELECT COUNT(*) FROM "CoeActionItem" c WHERE c."artifactId" = a."id" AND c."doneAt" IS NULL)`,
        }),
        Prisma.sql`a."createdAt"`,
      )}
        FROM "Artifact" a WHERE a."projectId" = p."id") AS "artifacts",
      (SELECT ${d.jsonAgg(d.jsonObject(columnsOf("m", ["dueDate", "ownerId", "state"])), Prisma.sql`m."createdAt"`)}
        FROM "Milestone" m WHERE m."projectId" = p."id") AS "milestones",
      (SELECT ${d.jsonAgg(
        d.jsonObject({
          ...columnsOf("m", ["id", "kind", "target", "direction", "retiredAt", "cadence"]),
          drives: d.jsonValue(Prisma.sql`(SELECT ${d.jsonAgg(Prisma.sql`l."outputId"`)} FROM "MetricLink" l WHERE l."inputId" = m."id")`),
          recent: d.jsonValue(
            Prisma.sql`(SELECT ${d.jsonAgg(d.jsonArray([Prisma.sql`v."periodStart"`, Prisma.sql`v."value"`]), Prisma.sql`v."periodStart" DESC`)} FROM
            (SELECT x."periodStart", x."value" FROM "MetricValue" x WHERE x."metricId" = m."id" ORDER BY x."periodStart" DESC LIMIT ${RECENT_VALUES}) v)`,
          ),
        }),
        Prisma.sql`m."createdAt"`,
      )}
        FROM "Metric" m WHERE m."projectId" = p."id") AS "metrics"
    FROM "Project" p LEFT JOIN "User" s ON s."id" = p."steadyStateOwnerId" WHERE p."id" IN (${Prisma.join(projectIds)})`,
  );
  return new Map(projects.map((p) => [p.id, toFacts(p)]));
}

// What JavaScript's trim() removes that matters in practice: spaces, tabs, line ends, no-break spaces.
const BLANK = " \t\n\r\f\v\u00a0";

function toFacts(project: ProjectRow): ProjectFacts {
  const artifacts = project.artifacts;
  // Open action items of every COE that was not withdrawn.
  const openCoeActionItems = artifacts.reduce((n, a) => (a.kind === "coe" && a.state !== "withdrawn" ? n + a.openActionItems : n), 0);
  return {
    stage: project.stage,
    status: project.status,
    fields: {
      customer: project.customer,
      problem: project.problem,
      whyNow: project.whyNow,
      customerData: project.customerData,
      similarSystems: project.similarSystems,
      feasibilityReview: project.feasibilityReview,
      constraints: project.constraints,
      scopeBoundary: project.scopeBoundary,
      idealEndState: project.idealEndState,
      rollout: project.rollout,
      launchedAt: project.launchedAt ? project.launchedAt.toISOString().slice(0, 10) : null,
      steadyStateOwner: project.steadyStateOwner,
    },
    proposerId: project.proposerId,
    ownerId: project.ownerId,
    roles: project.roles,
    artifacts: artifacts.map((a) => ({
      id: a.id,
      kind: a.kind,
      ...gateArtifact(a),
      hasContent: a.hasContent,
    })),
    tenetCount: project.tenetCount,
    milestones: project.milestones,
    metrics: project.metrics.map((m) => {
      const starts = m.recent.map(([start]) => start);
      return {
        id: m.id,
        kind: m.kind,
        target: m.target,
        direction: m.direction,
        retired: m.retiredAt !== null,
        drives: m.drives,
        lastPeriodAt: starts[0] ?? null,
        recent: m.recent.map(([, value]) => value),
        consecutive: consecutiveRun(m.cadence, starts),
      };
    }),
    openCoeActionItems,
  };
}

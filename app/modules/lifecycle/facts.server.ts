import { Prisma } from "~/generated/prisma/client";
import type { Db, Tx } from "~/utils/db.server";
import { jsonRows, toDate, toDateOrNull } from "~/utils/sql.server";
import { gateArtifact } from "~/modules/artifacts/workflow";
import { periodStartOf, type Cadence } from "~/modules/metrics/periods";
import type { FactField, ProjectFacts } from "./facts";
import type { ArtifactKind, ArtifactState, MilestoneState, ProjectRoleKind, ProjectStatus, StageKey } from "./stages";

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

type ProjectRow = {
  id: string;
  stage: StageKey;
  status: ProjectStatus;
  proposerId: string | null;
  ownerId: string | null;
  steadyStateOwner: string | null;
  tenetCount: number | bigint;
} & Record<Exclude<FactField, "launchedAt" | "steadyStateOwner">, string | null> & {
    launchedAt: Date | null;
    roles: string;
    artifacts: string;
    milestones: string;
    metrics: string;
  };
// The relations arrive as JSON built by SQLite: dates as their stored text, booleans as 0 or 1.
type RoleJson = { userId: string; role: ProjectRoleKind; acknowledgedAt: string | null; inactive: number | boolean };
type ArtifactJson = {
  id: string;
  kind: ArtifactKind;
  state: ArtifactState;
  version: number;
  checksPassed: number;
  approvedVersion: number | null;
  approvedChecksPassed: number;
  hasContent: number;
  openActionItems: number;
};
type MilestoneJson = { dueDate: string | null; ownerId: string | null; state: MilestoneState };
type MetricJson = {
  id: string;
  kind: "input" | "output";
  target: number | null;
  direction: "higher" | "lower";
  retiredAt: string | null;
  cadence: Cadence;
  drives: string[];
  /** [period start, value], newest first. */
  recent: [string, number][];
};

/** Gathers the facts the gate rules read for one project, in a fixed number of queries. */
export async function loadFacts(db: Client, projectId: string): Promise<ProjectFacts | null> {
  return (await loadFactsMany(db, [projectId])).get(projectId) ?? null;
}

/**
 * Facts of many projects in one SQL statement: each project's roles, artifacts, milestones and
 * metrics come as JSON arrays built by SQLite (decision 24). A body is never read: the database
 * says whether there is one. Each metric's newest values come through its (metric, period) index.
 */
export async function loadFactsMany(db: Client, projectIds: string[]): Promise<Map<string, ProjectFacts>> {
  if (projectIds.length === 0) return new Map();
  const projects = await db.$queryRaw<ProjectRow[]>`
    SELECT p."id", p."stage", p."status", ${FACT_COLUMNS_SQL}, p."proposerId", p."ownerId",
      s."name" AS "steadyStateOwner", (SELECT COUNT(*) FROM "Tenet" t WHERE t."projectId" = p."id") AS "tenetCount",
      (SELECT json_group_array(json_object('userId', r."userId", 'role', r."role", 'acknowledgedAt', r."acknowledgedAt",
          'inactive', ru."deactivatedAt" IS NOT NULL) ORDER BY r."createdAt")
        FROM "ProjectRole" r JOIN "User" ru ON ru."id" = r."userId" WHERE r."projectId" = p."id") AS "roles",
      (SELECT json_group_array(json_object('id', a."id", 'kind', a."kind", 'state', a."state", 'version', a."version", 'checksPassed', a."checksPassed",
          'approvedVersion', a."approvedVersion", 'approvedChecksPassed', a."approvedChecksPassed",
          'hasContent', length(trim(coalesce(a."url", ''), ${BLANK})) > 0 OR length(trim(coalesce(a."body", ''), ${BLANK})) > 0,
          'openActionItems', (SELECT COUNT(*) FROM "CoeActionItem" c WHERE c."artifactId" = a."id" AND c."doneAt" IS NULL)) ORDER BY a."createdAt")
        FROM "Artifact" a WHERE a."projectId" = p."id") AS "artifacts",
      (SELECT json_group_array(json_object('dueDate', m."dueDate", 'ownerId', m."ownerId", 'state', m."state") ORDER BY m."createdAt")
        FROM "Milestone" m WHERE m."projectId" = p."id") AS "milestones",
      (SELECT json_group_array(json_object('id', m."id", 'kind', m."kind", 'target', m."target", 'direction', m."direction", 'retiredAt', m."retiredAt", 'cadence', m."cadence",
          'drives', json((SELECT json_group_array(l."outputId") FROM "MetricLink" l WHERE l."inputId" = m."id")),
          'recent', json((SELECT json_group_array(json_array(v."periodStart", v."value") ORDER BY v."periodStart" DESC) FROM
            (SELECT x."periodStart", x."value" FROM "MetricValue" x WHERE x."metricId" = m."id" ORDER BY x."periodStart" DESC LIMIT ${RECENT_VALUES}) v))) ORDER BY m."createdAt")
        FROM "Metric" m WHERE m."projectId" = p."id") AS "metrics"
    FROM "Project" p LEFT JOIN "User" s ON s."id" = p."steadyStateOwnerId" WHERE p."id" IN (${Prisma.join(projectIds)})`;
  return new Map(projects.map((p) => [p.id, toFacts(p)]));
}

// What JavaScript's trim() removes that matters in practice: spaces, tabs, line ends, no-break spaces.
const BLANK = " \t\n\r\f\v\u00a0";

function toFacts(project: ProjectRow): ProjectFacts {
  const artifacts = jsonRows<ArtifactJson>(project.artifacts);
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
      launchedAt: project.launchedAt ? toDate(project.launchedAt).toISOString().slice(0, 10) : null,
      steadyStateOwner: project.steadyStateOwner,
    },
    proposerId: project.proposerId,
    ownerId: project.ownerId,
    roles: jsonRows<RoleJson>(project.roles).map((r) => ({
      userId: r.userId,
      role: r.role,
      acknowledgedAt: toDateOrNull(r.acknowledgedAt),
      inactive: Boolean(r.inactive),
    })),
    artifacts: artifacts.map((a) => ({
      id: a.id,
      kind: a.kind,
      ...gateArtifact({ ...a, checksPassed: Boolean(a.checksPassed), approvedChecksPassed: Boolean(a.approvedChecksPassed) }),
      hasContent: a.hasContent === 1,
    })),
    tenetCount: Number(project.tenetCount),
    milestones: jsonRows<MilestoneJson>(project.milestones).map((m) => ({ dueDate: toDateOrNull(m.dueDate), ownerId: m.ownerId, state: m.state })),
    metrics: jsonRows<MetricJson>(project.metrics).map((m) => {
      const starts = m.recent.map(([start]) => toDate(start));
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

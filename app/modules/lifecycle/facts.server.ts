import { Prisma } from "~/generated/prisma/client";
import type { Db, Tx } from "~/utils/db.server";
import { groupBy, toDate, toDateOrNull } from "~/utils/sql.server";
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
const FACT_COLUMNS = Object.keys(FACT_COLUMNS_SELECT);

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

type ProjectRow = { id: string; stage: StageKey; status: ProjectStatus; proposerId: string | null; ownerId: string | null; steadyStateOwner: string | null; tenetCount: number | bigint } & Record<
  Exclude<FactField, "launchedAt" | "steadyStateOwner">,
  string | null
> & { launchedAt: Date | null };
type RoleRow = { projectId: string; userId: string; role: ProjectRoleKind; acknowledgedAt: Date | null };
type ArtifactRow = {
  projectId: string;
  id: string;
  kind: ArtifactKind;
  state: ArtifactState;
  version: number;
  checksPassed: boolean;
  approvedVersion: number | null;
  approvedChecksPassed: boolean;
  hasContent: number | bigint;
  openActionItems: number | bigint;
};
type MilestoneRow = { projectId: string; dueDate: Date | null; ownerId: string | null; state: MilestoneState };
type MetricRow = { projectId: string; id: string; kind: "input" | "output"; target: number | null; direction: "higher" | "lower"; retiredAt: Date | null; cadence: Cadence };
type LinkRow = { inputId: string; outputId: string };
type ValueRow = { metricId: string; periodStart: Date; value: number };

/** Gathers the facts the gate rules read for one project, in a fixed number of queries. */
export async function loadFacts(db: Client, projectId: string): Promise<ProjectFacts | null> {
  return (await loadFactsMany(db, [projectId])).get(projectId) ?? null;
}

/**
 * Facts of many projects at once: one SQL statement per relation, not one per project, and
 * none that Prisma would split further (decision 24). A body is never read: the database
 * says whether there is one. Each metric's newest values come through its (metric, period)
 * index: the 12th newest period is looked up, then the values from it on are read.
 */
export async function loadFactsMany(db: Client, projectIds: string[]): Promise<Map<string, ProjectFacts>> {
  if (projectIds.length === 0) return new Map();
  const ids = Prisma.join(projectIds);
  const projects = await db.$queryRaw<ProjectRow[]>`
    SELECT p."id", p."stage", p."status", ${Prisma.raw(FACT_COLUMNS.map((c) => `p."${c}"`).join(", "))}, p."proposerId", p."ownerId",
      s."name" AS "steadyStateOwner", (SELECT COUNT(*) FROM "Tenet" t WHERE t."projectId" = p."id") AS "tenetCount"
    FROM "Project" p LEFT JOIN "User" s ON s."id" = p."steadyStateOwnerId" WHERE p."id" IN (${ids})`;
  if (projects.length === 0) return new Map();
  const roles = await db.$queryRaw<RoleRow[]>`
    SELECT r."projectId", r."userId", r."role", r."acknowledgedAt" FROM "ProjectRole" r WHERE r."projectId" IN (${ids}) ORDER BY r."createdAt"`;
  const artifacts = await db.$queryRaw<ArtifactRow[]>`
    SELECT a."projectId", a."id", a."kind", a."state", a."version", a."checksPassed", a."approvedVersion", a."approvedChecksPassed",
      (length(trim(coalesce(a."url", ''), ${BLANK})) > 0 OR length(trim(coalesce(a."body", ''), ${BLANK})) > 0) AS "hasContent",
      (SELECT COUNT(*) FROM "CoeActionItem" c WHERE c."artifactId" = a."id" AND c."doneAt" IS NULL) AS "openActionItems"
    FROM "Artifact" a WHERE a."projectId" IN (${ids}) ORDER BY a."createdAt"`;
  const milestones = await db.$queryRaw<MilestoneRow[]>`
    SELECT m."projectId", m."dueDate", m."ownerId", m."state" FROM "Milestone" m WHERE m."projectId" IN (${ids}) ORDER BY m."createdAt"`;
  const metrics = await db.$queryRaw<MetricRow[]>`
    SELECT m."projectId", m."id", m."kind", m."target", m."direction", m."retiredAt", m."cadence" FROM "Metric" m WHERE m."projectId" IN (${ids}) ORDER BY m."createdAt"`;
  const [links, values] = metrics.length
    ? [
        await db.$queryRaw<LinkRow[]>`
          SELECT l."inputId", l."outputId" FROM "MetricLink" l JOIN "Metric" m ON m."id" = l."inputId" WHERE m."projectId" IN (${ids})`,
        await db.$queryRaw<ValueRow[]>`
          SELECT v."metricId", v."periodStart", v."value" FROM "Metric" m JOIN "MetricValue" v ON v."metricId" = m."id"
          WHERE m."projectId" IN (${ids}) AND v."periodStart" >= coalesce(
            (SELECT x."periodStart" FROM "MetricValue" x WHERE x."metricId" = m."id" ORDER BY x."periodStart" DESC LIMIT 1 OFFSET ${RECENT_VALUES - 1}), '')
          ORDER BY v."metricId", v."periodStart" DESC`,
      ]
    : [[], []];
  const rolesOf = groupBy(roles, "projectId");
  const artifactsOf = groupBy(artifacts, "projectId");
  const milestonesOf = groupBy(milestones, "projectId");
  const metricsOf = groupBy(metrics, "projectId");
  const drivesOf = groupBy(links, "inputId");
  const valuesOf = groupBy(values, "metricId");
  return new Map(
    projects.map((p) => [
      p.id,
      toFacts(p, rolesOf.get(p.id) ?? [], artifactsOf.get(p.id) ?? [], milestonesOf.get(p.id) ?? [], metricsOf.get(p.id) ?? [], drivesOf, valuesOf),
    ]),
  );
}

// What JavaScript's trim() removes that matters in practice: spaces, tabs, line ends, no-break spaces.
const BLANK = " \t\n\r\f\v\u00a0";

function toFacts(
  project: ProjectRow,
  roles: RoleRow[],
  artifacts: ArtifactRow[],
  milestones: MilestoneRow[],
  metrics: MetricRow[],
  drivesOf: Map<string, LinkRow[]>,
  valuesOf: Map<string, ValueRow[]>,
): ProjectFacts {
  // Open action items of every COE that was not withdrawn.
  const openCoeActionItems = artifacts.reduce((n, a) => (a.kind === "coe" && a.state !== "withdrawn" ? n + Number(a.openActionItems) : n), 0);
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
    roles: roles.map((r) => ({ userId: r.userId, role: r.role, acknowledgedAt: toDateOrNull(r.acknowledgedAt) })),
    artifacts: artifacts.map((a) => ({
      id: a.id,
      kind: a.kind,
      ...gateArtifact({ ...a, checksPassed: Boolean(a.checksPassed), approvedChecksPassed: Boolean(a.approvedChecksPassed) }),
      hasContent: Number(a.hasContent) === 1,
    })),
    tenetCount: Number(project.tenetCount),
    milestones: milestones.map((m) => ({ dueDate: toDateOrNull(m.dueDate), ownerId: m.ownerId, state: m.state })),
    metrics: metrics.map((m) => {
      const values = valuesOf.get(m.id) ?? [];
      const starts = values.map((v) => toDate(v.periodStart));
      return {
        id: m.id,
        kind: m.kind,
        target: m.target,
        direction: m.direction,
        retired: m.retiredAt !== null,
        drives: (drivesOf.get(m.id) ?? []).map((d) => d.outputId),
        lastPeriodAt: starts[0] ?? null,
        recent: values.map((v) => v.value),
        consecutive: consecutiveRun(m.cadence, starts),
      };
    }),
    openCoeActionItems,
  };
}

import type { Prisma } from "~/generated/prisma/client";
import type { Db, Tx } from "~/utils/db.server";
import { gateArtifact } from "~/modules/artifacts/workflow";
import { periodStartOf, type Cadence } from "~/modules/metrics/periods";
import type { ProjectFacts } from "./facts";

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

const FACTS_SELECT = {
  id: true,
  stage: true,
  status: true,
  ...FACT_COLUMNS_SELECT,
  proposerId: true,
  ownerId: true,
  steadyStateOwner: { select: { name: true } },
  roles: { select: { userId: true, role: true, acknowledgedAt: true } },
  artifacts: {
    select: {
      id: true,
      kind: true,
      state: true,
      version: true,
      url: true,
      body: true,
      checksPassed: true,
      approvedVersion: true,
      approvedChecksPassed: true,
      _count: { select: { actionItems: { where: { doneAt: null } } } },
    },
  },
  milestones: { select: { dueDate: true, ownerId: true, state: true } },
  _count: { select: { tenets: true } },
  metrics: {
    select: {
      id: true,
      kind: true,
      target: true,
      direction: true,
      retiredAt: true,
      cadence: true,
      drives: { select: { outputId: true } },
      values: { select: { periodStart: true, value: true }, orderBy: { periodStart: "desc" }, take: RECENT_VALUES },
    },
  },
} satisfies Prisma.ProjectSelect;

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

type FactsRow = Prisma.ProjectGetPayload<{ select: typeof FACTS_SELECT }>;

/** Gathers the facts the gate rules read for one project, in a fixed number of queries. */
export async function loadFacts(db: Client, projectId: string): Promise<ProjectFacts | null> {
  return (await loadFactsMany(db, [projectId])).get(projectId) ?? null;
}

/** Facts of many projects at once: one query per relation, not one per project. */
export async function loadFactsMany(db: Client, projectIds: string[]): Promise<Map<string, ProjectFacts>> {
  const rows = await db.project.findMany({ where: { id: { in: projectIds } }, select: FACTS_SELECT });
  return new Map(rows.map((row) => [row.id, toFacts(row)]));
}

function toFacts(project: FactsRow): ProjectFacts {
  // Open action items of every COE that was not withdrawn.
  const openCoeActionItems = project.artifacts.reduce((n, a) => (a.kind === "coe" && a.state !== "withdrawn" ? n + a._count.actionItems : n), 0);
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
      steadyStateOwner: project.steadyStateOwner?.name ?? null,
    },
    proposerId: project.proposerId,
    ownerId: project.ownerId,
    roles: project.roles,
    artifacts: project.artifacts.map((a) => ({
      id: a.id,
      kind: a.kind,
      ...gateArtifact(a),
      hasContent: Boolean(a.url?.trim() || a.body?.trim()),
    })),
    tenetCount: project._count.tenets,
    milestones: project.milestones,
    metrics: project.metrics.map((m) => ({
      id: m.id,
      kind: m.kind,
      target: m.target,
      direction: m.direction,
      retired: m.retiredAt !== null,
      drives: m.drives.map((d) => d.outputId),
      lastPeriodAt: m.values[0]?.periodStart ?? null,
      recent: m.values.map((v) => v.value),
      consecutive: consecutiveRun(m.cadence, m.values.map((v) => v.periodStart)),
    })),
    openCoeActionItems,
  };
}

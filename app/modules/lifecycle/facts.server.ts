// The facts the gate rules read, as the rules want them (facts.ts), from the rows the lifecycle's
// queries return.
import { gateArtifact } from "~/modules/artifacts/workflow";
import { periodStartOf, type Cadence } from "~/modules/metrics/periods";
import type { Db, Tx } from "~/utils/db.server";
import type { ProjectFacts } from "./facts";
import { factRows, type FactRow } from "./queries.server";

type Client = Db | Tx;

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

/** Gathers the facts the gate rules read for one project, in a fixed number of queries. */
export async function loadFacts(db: Client, projectId: string): Promise<ProjectFacts | null> {
  return (await loadFactsMany(db, [projectId])).get(projectId) ?? null;
}

/** Facts of many projects, read in one statement. */
export async function loadFactsMany(db: Client, projectIds: string[]): Promise<Map<string, ProjectFacts>> {
  if (projectIds.length === 0) return new Map();
  const projects = await factRows(db, projectIds);
  return new Map(projects.map((p) => [p.id, toFacts(p)]));
}

function toFacts(project: FactRow): ProjectFacts {
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

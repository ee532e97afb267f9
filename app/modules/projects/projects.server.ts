import { STAGES, type StageKey } from "~/modules/lifecycle/stages";
import type { Db } from "~/utils/db.server";

export const BOARD_COLUMN_LIMIT = 25;
const OPEN_STATUSES = ["active", "on_hold"] as const;

/** The board: open projects per stage, longest in stage first, a bounded number per column. */
export async function getBoard(db: Db) {
  const [counts, closed, ...columns] = await Promise.all([
    db.project.groupBy({ by: ["stage"], where: { status: { in: [...OPEN_STATUSES] } }, _count: { _all: true } }),
    db.project.groupBy({ by: ["status"], where: { status: { in: ["stopped", "done"] } }, _count: { _all: true } }),
    ...STAGES.map((stage) =>
      db.project.findMany({
        where: { stage, status: { in: [...OPEN_STATUSES] } },
        orderBy: [{ stageEnteredAt: "asc" }, { number: "asc" }],
        take: BOARD_COLUMN_LIMIT,
        select: {
          key: true,
          title: true,
          status: true,
          stageEnteredAt: true,
          owner: { select: { name: true } },
          team: { select: { name: true } },
        },
      }),
    ),
  ]);
  const countOf = (stage: StageKey) => counts.find((c) => c.stage === stage)?._count._all ?? 0;
  return {
    columns: STAGES.map((stage, i) => ({ stage, total: countOf(stage), cards: columns[i] })),
    closed: Object.fromEntries(closed.map((c) => [c.status, c._count._all])) as Partial<Record<"stopped" | "done", number>>,
  };
}

/** Everything the project page shows, by key (GP-12). */
export async function getProjectByKey(db: Db, key: string) {
  return db.project.findUnique({
    where: { key },
    select: {
      id: true,
      key: true,
      title: true,
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
      status: true,
      stage: true,
      stageEnteredAt: true,
      version: true,
      createdAt: true,
      owner: { select: { id: true, name: true } },
      proposer: { select: { id: true, name: true } },
      steadyStateOwner: { select: { name: true } },
      team: { select: { name: true, slug: true } },
      parent: { select: { key: true, title: true } },
      forks: { select: { key: true, title: true, stage: true }, orderBy: { number: "asc" } },
      roles: { select: { role: true, acknowledgedAt: true, user: { select: { id: true, name: true } } }, orderBy: { createdAt: "asc" } },
      artifacts: {
        where: { state: { not: "withdrawn" } },
        select: { id: true, kind: true, stage: true, title: true, url: true, state: true, version: true },
        orderBy: [{ stage: "asc" }, { createdAt: "asc" }],
      },
      gateReviews: {
        orderBy: [{ requestedAt: "desc" }],
        take: 50,
        select: {
          id: true,
          stage: true,
          requestedAt: true,
          decidedAt: true,
          decision: true,
          rationale: true,
          revisitDate: true,
          recycleTo: true,
          condition: true,
          conditionDueDate: true,
          overrideReason: true,
          playbookVersion: true,
          checklist: true,
          requestedBy: { select: { name: true } },
          decidedBy: { select: { name: true } },
        },
      },
    },
  });
}

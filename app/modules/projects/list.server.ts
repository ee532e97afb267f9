// The board and the table as their pages show them: the rows, counts and filter choices of a
// filter, cached per data version, with the clock-dependent flags computed on each request. The
// SQL they run is in queries.server.ts.
import { nextGate, utcDay } from "~/modules/lifecycle/time-in-stage";
import type { Db } from "~/utils/db.server";
import { readCache } from "~/utils/read-cache.server";
import { listTeams } from "./projects.server";
import type { ListParams } from "./list-params";
import { getBoard, listOwners, listProjects, type ProjectListRow } from "./queries.server";
import { headlineHealth, type CardHealth } from "~/modules/metrics/health.server";

export type OverdueFlag = { kind: "hold" | "condition" | "milestone"; date: Date };

/**
 * What is past its date on an open project (issue 27, item 5): a Hold past its revisit day or a
 * condition past its due day (the next gate date of time-in-stage.ts), else a milestone not done
 * past its due day. The dates are cached with the rows; the clock is read on each request.
 */
export function overdueFlag(row: Pick<ProjectListRow, "status" | "revisitAt" | "conditionDueAt" | "milestoneDueAt">, now: Date): OverdueFlag | null {
  if (row.status !== "active" && row.status !== "on_hold") return null;
  const gate = nextGate({ status: "active", stageEnteredAt: now, revisitAt: row.revisitAt, conditionDueAt: row.conditionDueAt }, null, now);
  if (gate?.overdue && gate.kind !== "expected") return { kind: gate.kind, date: gate.date };
  if (row.milestoneDueAt && utcDay(row.milestoneDueAt) < utcDay(now)) return { kind: "milestone", date: row.milestoneDueAt };
  return null;
}

/** The flag's words, the same on the card, the project page and My work. */
export const OVERDUE_LABELS: Record<OverdueFlag["kind"], string> = {
  hold: "Hold past revisit date",
  condition: "Condition overdue",
  milestone: "Milestone overdue",
};

type Filters = { teams: { id: string; slug: string; name: string }[]; owners: { id: string; name: string }[] };

async function filters(db: Db): Promise<Filters> {
  return { teams: await listTeams(db), owners: await listOwners(db) };
}

// The board and the table are read far more often than projects change, by everyone with the
// same filter: their rows, counts and filter choices are cached per data version like the
// dashboard (decision 23). Only "mine" is per person. Days in stage and overdue flags follow
// the clock, so the pages compute them from the cached dates on every request.
const boardCache = readCache<Filters & { columns: Awaited<ReturnType<typeof getBoard>>; health: Record<string, CardHealth> }>({ max: 500, ttlMs: 60_000 });
const tableCache = readCache<Filters & { list: Awaited<ReturnType<typeof listProjects>> }>({ max: 500, ttlMs: 60_000 });

const cacheKey = (params: ListParams, userId: string) => JSON.stringify([params, params.mine ? userId : null]);

export function getBoardPage(db: Db, params: ListParams, userId: string) {
  return boardCache(db, cacheKey(params, userId), async () => {
    const columns = await getBoard(db, params, userId);
    // Each card's headline output: on or off target, and the points that need a note (issue 13, item 8).
    const health = await headlineHealth(
      db,
      columns.flatMap((c) => c.cards.map((card) => card.id)),
    );
    return { columns, health: Object.fromEntries(health), ...(await filters(db)) };
  });
}

export function getTablePage(db: Db, params: ListParams, userId: string) {
  return tableCache(db, cacheKey(params, userId), async () => ({ list: await listProjects(db, params, userId), ...(await filters(db)) }));
}

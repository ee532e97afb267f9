// The board, the table and the CSV export read projects through one SQL builder: the
// filter is written once, sorting uses a fixed list of expressions, and each page is one
// statement with its joins (see README, decision 13).
import { nextGate } from "~/modules/lifecycle/time-in-stage";
import { Prisma } from "~/generated/prisma/client";
import { PROJECT_STATUSES, STAGES, type StageKey } from "~/modules/lifecycle/stages";
import type { Db } from "~/utils/db.server";
import { dialectOf, type Dialect } from "~/utils/dialect.server";
import { readCache } from "~/utils/read-cache.server";
import { col, queryOne, queryRows } from "~/utils/rows.server";
import { z } from "zod";
import { listTeams } from "./projects.server";
import type { GroupColumn, ListParams, SortColumn } from "./list-params";
import { boardColumns } from "./board";
import { headlineHealth, type CardHealth } from "~/modules/metrics/health.server";

export const BOARD_COLUMN_LIMIT = 20;

const ListRow = z.object({
  id: col.text,
  key: col.text,
  title: col.text,
  customer: col.textOrNull,
  stage: col.oneOf(STAGES),
  status: col.oneOf(PROJECT_STATUSES),
  stageEnteredAt: col.date,
  updatedAt: col.date,
  gateMustMet: col.number,
  gateMustTotal: col.number,
  gateDebt: col.number,
  revisitAt: col.dateOrNull,
  conditionDueAt: col.dateOrNull,
  ownerName: col.textOrNull,
  teamName: col.textOrNull,
});
export type ProjectListRow = z.output<typeof ListRow>;

const SELECT = Prisma.sql`p."id", p."key", p."title", p."customer", p."stage", p."status", p."stageEnteredAt", p."updatedAt",
  p."gateMustMet", p."gateMustTotal", p."gateDebt", p."revisitAt", p."conditionDueAt", o."name" AS "ownerName", t."name" AS "teamName"`;
const FROM = Prisma.sql`FROM "Project" p LEFT JOIN "User" o ON o."id" = p."ownerId" LEFT JOIN "Team" t ON t."id" = p."teamId"`;

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The WHERE clause of a list. `openOnly` keeps active and on-hold projects when no status is chosen. */
export function whereSql(d: Dialect, params: ListParams, userId: string, openOnly: boolean): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  if (params.q) {
    const like = `%${escapeLike(params.q)}%`;
    parts.push(Prisma.sql`(${d.matches(Prisma.sql`p."title"`, like)} OR ${d.matches(Prisma.sql`p."customer"`, like)} OR p."key" = ${params.q.toUpperCase()})`);
  }
  if (params.stage) parts.push(Prisma.sql`p."stage" = ${params.stage}`);
  if (params.status) parts.push(Prisma.sql`p."status" = ${params.status}`);
  else if (openOnly) parts.push(Prisma.sql`p."status" IN ('active', 'on_hold')`);
  if (params.team) parts.push(Prisma.sql`p."teamId" IN (SELECT tt."id" FROM "Team" tt WHERE tt."slug" = ${params.team})`);
  if (params.owner) parts.push(Prisma.sql`p."ownerId" = ${params.owner}`);
  if (params.mine === "own") parts.push(Prisma.sql`p."ownerId" = ${userId}`);
  if (params.mine === "decide") {
    parts.push(Prisma.sql`EXISTS (SELECT 1 FROM "ProjectRole" r WHERE r."projectId" = p."id" AND r."userId" = ${userId} AND r."role" = 'decider')`);
  }
  if (params.mine === "involved") {
    parts.push(
      Prisma.sql`(p."ownerId" = ${userId} OR p."proposerId" = ${userId} OR EXISTS (SELECT 1 FROM "ProjectRole" r WHERE r."projectId" = p."id" AND r."userId" = ${userId}))`,
    );
  }
  return parts.length ? Prisma.sql`WHERE ${Prisma.join(parts, " AND ")}` : Prisma.empty;
}

// Only these expressions can reach ORDER BY; names missing from the map cannot be sorted by.
const ORDER: Record<SortColumn | GroupColumn, { asc: string; desc: string }> = {
  key: { asc: `p."number" ASC`, desc: `p."number" DESC` },
  // Names sort without regard to case, as people read them.
  title: { asc: `lower(p."title") ASC`, desc: `lower(p."title") DESC` },
  stage: { asc: `p."stageRank" ASC`, desc: `p."stageRank" DESC` },
  // By the status's name as text on both databases (PostgreSQL would sort its enum by declaration).
  status: { asc: `CAST(p."status" AS TEXT) ASC`, desc: `CAST(p."status" AS TEXT) DESC` },
  owner: { asc: `o."name" IS NULL, lower(o."name") ASC`, desc: `o."name" IS NULL, lower(o."name") DESC` },
  team: { asc: `t."name" IS NULL, lower(t."name") ASC`, desc: `t."name" IS NULL, lower(t."name") DESC` },
  // More days in stage means an earlier entry.
  days: { asc: `p."stageEnteredAt" DESC`, desc: `p."stageEnteredAt" ASC` },
  readiness: { asc: `p."gateReadiness" ASC`, desc: `p."gateReadiness" DESC` },
  debt: { asc: `p."gateDebt" ASC`, desc: `p."gateDebt" DESC` },
  updated: { asc: `p."updatedAt" ASC`, desc: `p."updatedAt" DESC` },
};

export function orderSql(params: ListParams): Prisma.Sql {
  const terms = [ORDER[params.sort][params.dir]];
  if (params.group) terms.unshift(ORDER[params.group].asc);
  if (params.sort !== "key") terms.push(ORDER.key.asc);
  return Prisma.raw(`ORDER BY ${terms.join(", ")}`);
}

async function count(db: Db, where: Prisma.Sql): Promise<number> {
  return (await queryOne(db, z.object({ n: col.number }), Prisma.sql`SELECT COUNT(*) AS "n" FROM "Project" p ${where}`)).n;
}

/**
 * The rows of one page, sorted and cut on the project table alone, then joined for names
 * (a "deferred join": only the page's rows are joined). Owner and team sorts join first.
 */
function pageSql(params: ListParams, where: Prisma.Sql, limit: number, offset: number): Prisma.Sql {
  const needsNames = [params.sort, params.group].some((c) => c === "owner" || c === "team");
  const order = orderSql(params);
  const inner = needsNames
    ? Prisma.sql`SELECT p."id" ${FROM} ${where} ${order} LIMIT ${limit} OFFSET ${offset}`
    : Prisma.sql`SELECT p."id" FROM "Project" p ${where} ${order} LIMIT ${limit} OFFSET ${offset}`;
  return Prisma.sql`SELECT ${SELECT} FROM (${inner}) AS pg JOIN "Project" p ON p."id" = pg."id" LEFT JOIN "User" o ON o."id" = p."ownerId" LEFT JOIN "Team" t ON t."id" = p."teamId" ${order}`;
}

/** One page of the table; a page past the end becomes the last page. */
export async function listProjects(db: Db, params: ListParams, userId: string) {
  const where = whereSql(dialectOf(db), params, userId, false);
  const total = await count(db, where);
  const pages = Math.max(1, Math.ceil(total / params.size));
  const page = Math.min(params.page, pages);
  const rows = await queryRows(db, ListRow, pageSql(params, where, params.size, (page - 1) * params.size));
  return { rows, total, page, pages };
}

/** People who own at least one project, for the owner filter. */
export function listOwners(db: Db): Promise<{ id: string; name: string }[]> {
  return queryRows(
    db,
    z.object({ id: col.text, name: col.text }),
    Prisma.sql`SELECT u."id", u."name" FROM "User" u WHERE EXISTS (SELECT 1 FROM "Project" p WHERE p."ownerId" = u."id") ORDER BY u."name"`,
  );
}

/** Every row of the filter in table order, a batch at a time, for streaming exports. */
export async function* projectBatches(db: Db, params: ListParams, userId: string, batch = 1000) {
  const where = whereSql(dialectOf(db), params, userId, false);
  for (let offset = 0; ; offset += batch) {
    const rows = await queryRows(db, ListRow, pageSql(params, where, batch, offset));
    if (rows.length > 0) yield rows;
    if (rows.length < batch) return;
  }
}

/**
 * The board: per stage, the count and the first cards (longest in stage first) of the
 * filter, open projects unless a status is chosen. Two statements for all six columns.
 */
export async function getBoard(db: Db, params: ListParams, userId: string) {
  const where = whereSql(dialectOf(db), { ...params, stage: undefined }, userId, true);
  // Grouped by status too, so the (status, stage) index answers it alone (15 ms to 1 ms at 10,000 projects).
  const counts = await queryRows(
    db,
    z.object({ stage: col.oneOf(STAGES), n: col.number }),
    Prisma.sql`SELECT p."stage" AS "stage", COUNT(*) AS "n" FROM "Project" p ${where} GROUP BY p."status", p."stage"`,
  );
  const stageFilter = (stage: StageKey) => (where === Prisma.empty ? Prisma.sql`WHERE p."stage" = ${stage}` : Prisma.sql`${where} AND p."stage" = ${stage}`);
  const columns = Prisma.join(
    STAGES.map(
      (stage, i) =>
        Prisma.sql`SELECT * FROM (SELECT ${SELECT} ${FROM} ${stageFilter(stage)} ORDER BY p."stageEnteredAt" ASC, p."number" ASC LIMIT ${BOARD_COLUMN_LIMIT}) AS ${Prisma.raw(`c${i}`)}`,
    ),
    " UNION ALL ",
  );
  const cards = await queryRows(db, ListRow, columns);
  return boardColumns(STAGES, counts, cards);
}

/** A Hold past its revisit date, or a Conditional Go's condition past its due date. */
/** A Hold past its revisit day or a condition past its due day (the next gate date of time-in-stage.ts). */
export function overdueFlag(row: Pick<ProjectListRow, "revisitAt" | "conditionDueAt">, now: Date): { kind: "hold" | "condition"; date: Date } | null {
  const gate = nextGate({ status: "active", stageEnteredAt: now, revisitAt: row.revisitAt, conditionDueAt: row.conditionDueAt }, null, now);
  return gate?.overdue && gate.kind !== "expected" ? { kind: gate.kind, date: gate.date } : null;
}

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

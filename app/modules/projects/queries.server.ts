// Every raw SQL read of the projects domain, in one place: the board, the table and the CSV
// export (one filter builder, a fixed list of sort expressions, each page one statement with its
// joins; decision 13), the project page's frame and tabs, and the plan. Fragments the two
// databases spell differently come from the dialect module; rows are parsed where they arrive.
import type { SnapshotSignature } from "~/modules/lifecycle/quorum";
import {
  ARTIFACT_KINDS,
  ARTIFACT_STATES,
  DECISION_KINDS,
  MILESTONE_STATES,
  PROJECT_ROLE_KINDS,
  PROJECT_STATUSES,
  STAGES,
  type StageKey,
} from "~/modules/lifecycle/stages";
import { Prisma } from "~/generated/prisma/client";
import { FACT_COLUMNS_SQL } from "~/modules/lifecycle/queries.server";
import type { Db } from "~/utils/db.server";
import { columnsOf, dialectOf, type Dialect } from "~/utils/dialect.server";
import { col, queryOne, queryRows } from "~/utils/rows.server";
import { z } from "zod";
import { PROJECT_TEXT_FIELDS } from "./project-form";
import type { GroupColumn, ListParams, SortColumn } from "./list-params";
import { boardColumns } from "./board";
import type { ChecklistArtifact } from "~/modules/artifacts/checklist";

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
  milestoneDueAt: col.dateOrNull,
  ownerId: col.textOrNull,
  ownerName: col.textOrNull,
  proposerId: col.textOrNull,
  teamId: col.textOrNull,
  teamName: col.textOrNull,
});
export type ProjectListRow = z.output<typeof ListRow>;

/** The earliest due date of a project's milestones not done or cancelled (the Milestone(projectId, dueDate) index), for the overdue flag. */
const MILESTONE_DUE = Prisma.sql`(SELECT MIN(m."dueDate") FROM "Milestone" m WHERE m."projectId" = p."id" AND m."state" NOT IN ('done', 'cancelled')) AS "milestoneDueAt"`;

const SELECT = Prisma.sql`p."id", p."key", p."title", p."customer", p."stage", p."status", p."stageEnteredAt", p."updatedAt",
  p."gateMustMet", p."gateMustTotal", p."gateDebt", p."revisitAt", p."conditionDueAt", ${MILESTONE_DUE}, p."ownerId", o."name" AS "ownerName", p."proposerId", p."teamId", t."name" AS "teamName"`;
const FROM = Prisma.sql`FROM "Project" p LEFT JOIN "User" o ON o."id" = p."ownerId" LEFT JOIN "Team" t ON t."id" = p."teamId"`;

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * The WHERE clause of a list. `openOnly` keeps active and on-hold projects when no status is
 * chosen; `only` keeps the one project a project's API token reads.
 */
export function whereSql(d: Dialect, params: ListParams, userId: string, openOnly: boolean, only?: string): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  if (only) parts.push(Prisma.sql`p."id" = ${only}`);
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
export async function listProjects(db: Db, params: ListParams, userId: string, only?: string) {
  const where = whereSql(dialectOf(db), params, userId, false, only);
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

// Stages sort in their order on both databases (text sorts them by name, an enum by declaration).
const stageRankSql = (column: Prisma.Sql) => Prisma.sql`CASE ${column} ${Prisma.raw(STAGES.map((stage, i) => `WHEN '${stage}' THEN ${i}`).join(" "))} END`;

// A LEFT JOINed row: the object when the join found one, null otherwise.
const named = <T>(joined: string | null, value: T): T | null => (joined === null ? null : value);

// The gate reviews the project page shows, newest request first: the frame and the tabs read the same ones.
const NEWEST_REVIEWS = Prisma.sql`(SELECT * FROM "GateReview" x WHERE x."projectId" = p."id" ORDER BY x."requestedAt" DESC LIMIT 50)`;

const factColumns = Object.fromEntries(PROJECT_TEXT_FIELDS.map((c) => [c, col.textOrNull])) as Record<
  (typeof PROJECT_TEXT_FIELDS)[number],
  typeof col.textOrNull
>;

const PageRow = z.object({
  id: col.text,
  key: col.text,
  title: col.text,
  ...factColumns,
  launchedAt: col.dateOrNull,
  status: col.oneOf(PROJECT_STATUSES),
  stage: col.oneOf(STAGES),
  stageEnteredAt: col.date,
  version: col.number,
  createdAt: col.date,
  revisitAt: col.dateOrNull,
  conditionDueAt: col.dateOrNull,
  teamId: col.textOrNull,
  ownerId: col.textOrNull,
  ownerName: col.textOrNull,
  proposerId: col.textOrNull,
  proposerName: col.textOrNull,
  steadyStateOwnerId: col.textOrNull,
  steadyStateOwnerName: col.textOrNull,
  teamName: col.textOrNull,
  teamSlug: col.textOrNull,
  parentKey: col.textOrNull,
  parentTitle: col.textOrNull,
  forks: col.jsonArray(z.object({ key: col.text, title: col.text, stage: col.oneOf(STAGES) })),
  roles: col.jsonArray(z.object({ id: col.text, role: col.oneOf(PROJECT_ROLE_KINDS), acknowledgedAt: col.dateOrNull, userId: col.text, userName: col.text })),
  /** The page's artifacts are the checklist's. */
  artifacts: col.jsonArray(
    z.object({
      id: col.text,
      kind: col.oneOf(ARTIFACT_KINDS),
      stage: col.oneOf(STAGES),
      title: col.text,
      state: col.oneOf(ARTIFACT_STATES),
      version: col.number,
      approvedVersion: col.numberOrNull,
      checksPassed: col.bool,
      approvedChecksPassed: col.bool,
    }) satisfies z.ZodType<ChecklistArtifact, z.ZodTypeDef, unknown>,
  ),
  reviews: col.jsonArray(
    z.object({
      id: col.text,
      stage: col.oneOf(STAGES),
      requestedAt: col.date,
      decidedAt: col.dateOrNull,
      decision: col.oneOf(DECISION_KINDS).nullable(),
      rationale: col.textOrNull,
      revisitDate: col.dateOrNull,
      recycleTo: col.oneOf(STAGES).nullable(),
      condition: col.textOrNull,
      conditionDueDate: col.dateOrNull,
      overrideReason: col.textOrNull,
      playbookVersion: col.numberOrNull,
      checklist: col.json,
      artifactVersions: col.json,
      quorum: col.numberOrNull,
      signatures: col.json.transform((v) => v as SnapshotSignature[] | null),
      requestedByName: col.textOrNull,
      decidedByName: col.textOrNull,
    }),
  ),
});

const FrameRow = PageRow.pick({
  id: true,
  teamId: true,
  key: true,
  title: true,
  status: true,
  stage: true,
  stageEnteredAt: true,
  createdAt: true,
  revisitAt: true,
  conditionDueAt: true,
  ownerId: true,
  ownerName: true,
  teamName: true,
  teamSlug: true,
  parentKey: true,
  parentTitle: true,
}).extend({
  decided: col.jsonArray(
    z.object({
      stage: col.oneOf(STAGES),
      decision: col.oneOf(DECISION_KINDS),
      decidedAt: col.date,
      recycleTo: col.oneOf(STAGES).nullable(),
      decidedByName: col.textOrNull,
    }),
  ),
  milestoneDueAt: col.dateOrNull,
  /** Everyone who signed the newest decision as it was applied, in signing order (a quorum's credit). */
  lastSigners: col.jsonArray(z.string()),
});

/**
 * What the project page's frame shows around every tab, by key: the project with its joined
 * names and its decided gate reviews, newest first, for the stage path and the last decision.
 * The tabs read the rest; this read builds no JSON of artifacts, roles or decision snapshots,
 * which the frame would only throw away (the frame and a tab load on every page view).
 */
export async function getProjectFrame(db: Db, key: string) {
  const d = dialectOf(db);
  const [row] = await queryRows(
    db,
    FrameRow,
    Prisma.sql`
    SELECT p."id", p."key", p."title", p."status", p."stage", p."stageEnteredAt", p."createdAt", p."revisitAt", p."conditionDueAt", p."teamId", ${MILESTONE_DUE},
      o."id" AS "ownerId", o."name" AS "ownerName", t."name" AS "teamName", t."slug" AS "teamSlug", pp."key" AS "parentKey", pp."title" AS "parentTitle",
      (SELECT ${d.jsonAgg(
        d.jsonObject({ ...columnsOf("g", ["stage", "decision", "decidedAt", "recycleTo"]), decidedByName: Prisma.sql`dc."name"` }),
        Prisma.sql`g."requestedAt" DESC`,
      )}
        FROM ${NEWEST_REVIEWS} g
          LEFT JOIN "User" dc ON dc."id" = g."decidedById"
        WHERE g."decidedAt" IS NOT NULL AND g."decision" IS NOT NULL) AS "decided",
      (SELECT ${d.jsonAgg(Prisma.sql`su."name"`, Prisma.sql`s."signedAt"`)}
        FROM "GateSignature" s
          JOIN "User" su ON su."id" = s."userId"
          JOIN "GateReview" lg ON lg."id" = s."reviewId" AND lg."decision" = s."decision"
        WHERE lg."id" = (SELECT g2."id" FROM "GateReview" g2 WHERE g2."projectId" = p."id" AND g2."decidedAt" IS NOT NULL ORDER BY g2."decidedAt" DESC LIMIT 1)) AS "lastSigners"
    FROM "Project" p
      LEFT JOIN "User" o ON o."id" = p."ownerId"
      LEFT JOIN "Team" t ON t."id" = p."teamId"
      LEFT JOIN "Project" pp ON pp."id" = p."parentId"
    WHERE p."key" = ${key}`,
  );
  if (!row) return null;
  const { ownerId, ownerName, teamName, teamSlug, parentKey, parentTitle, decided, ...project } = row;
  return {
    ...project,
    owner: named(ownerId, { id: ownerId!, name: ownerName! }),
    team: named(teamSlug, { name: teamName!, slug: teamSlug! }),
    parent: named(parentKey, { key: parentKey!, title: parentTitle! }),
    decided: decided.map(({ decidedByName, ...r }) => ({ ...r, decidedBy: named(decidedByName, { name: decidedByName! }) })),
  };
}

/**
 * Everything the project page shows, by key (GP-12), in one SQL statement: the project with its
 * joined names, and its forks, roles, artifacts and newest 50 gate reviews as JSON arrays built
 * by the database, where Prisma's nested select made thirteen queries (decision 42).
 */
export async function getProjectByKey(db: Db, key: string) {
  const d = dialectOf(db);
  const [row] = await queryRows(
    db,
    PageRow,
    Prisma.sql`
    SELECT p."id", p."key", p."title", ${FACT_COLUMNS_SQL},
      p."status", p."stage", p."stageEnteredAt", p."version", p."createdAt", p."revisitAt", p."conditionDueAt", p."teamId",
      o."id" AS "ownerId", o."name" AS "ownerName", pr."id" AS "proposerId", pr."name" AS "proposerName", so."id" AS "steadyStateOwnerId", so."name" AS "steadyStateOwnerName",
      t."name" AS "teamName", t."slug" AS "teamSlug", pp."key" AS "parentKey", pp."title" AS "parentTitle",
      (SELECT ${d.jsonAgg(d.jsonObject(columnsOf("f", ["key", "title", "stage"])), Prisma.sql`f."number"`)}
        FROM "Project" f WHERE f."parentId" = p."id") AS "forks",
      (SELECT ${d.jsonAgg(
        d.jsonObject({ ...columnsOf("r", ["id", "role", "acknowledgedAt"]), userId: Prisma.sql`u."id"`, userName: Prisma.sql`u."name"` }),
        Prisma.sql`r."createdAt"`,
      )}
        FROM "ProjectRole" r JOIN "User" u ON u."id" = r."userId" WHERE r."projectId" = p."id") AS "roles",
      (SELECT ${d.jsonAgg(
        d.jsonObject(columnsOf("a", ["id", "kind", "stage", "title", "state", "version", "approvedVersion", "checksPassed", "approvedChecksPassed"])),
        Prisma.sql`a."stageRank", a."createdAt"`,
      )}
        FROM (SELECT x.*, ${stageRankSql(Prisma.sql`x."stage"`)} AS "stageRank" FROM "Artifact" x WHERE x."projectId" = p."id" AND x."state" <> 'withdrawn') a) AS "artifacts",
      (SELECT ${d.jsonAgg(
        d.jsonObject({
          ...columnsOf("g", ["id", "stage", "requestedAt", "decidedAt", "decision", "rationale", "revisitDate", "recycleTo", "condition", "conditionDueDate"]),
          ...columnsOf("g", ["overrideReason", "playbookVersion", "quorum"]),
          checklist: d.jsonValue(Prisma.sql`g."checklist"`),
          artifactVersions: d.jsonValue(Prisma.sql`g."artifactVersions"`),
          signatures: d.jsonValue(Prisma.sql`g."signatures"`),
          requestedByName: Prisma.sql`rq."name"`,
          decidedByName: Prisma.sql`dc."name"`,
        }),
        Prisma.sql`g."requestedAt" DESC`,
      )}
        FROM ${NEWEST_REVIEWS} g
          LEFT JOIN "User" rq ON rq."id" = g."requestedById" LEFT JOIN "User" dc ON dc."id" = g."decidedById") AS "reviews"
    FROM "Project" p
      LEFT JOIN "User" o ON o."id" = p."ownerId"
      LEFT JOIN "User" pr ON pr."id" = p."proposerId"
      LEFT JOIN "User" so ON so."id" = p."steadyStateOwnerId"
      LEFT JOIN "Team" t ON t."id" = p."teamId"
      LEFT JOIN "Project" pp ON pp."id" = p."parentId"
    WHERE p."key" = ${key}`,
  );
  if (!row) return null;
  const {
    ownerId,
    ownerName,
    proposerId,
    proposerName,
    steadyStateOwnerId,
    steadyStateOwnerName,
    teamName,
    teamSlug,
    parentKey,
    parentTitle,
    roles,
    reviews,
    ...project
  } = row;
  return {
    ...project,
    owner: named(ownerId, { id: ownerId!, name: ownerName! }),
    proposer: named(proposerId, { id: proposerId!, name: proposerName! }),
    steadyStateOwner: named(steadyStateOwnerId, { id: steadyStateOwnerId!, name: steadyStateOwnerName! }),
    team: named(teamSlug, { name: teamName!, slug: teamSlug! }),
    parent: named(parentKey, { key: parentKey!, title: parentTitle! }),
    roles: roles.map(({ userId, userName, ...r }) => ({ ...r, user: { id: userId, name: userName } })),
    gateReviews: reviews.map(({ requestedByName, decidedByName, ...r }) => ({
      ...r,
      requestedBy: named(requestedByName, { name: requestedByName! }),
      decidedBy: named(decidedByName, { name: decidedByName! }),
    })),
  };
}

/** Tenets, milestones and decisions of a project: three statements, names joined in. */
export async function getPlan(db: Db, projectId: string) {
  const tenets = await queryRows(
    db,
    z.object({ id: col.text, position: col.number, title: col.text, body: col.text, kind: col.oneOf(["foundational", "aspirational"]) }),
    Prisma.sql`SELECT t."id", t."position", t."title", t."body", t."kind" FROM "Tenet" t WHERE t."projectId" = ${projectId} ORDER BY t."position"`,
  );
  // Undated milestones last, as SQLite sorted them before PostgreSQL ran this too.
  const milestones = await queryRows(
    db,
    z.object({ id: col.text, title: col.text, dueDate: col.dateOrNull, state: col.oneOf(MILESTONE_STATES), ownerName: col.textOrNull }),
    Prisma.sql`
    SELECT m."id", m."title", m."dueDate", m."state", u."name" AS "ownerName"
    FROM "Milestone" m LEFT JOIN "User" u ON u."id" = m."ownerId" WHERE m."projectId" = ${projectId} ORDER BY m."dueDate" NULLS FIRST, m."createdAt"`,
  );
  const decisions = await queryRows(
    db,
    z.object({
      id: col.text,
      title: col.text,
      door: col.oneOf(["one_way", "two_way"]),
      options: col.json,
      chosen: col.text,
      rationale: col.text,
      dissent: col.json,
      decidedAt: col.date,
      deciderName: col.text,
    }),
    Prisma.sql`
    SELECT d."id", d."title", d."door", d."options", d."chosen", d."rationale", d."dissent", d."decidedAt", u."name" AS "deciderName"
    FROM "Decision" d JOIN "User" u ON u."id" = d."deciderId" WHERE d."projectId" = ${projectId} ORDER BY d."decidedAt" DESC LIMIT 50`,
  );
  return {
    tenets,
    milestones: milestones.map(({ ownerName, ...m }) => ({ ...m, owner: ownerName === null ? null : { name: ownerName } })),
    decisions: decisions.map(({ deciderName, ...d }) => ({ ...d, decider: { name: deciderName } })),
  };
}

// Every raw SQL statement of the metrics domain, in one place: definitions as the pages show
// them, values since a date, the headline output of page 0 and of the board's cards, the weekly
// business review's rows, and the value upserts. Fragments the two databases spell differently
// come from the dialect module; rows are parsed where they arrive.
import { randomUUID } from "node:crypto";
import { Prisma } from "~/generated/prisma/client";
import { PROJECT_ROLE_KINDS, STAGES } from "~/modules/lifecycle/stages";
import type { Db, Tx } from "~/utils/db.server";
import { dialectOf, type Column } from "~/utils/dialect.server";
import { col, queryOne, queryRows } from "~/utils/rows.server";
import { groupBy } from "~/utils/sql.server";
import { z } from "zod";
import type { ValueRow as CheckedValueRow } from "./value-rows";

/** A metric's definition, as the pages show it. */
const DefinitionRow = z.object({
  id: col.text,
  name: col.text,
  definition: col.text,
  kind: col.oneOf(["input", "output"]),
  unit: col.text,
  isRate: col.bool,
  allowsNegative: col.bool,
  aggregate: col.oneOf(["sum", "mean"]),
  direction: col.oneOf(["higher", "lower"]),
  target: col.numberOrNull,
  cadence: col.oneOf(["daily", "weekly", "monthly"]),
  retiredAt: col.dateOrNull,
  ownerId: col.textOrNull,
  ownerName: col.textOrNull,
});
type DefinitionRow = z.output<typeof DefinitionRow>;
const ValueRow = z.object({ metricId: col.text, periodStart: col.date, value: col.number });

const DEFINITION_COLUMNS = Prisma.sql`m."id", m."name", m."definition", m."kind", m."unit", m."isRate", m."allowsNegative", m."aggregate", m."direction", m."target", m."cadence",
  m."retiredAt", m."ownerId", o."name" AS "ownerName"`;

function definition({ ownerName, ...row }: DefinitionRow) {
  return { ...row, owner: ownerName === null ? null : { name: ownerName } };
}

/**
 * A project's metrics in causal order: inputs first, then outputs, each with its links and
 * newest value (found through the (metric, period) index); retired ones last. Two statements.
 */
export async function listProjectMetrics(db: Db, projectId: string) {
  const metrics = await queryRows(
    db,
    DefinitionRow.extend({ latestStart: col.dateOrNull, latestValue: col.numberOrNull }),
    Prisma.sql`
    SELECT ${DEFINITION_COLUMNS}, lv."periodStart" AS "latestStart", lv."value" AS "latestValue"
    FROM "Metric" m LEFT JOIN "User" o ON o."id" = m."ownerId"
      LEFT JOIN "MetricValue" lv ON lv."id" = (SELECT v."id" FROM "MetricValue" v WHERE v."metricId" = m."id" ORDER BY v."periodStart" DESC LIMIT 1)
    WHERE m."projectId" = ${projectId} ORDER BY m."retiredAt" NULLS FIRST, m."kind", m."createdAt"`,
  );
  const links = await queryRows(
    db,
    z.object({ inputId: col.text, outputId: col.text }),
    Prisma.sql`SELECT l."inputId", l."outputId" FROM "MetricLink" l JOIN "Metric" m ON m."id" = l."inputId" WHERE m."projectId" = ${projectId}`,
  );
  const drivesOf = groupBy(links, "inputId");
  return metrics.map(({ latestStart, latestValue, ...m }) => ({
    ...definition(m),
    drives: (drivesOf.get(m.id) ?? []).map((l) => l.outputId),
    latest: latestStart === null || latestValue === null ? null : { periodStart: latestStart, value: latestValue },
  }));
}

/**
 * Each live metric of a project with its newest value as of `since` (the newest period before
 * it) and its newest value now, for "since the last decision": one statement on the (metric,
 * period) index.
 */
export function metricValuesThenAndNow(db: Db, projectId: string, since: Date) {
  return queryRows(
    db,
    z.object({ id: col.text, name: col.text, target: col.numberOrNull, then: col.numberOrNull, now: col.numberOrNull }),
    Prisma.sql`
    SELECT m."id", m."name", m."target",
      (SELECT v."value" FROM "MetricValue" v WHERE v."metricId" = m."id" AND v."periodStart" < ${since} ORDER BY v."periodStart" DESC LIMIT 1) AS "then",
      (SELECT v."value" FROM "MetricValue" v WHERE v."metricId" = m."id" ORDER BY v."periodStart" DESC LIMIT 1) AS "now"
    FROM "Metric" m WHERE m."projectId" = ${projectId} AND m."retiredAt" IS NULL ORDER BY m."kind", m."createdAt"`,
  );
}

/** One metric with its links, its project's people, and its values and notes since `since` (for the 6-12 view), oldest first. */
export async function getMetric(db: Db, metricId: string, since: Date) {
  const [row] = await queryRows(
    db,
    DefinitionRow.extend({
      projectId: col.text,
      projectKey: col.text,
      projectTitle: col.text,
      proposerId: col.textOrNull,
      projectOwnerId: col.textOrNull,
      projectTeamId: col.textOrNull,
    }),
    Prisma.sql`
    SELECT ${DEFINITION_COLUMNS}, p."id" AS "projectId", p."key" AS "projectKey", p."title" AS "projectTitle", p."proposerId", p."ownerId" AS "projectOwnerId", p."teamId" AS "projectTeamId"
    FROM "Metric" m JOIN "Project" p ON p."id" = m."projectId" LEFT JOIN "User" o ON o."id" = m."ownerId" WHERE m."id" = ${metricId}`,
  );
  if (!row) return null;
  const { projectId, projectKey, projectTitle, proposerId, projectOwnerId, projectTeamId, ...metric } = row;
  const roles = await queryRows(
    db,
    z.object({ userId: col.text, role: col.oneOf(PROJECT_ROLE_KINDS) }),
    Prisma.sql`SELECT r."userId", r."role" FROM "ProjectRole" r WHERE r."projectId" = ${projectId}`,
  );
  const links = await queryRows(
    db,
    z.object({ side: col.oneOf(["drives", "drivenBy"]), id: col.text, name: col.text }),
    Prisma.sql`
    SELECT 'drives' AS "side", o."id", o."name" FROM "MetricLink" l JOIN "Metric" o ON o."id" = l."outputId" WHERE l."inputId" = ${metricId}
    UNION ALL
    SELECT 'drivenBy' AS "side", i."id", i."name" FROM "MetricLink" l JOIN "Metric" i ON i."id" = l."inputId" WHERE l."outputId" = ${metricId}`,
  );
  const values = await queryRows(
    db,
    ValueRow.omit({ metricId: true }),
    Prisma.sql`SELECT v."periodStart", v."value" FROM "MetricValue" v WHERE v."metricId" = ${metricId} AND v."periodStart" >= ${since} ORDER BY v."periodStart"`,
  );
  const annotations = await queryRows(
    db,
    z.object({
      periodStart: col.date,
      kind: col.oneOf(["explanation", "anecdote", "exception", "investigating"]),
      body: col.text,
      createdAt: col.date,
      authorName: col.text,
    }),
    Prisma.sql`
    SELECT a."periodStart", a."kind", a."body", a."createdAt", u."name" AS "authorName"
    FROM "Annotation" a JOIN "User" u ON u."id" = a."authorId" WHERE a."metricId" = ${metricId} AND a."periodStart" >= ${since} ORDER BY a."createdAt"`,
  );
  return {
    ...definition(metric),
    drives: links.filter((l) => l.side === "drives").map(({ id, name }) => ({ output: { id, name } })),
    drivenBy: links.filter((l) => l.side === "drivenBy").map(({ id, name }) => ({ input: { id, name } })),
    project: { id: projectId, key: projectKey, title: projectTitle, teamId: projectTeamId, ownerId: projectOwnerId, proposerId, roles },
    values,
    annotations: annotations.map(({ authorName, ...a }) => ({ ...a, author: { name: authorName } })),
  };
}

/** Values of these metrics from `since` on, oldest first, by metric: one raw statement over the (metric, period) index. */
export async function valuesSince(db: Db, metricIds: string[], since: Date): Promise<Map<string, { metricId: string; periodStart: Date; value: number }[]>> {
  if (metricIds.length === 0) return new Map();
  const rows = await queryRows(
    db,
    ValueRow,
    Prisma.sql`
    SELECT v."metricId", v."periodStart", v."value" FROM "MetricValue" v
    WHERE v."metricId" IN (${Prisma.join(metricIds)}) AND v."periodStart" >= ${since} ORDER BY v."metricId", v."periodStart"`,
  );
  return groupBy(rows, "metricId");
}

/** A project's first output metric still in use, as page 0 heads with it. */
export async function firstLiveOutput(db: Db, projectId: string) {
  const [metric] = await queryRows(
    db,
    DefinitionRow.pick({ id: true, name: true, unit: true, isRate: true, aggregate: true, direction: true, target: true, cadence: true }),
    Prisma.sql`
    SELECT m."id", m."name", m."unit", m."isRate", m."aggregate", m."direction", m."target", m."cadence" FROM "Metric" m
    WHERE m."projectId" = ${projectId} AND m."kind" = 'output' AND m."retiredAt" IS NULL ORDER BY m."createdAt", m."id" LIMIT 1`,
  );
  return metric ?? null;
}

/** Up to `limit` live inputs that drive an output, the first defined first. */
export function liveInputsDriving(db: Db, outputId: string, limit: number) {
  return queryRows(
    db,
    DefinitionRow.pick({ id: true, name: true, unit: true, isRate: true, aggregate: true }),
    Prisma.sql`
    SELECT i."id", i."name", i."unit", i."isRate", i."aggregate" FROM "MetricLink" l JOIN "Metric" i ON i."id" = l."inputId"
    WHERE l."outputId" = ${outputId} AND i."retiredAt" IS NULL ORDER BY i."createdAt", i."id" LIMIT ${limit}`,
  );
}

/** Each project's first live output metric, as page 0 shows it, for many projects at once. */
export function headlineOutputs(db: Db, projectIds: readonly string[]) {
  return queryRows(
    db,
    z.object({ id: col.text, projectId: col.text, name: col.text, target: col.numberOrNull, direction: col.oneOf(["higher", "lower"]) }),
    Prisma.sql`
    SELECT m."id", m."projectId", m."name", m."target", m."direction" FROM "Metric" m
    WHERE m."projectId" IN (${Prisma.join(projectIds)}) AND m."kind" = 'output' AND m."retiredAt" IS NULL
      AND m."id" = (SELECT m2."id" FROM "Metric" m2 WHERE m2."projectId" = m."projectId" AND m2."kind" = 'output' AND m2."retiredAt" IS NULL
                    ORDER BY m2."createdAt", m2."id" LIMIT 1)`,
  );
}

/** The newest `points` values of each metric, oldest first: a window per metric over its (metricId, periodStart) index. */
export function newestValues(db: Db, metricIds: readonly string[], points: number) {
  return queryRows(
    db,
    ValueRow,
    Prisma.sql`
    SELECT "metricId", "periodStart", "value" FROM (
      SELECT v."metricId", v."periodStart", v."value", ROW_NUMBER() OVER (PARTITION BY v."metricId" ORDER BY v."periodStart" DESC) AS rn
      FROM "MetricValue" v WHERE v."metricId" IN (${Prisma.join(metricIds)})
    ) AS w WHERE rn <= ${points} ORDER BY "metricId", "periodStart"`,
  );
}

/** The periods of these metrics that carry a note. */
export function annotatedPeriods(db: Db, metricIds: readonly string[]) {
  return queryRows(
    db,
    z.object({ metricId: col.text, periodStart: col.date }),
    Prisma.sql`SELECT DISTINCT a."metricId", a."periodStart" FROM "Annotation" a WHERE a."metricId" IN (${Prisma.join(metricIds)})`,
  );
}

const WbrMetricRow = DefinitionRow.pick({ id: true, name: true, kind: true, unit: true, isRate: true, aggregate: true, direction: true, target: true }).extend({
  projectId: col.text,
  drives: col.jsonArray(col.text),
});

/**
 * A team's weekly business review, one page of it: its open and done projects that still have a
 * live metric, by number, and their live metrics in causal order (what the team controls first,
 * then the outcomes it should move) with the outputs each input drives. Null for no such team.
 */
export async function wbrRows(db: Db, slug: string, requestedPage: number, pageSize: number) {
  const d = dialectOf(db);
  const [team] = await queryRows(
    db,
    z.object({ id: col.text, name: col.text, slug: col.text }),
    Prisma.sql`SELECT t."id", t."name", t."slug" FROM "Team" t WHERE t."slug" = ${slug}`,
  );
  if (!team) return null;
  const where = Prisma.sql`p."teamId" = ${team.id} AND p."status" IN ('active', 'on_hold', 'done')
    AND EXISTS (SELECT 1 FROM "Metric" m WHERE m."projectId" = p."id" AND m."retiredAt" IS NULL)`;
  const { n: total } = await queryOne(db, z.object({ n: col.number }), Prisma.sql`SELECT COUNT(*) AS "n" FROM "Project" p WHERE ${where}`);
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(Math.max(1, requestedPage), pages);
  const projects = await queryRows(
    db,
    z.object({ id: col.text, key: col.text, title: col.text, stage: col.oneOf(STAGES), owner: col.textOrNull }),
    Prisma.sql`
    SELECT p."id", p."key", p."title", p."stage", o."name" AS "owner" FROM "Project" p LEFT JOIN "User" o ON o."id" = p."ownerId"
    WHERE ${where} ORDER BY p."number" LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
  );
  const ids = projects.length ? Prisma.join(projects.map((p) => p.id)) : Prisma.sql`NULL`;
  const metrics = await queryRows(
    db,
    WbrMetricRow,
    Prisma.sql`
    SELECT m."projectId", m."id", m."name", m."kind", m."unit", m."isRate", m."aggregate", m."direction", m."target",
      (SELECT ${d.jsonAgg(Prisma.sql`o."name"`)} FROM "MetricLink" l JOIN "Metric" o ON o."id" = l."outputId" WHERE l."inputId" = m."id") AS "drives"
    FROM "Metric" m WHERE m."projectId" IN (${ids}) AND m."retiredAt" IS NULL
    ORDER BY m."kind" = 'output', m."createdAt"`,
  );
  return { team, total, page, pages, projects, metrics };
}

const ROWS_PER_STATEMENT = 20_000;
const VALUE_COLUMNS: Column[] = [
  { name: "id", type: "text" },
  { name: "metricId", type: "text" },
  { name: "periodStart", type: "timestamp" },
  { name: "value", type: "float" },
];

/**
 * Upserts the rows with a value and deletes the periods whose value was cleared. The rows go
 * to the database as one JSON parameter per statement, unpacked as a table (dialect.valuesTable):
 * binding 7 parameters a row through Prisma cost about 60 µs a row, ten times SQLite's own work
 * (decision 26).
 */
export async function writeValues(tx: Tx, rows: readonly CheckedValueRow[], source: string, now = new Date()): Promise<{ written: number; cleared: number }> {
  const upserts = rows.filter((r): r is CheckedValueRow & { value: number } => r.value !== null);
  const d = dialectOf(tx);
  for (let i = 0; i < upserts.length; i += ROWS_PER_STATEMENT) {
    const chunk = upserts.slice(i, i + ROWS_PER_STATEMENT).map((r) => [randomUUID(), r.metricId, r.periodStart, r.value]);
    await tx.$executeRaw`
      INSERT INTO "MetricValue" ("id", "metricId", "periodStart", "value", "source", "createdAt", "updatedAt")
      SELECT j."id", j."metricId", j."periodStart", j."value", ${source}, ${now}, ${now}
      FROM ${d.valuesTable(chunk, VALUE_COLUMNS)} j WHERE true
      ON CONFLICT ("metricId", "periodStart") DO UPDATE SET "value" = excluded."value", "source" = excluded."source", "updatedAt" = excluded."updatedAt"`;
  }
  const clears = rows.filter((r) => r.value === null).map((r) => [r.metricId, r.periodStart]);
  if (clears.length > 0) {
    await tx.$executeRaw`
      DELETE FROM "MetricValue" WHERE ("metricId", "periodStart") IN
        (SELECT j."metricId", j."periodStart" FROM ${d.valuesTable(clears, VALUE_COLUMNS.slice(1, 3))} j)`;
  }
  return { written: upserts.length, cleared: clears.length };
}

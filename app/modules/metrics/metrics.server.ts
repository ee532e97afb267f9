// Metric definitions of a project: create, edit, retire (history kept). Every change: an
// authorization check, one transaction, an audit event, the project's gate status refreshed
// (metrics are gate facts: the Plan gate's success metrics, Done-Done's outputs at target).
import type { Result } from "~/modules/result";
import { Prisma } from "~/generated/prisma/client";
import { groupBy } from "~/utils/sql.server";
import { col, queryRows } from "~/utils/rows.server";
import { z } from "zod";
import type { UserRole } from "~/modules/lifecycle/stages";
import { ProjectRefusal, projectWrite } from "~/modules/projects/project-write.server";
import type { Db, Tx } from "~/utils/db.server";
import type { MetricInput } from "./metric-form";
import { sixTwelve, sixTwelveSince, type SeriesMetric } from "./six-twelve";

type Actor = { id: string; role: UserRole };
export type MetricResult = Result<{ id: string }>;

function write(
  db: Db,
  actor: Actor,
  projectId: string,
  work: (tx: Tx) => Promise<{ id: string; action: string; data: Record<string, string | number | boolean | null | string[]> }>,
): Promise<MetricResult> {
  return projectWrite(db, actor, projectId, "Only the project's people and administrators can define its metrics.", async (tx) => ({
    ...(await work(tx)),
    entity: "metric",
  }));
}

/** The outputs an input names must be live output metrics of the same project. */
async function checkDrives(tx: Tx, projectId: string, input: MetricInput, self: string | null) {
  if (input.drives.length === 0) return;
  const outputs = await tx.metric.findMany({ where: { id: { in: input.drives }, projectId, kind: "output", retiredAt: null }, select: { id: true } });
  if (outputs.length !== new Set(input.drives).size || input.drives.includes(self ?? "")) {
    throw new ProjectRefusal({ ok: false, status: 400, field: "drives", message: "Choose outputs of this project that are still in use." });
  }
}

const fields = (input: MetricInput) => ({
  name: input.name,
  definition: input.definition,
  ownerId: input.ownerId,
  kind: input.kind,
  unit: input.unit,
  isRate: input.isRate,
  allowsNegative: input.allowsNegative,
  aggregate: input.aggregate,
  direction: input.direction,
  target: input.target,
  cadence: input.cadence,
});

export function createMetric(db: Db, actor: Actor, projectId: string, input: MetricInput) {
  return write(db, actor, projectId, async (tx) => {
    await checkDrives(tx, projectId, input, null);
    const metric = await tx.metric.create({
      data: { projectId, ...fields(input), drives: { create: input.drives.map((outputId) => ({ outputId })) } },
      select: { id: true },
    });
    return { id: metric.id, action: "metric.created", data: { name: input.name, kind: input.kind, target: input.target, drives: input.drives } };
  });
}

export function updateMetric(db: Db, actor: Actor, projectId: string, metricId: string, input: MetricInput) {
  return write(db, actor, projectId, async (tx) => {
    const current = await tx.metric.findFirst({ where: { id: metricId, projectId }, select: { id: true, kind: true, retiredAt: true } });
    if (!current) throw new ProjectRefusal({ ok: false, status: 404, message: "No such metric on this project." });
    if (current.retiredAt) throw new ProjectRefusal({ ok: false, status: 400, message: "This metric is retired; its history stays as it was." });
    if (current.kind !== input.kind) {
      const links = await tx.metricLink.count({ where: { OR: [{ inputId: metricId }, { outputId: metricId }] } });
      if (links > 0) throw new ProjectRefusal({ ok: false, status: 400, field: "kind", message: "Unlink it from other metrics before changing its kind." });
    }
    await checkDrives(tx, projectId, input, metricId);
    await tx.metricLink.deleteMany({ where: { inputId: metricId } });
    await tx.metric.update({ where: { id: metricId }, data: { ...fields(input), drives: { create: input.drives.map((outputId) => ({ outputId })) } } });
    return { id: metricId, action: "metric.updated", data: { name: input.name, target: input.target, drives: input.drives } };
  });
}

/** Retiring keeps the metric and its values for history; it stops counting at the gates. */
export function retireMetric(db: Db, actor: Actor, projectId: string, metricId: string, reason: string) {
  return write(db, actor, projectId, async (tx) => {
    const current = await tx.metric.findFirst({ where: { id: metricId, projectId }, select: { id: true, name: true, retiredAt: true } });
    if (!current) throw new ProjectRefusal({ ok: false, status: 404, message: "No such metric on this project." });
    if (current.retiredAt) throw new ProjectRefusal({ ok: false, status: 400, message: "This metric is already retired." });
    await tx.metric.update({ where: { id: metricId }, data: { retiredAt: new Date() } });
    return { id: metricId, action: "metric.retired", data: { name: current.name, reason } };
  });
}

/** A metric's definition, as the pages show it. */
export const DefinitionRow = z.object({
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
export type DefinitionRow = z.output<typeof DefinitionRow>;
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

/** One metric with its links, its project's people, and its values and notes since `since` (for the 6-12 view), oldest first. */
export async function getMetric(db: Db, metricId: string, since: Date) {
  const [row] = await queryRows(
    db,
    DefinitionRow.extend({ projectId: col.text, projectKey: col.text, projectTitle: col.text, proposerId: col.textOrNull }),
    Prisma.sql`
    SELECT ${DEFINITION_COLUMNS}, p."id" AS "projectId", p."key" AS "projectKey", p."title" AS "projectTitle", p."proposerId"
    FROM "Metric" m JOIN "Project" p ON p."id" = m."projectId" LEFT JOIN "User" o ON o."id" = m."ownerId" WHERE m."id" = ${metricId}`,
  );
  if (!row) return null;
  const { projectId, projectKey, projectTitle, proposerId, ...metric } = row;
  const roles = await queryRows(db, z.object({ userId: col.text }), Prisma.sql`SELECT r."userId" FROM "ProjectRole" r WHERE r."projectId" = ${projectId}`);
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
    project: { id: projectId, key: projectKey, title: projectTitle, proposerId, roles },
    values,
    annotations: annotations.map(({ authorName, ...a }) => ({ ...a, author: { name: authorName } })),
  };
}

/** A note on one point of a metric: it clears the point's flag. */
export function annotate(
  db: Db,
  actor: Actor,
  projectId: string,
  metricId: string,
  input: { periodStart: Date; kind: "explanation" | "anecdote" | "exception" | "investigating"; body: string },
) {
  return write(db, actor, projectId, async (tx) => {
    const value = await tx.metricValue.findFirst({ where: { metricId, periodStart: input.periodStart, metric: { projectId } }, select: { id: true } });
    if (!value) throw new ProjectRefusal({ ok: false, status: 400, field: "period", message: "There is no value for that period to annotate." });
    await tx.annotation.create({ data: { metricId, periodStart: input.periodStart, kind: input.kind, body: input.body, authorId: actor.id } });
    return { id: metricId, action: "metric.annotated", data: { period: input.periodStart.toISOString().slice(0, 10), kind: input.kind } };
  });
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

/** The 6-12 series of each of these metrics, from one query over two years of values. */
export async function seriesOf(db: Db, metrics: ({ id: string } & SeriesMetric)[], now = new Date()) {
  const byMetric = await valuesSince(
    db,
    metrics.map((m) => m.id),
    sixTwelveSince(now),
  );
  return Object.fromEntries(metrics.map((m) => [m.id, sixTwelve(byMetric.get(m.id) ?? [], m, now)]));
}

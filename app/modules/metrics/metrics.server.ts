// Metric definitions of a project: create, edit, retire (history kept). Every change: an
// authorization check, one transaction, an audit event, the project's gate status refreshed
// (metrics are gate facts: the Plan gate's success metrics, Done-Done's outputs at target).
import type { Prisma } from "~/generated/prisma/client";
import type { UserRole } from "~/modules/lifecycle/stages";
import { ProjectRefusal, projectWrite, type WriteRefusal } from "~/modules/projects/project-write.server";
import type { Db, Tx } from "~/utils/db.server";
import type { MetricInput } from "./metric-form";
import { sixTwelve } from "./six-twelve";

type Actor = { id: string; role: UserRole };
export type MetricResult = { ok: true; id: string } | WriteRefusal;

function write(db: Db, actor: Actor, projectId: string, work: (tx: Tx) => Promise<{ id: string; action: string; data: Record<string, string | number | boolean | null | string[]> }>): Promise<MetricResult> {
  return projectWrite(db, actor, projectId, "Only the project's people and administrators can define its metrics.", async (tx) => ({ ...(await work(tx)), entity: "metric" }));
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
  aggregate: input.aggregate,
  direction: input.direction,
  target: input.target,
  cadence: input.cadence,
});

export function createMetric(db: Db, actor: Actor, projectId: string, input: MetricInput) {
  return write(db, actor, projectId, async (tx) => {
    await checkDrives(tx, projectId, input, null);
    const metric = await tx.metric.create({ data: { projectId, ...fields(input), drives: { create: input.drives.map((outputId) => ({ outputId })) } }, select: { id: true } });
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
const DEFINITION_SELECT = {
  id: true,
  name: true,
  definition: true,
  kind: true,
  unit: true,
  isRate: true,
  aggregate: true,
  direction: true,
  target: true,
  cadence: true,
  retiredAt: true,
  ownerId: true,
  owner: { select: { name: true } },
} as const satisfies Prisma.MetricSelect;

/** A project's metrics in causal order: inputs first, then outputs, each with its links and newest value. */
export async function listProjectMetrics(db: Db, projectId: string) {
  const metrics = await db.metric.findMany({
    where: { projectId },
    orderBy: [{ retiredAt: { sort: "asc", nulls: "first" } }, { kind: "asc" }, { createdAt: "asc" }],
    select: {
      ...DEFINITION_SELECT,
      drives: { select: { outputId: true } },
      values: { orderBy: { periodStart: "desc" }, take: 1, select: { periodStart: true, value: true } },
    },
  });
  return metrics.map(({ values, drives, ...m }) => ({ ...m, drives: drives.map((d) => d.outputId), latest: values[0] ?? null }));
}

/** One metric with its values of the last two years (for the 6-12 view), oldest first. */
export async function getMetric(db: Db, metricId: string, since: Date) {
  return db.metric.findUnique({
    where: { id: metricId },
    select: {
      ...DEFINITION_SELECT,
      drives: { select: { output: { select: { id: true, name: true } } } },
      drivenBy: { select: { input: { select: { id: true, name: true } } } },
      project: { select: { id: true, key: true, title: true, proposerId: true, roles: { select: { userId: true } } } },
      values: { where: { periodStart: { gte: since } }, orderBy: { periodStart: "asc" }, select: { periodStart: true, value: true } },
      annotations: { where: { periodStart: { gte: since } }, orderBy: { createdAt: "asc" }, select: { periodStart: true, kind: true, body: true, createdAt: true, author: { select: { name: true } } } },
    },
  });
}

/** A note on one point of a metric: it clears the point's flag. */
export function annotate(db: Db, actor: Actor, projectId: string, metricId: string, input: { periodStart: Date; kind: "explanation" | "anecdote" | "exception" | "investigating"; body: string }) {
  return write(db, actor, projectId, async (tx) => {
    const value = await tx.metricValue.findFirst({ where: { metricId, periodStart: input.periodStart, metric: { projectId } }, select: { id: true } });
    if (!value) throw new ProjectRefusal({ ok: false, status: 400, field: "period", message: "There is no value for that period to annotate." });
    await tx.annotation.create({ data: { metricId, periodStart: input.periodStart, kind: input.kind, body: input.body, authorId: actor.id } });
    return { id: metricId, action: "metric.annotated", data: { period: input.periodStart.toISOString().slice(0, 10), kind: input.kind } };
  });
}

/** The 6-12 series of each of these metrics, from one query over two years of values. */
export async function seriesOf(db: Db, metrics: { id: string; aggregate: "sum" | "mean"; isRate: boolean }[], now = new Date()) {
  const since = new Date(now.getTime() - (2 * 366 + 7) * 86_400_000);
  const values = await db.metricValue.findMany({
    where: { metricId: { in: metrics.map((m) => m.id) }, periodStart: { gte: since } },
    orderBy: { periodStart: "asc" },
    select: { metricId: true, periodStart: true, value: true },
  });
  const byMetric = new Map<string, { periodStart: Date; value: number }[]>();
  for (const v of values) byMetric.set(v.metricId, [...(byMetric.get(v.metricId) ?? []), v]);
  return Object.fromEntries(metrics.map((m) => [m.id, sixTwelve(byMetric.get(m.id) ?? [], m, now)]));
}

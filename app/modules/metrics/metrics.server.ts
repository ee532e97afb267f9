// Metric definitions of a project: create, edit, retire (history kept). Every change: an
// authorization check, one transaction, an audit event, the project's gate status refreshed
// (metrics are gate facts: the Plan gate's success metrics, Done-Done's outputs at target).
import { changed, type AuditChange } from "~/modules/audit/changes";
import type { Result } from "~/modules/result";
import type { UserRole } from "~/modules/lifecycle/stages";
import { ProjectRefusal, projectWrite } from "~/modules/projects/project-write.server";
import type { Db, Tx } from "~/utils/db.server";
import type { MetricInput } from "./metric-form";
import { valuesSince } from "./queries.server";
import { sixTwelve, sixTwelveSince, type SeriesMetric } from "./six-twelve";

type Actor = { id: string; role: UserRole };
export type MetricResult = Result<{ id: string }>;

function write(
  db: Db,
  actor: Actor,
  projectId: string,
  action: "edit_plan" | "comment",
  work: (tx: Tx) => Promise<{ id: string; action: string; data: Record<string, string | number | boolean | null | string[] | AuditChange[]> }>,
): Promise<MetricResult> {
  return projectWrite(db, actor, projectId, action, async (tx) => ({
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
  return write(db, actor, projectId, "edit_plan", async (tx) => {
    await checkDrives(tx, projectId, input, null);
    const metric = await tx.metric.create({
      data: { projectId, ...fields(input), drives: { create: input.drives.map((outputId) => ({ outputId })) } },
      select: { id: true },
    });
    return {
      id: metric.id,
      action: "metric.created",
      data: { name: input.name, kind: input.kind, target: input.target, drives: input.drives, changes: [changed("metric", null, input.name)] },
    };
  });
}

export function updateMetric(db: Db, actor: Actor, projectId: string, metricId: string, input: MetricInput) {
  return write(db, actor, projectId, "edit_plan", async (tx) => {
    const current = await tx.metric.findFirst({
      where: { id: metricId, projectId },
      select: {
        id: true,
        kind: true,
        retiredAt: true,
        name: true,
        definition: true,
        target: true,
        unit: true,
        direction: true,
        cadence: true,
        drives: { select: { output: { select: { name: true } } } },
      },
    });
    if (!current) throw new ProjectRefusal({ ok: false, status: 404, message: "No such metric on this project." });
    if (current.retiredAt) throw new ProjectRefusal({ ok: false, status: 400, message: "This metric is retired; its history stays as it was." });
    if (current.kind !== input.kind) {
      const links = await tx.metricLink.count({ where: { OR: [{ inputId: metricId }, { outputId: metricId }] } });
      if (links > 0) throw new ProjectRefusal({ ok: false, status: 400, field: "kind", message: "Unlink it from other metrics before changing its kind." });
    }
    await checkDrives(tx, projectId, input, metricId);
    await tx.metricLink.deleteMany({ where: { inputId: metricId } });
    await tx.metric.update({ where: { id: metricId }, data: { ...fields(input), drives: { create: input.drives.map((outputId) => ({ outputId })) } } });
    const drivesNow = (await tx.metric.findMany({ where: { id: { in: input.drives } }, orderBy: { name: "asc" }, select: { name: true } })).map((m) => m.name);
    const before = {
      ...current,
      drives:
        current.drives
          .map((d) => d.output.name)
          .sort()
          .join(", ") || null,
    };
    const after = { ...input, drives: drivesNow.join(", ") || null };
    const changes = (["name", "definition", "target", "unit", "direction", "cadence", "drives"] as const)
      .filter((f) => String(before[f] ?? "") !== String(after[f] ?? ""))
      .map((f) => changed(f === "name" ? "metricName" : f, before[f], after[f]));
    return { id: metricId, action: "metric.updated", data: { name: input.name, target: input.target, drives: input.drives, changes } };
  });
}

/** Retiring keeps the metric and its values for history; it stops counting at the gates. */
export function retireMetric(db: Db, actor: Actor, projectId: string, metricId: string, reason: string) {
  return write(db, actor, projectId, "edit_plan", async (tx) => {
    const current = await tx.metric.findFirst({ where: { id: metricId, projectId }, select: { id: true, name: true, retiredAt: true } });
    if (!current) throw new ProjectRefusal({ ok: false, status: 404, message: "No such metric on this project." });
    if (current.retiredAt) throw new ProjectRefusal({ ok: false, status: 400, message: "This metric is already retired." });
    await tx.metric.update({ where: { id: metricId }, data: { retiredAt: new Date() } });
    return { id: metricId, action: "metric.retired", data: { name: current.name, reason, changes: [changed("metric", current.name, `(retired: ${reason})`)] } };
  });
}

/** A note on one point of a metric: it clears the point's flag. */
export function annotate(
  db: Db,
  actor: Actor,
  projectId: string,
  metricId: string,
  input: { periodStart: Date; kind: "explanation" | "anecdote" | "exception" | "investigating"; body: string },
) {
  return write(db, actor, projectId, "comment", async (tx) => {
    const value = await tx.metricValue.findFirst({ where: { metricId, periodStart: input.periodStart, metric: { projectId } }, select: { id: true } });
    if (!value) throw new ProjectRefusal({ ok: false, status: 400, field: "period", message: "There is no value for that period to annotate." });
    await tx.annotation.create({ data: { metricId, periodStart: input.periodStart, kind: input.kind, body: input.body, authorId: actor.id } });
    return { id: metricId, action: "metric.annotated", data: { period: input.periodStart.toISOString().slice(0, 10), kind: input.kind } };
  });
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

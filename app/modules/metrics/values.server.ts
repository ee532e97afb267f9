// Recording metric values, by hand, from a CSV file or through the API: checked whole, then
// written in one transaction (upsert by metric and period, so sending the same batch twice
// writes it once), with an audit event per project and the projects' gate status refreshed.
import { changed } from "~/modules/audit/changes";
import { dayString } from "./periods";
import { valuesWritten } from "~/modules/notifications/events.server";
import { writeAudit } from "~/modules/audit/audit.server";
import { refreshGateStatus } from "~/modules/lifecycle/gate.server";
import type { Db, Tx } from "~/utils/db.server";
import { writeValues } from "./queries.server";
import { checkValueRows, type MetricRef, type RawValueRow, type RowProblem } from "./value-rows";

export type ProjectMetricRef = MetricRef & { projectId: string };
export type RecordResult = { ok: true; written: number; cleared: number } | { ok: false; problems: RowProblem[] };

/** Up to this many values in one write record each one's old and new value. */
const VALUES_WITH_CHANGES = 20;

/** The stored values of these rows' periods, by metric and period. */
async function valuesBefore(tx: Tx, rows: readonly { metricId: string; periodStart: Date }[]) {
  const found = await tx.metricValue.findMany({
    where: { OR: rows.map((r) => ({ metricId: r.metricId, periodStart: r.periodStart })) },
    select: { metricId: true, periodStart: true, value: true },
  });
  return new Map(found.map((v) => [`${v.metricId}|${v.periodStart.getTime()}`, v.value]));
}

/** The metrics rows may name, as the checks need them. */
export async function projectMetricRefs(db: Db | Tx, where: { projectId: string } | { ids: string[] }): Promise<ProjectMetricRef[]> {
  const metrics = await db.metric.findMany({
    where: "projectId" in where ? { projectId: where.projectId } : { id: { in: where.ids } },
    select: { id: true, name: true, cadence: true, retiredAt: true, isRate: true, allowsNegative: true, projectId: true },
  });
  return metrics.map((m) => ({
    id: m.id,
    name: m.name,
    cadence: m.cadence,
    retired: m.retiredAt !== null,
    isRate: m.isRate,
    allowsNegative: m.allowsNegative,
    projectId: m.projectId,
  }));
}

/**
 * Checks the rows against `metrics` (already authorised by the caller) and writes them all or
 * nothing. `auditData` says where they came from (the grid, a file, a token).
 */
export async function recordValues(
  db: Db,
  input: {
    actorId: string;
    source: "manual" | "csv" | "api";
    metrics: ProjectMetricRef[];
    rows: RawValueRow[];
    allowEmpty: boolean;
    auditData?: Record<string, string>;
    /** Today, for "a period must not lie beyond the current one"; tests move it. */
    now?: Date;
  },
): Promise<RecordResult> {
  const checked = checkValueRows(input.rows, input.metrics, { allowEmpty: input.allowEmpty, now: input.now ?? new Date() });
  if (!checked.ok) return checked;
  const projectOf = new Map(input.metrics.map((m) => [m.id, m.projectId]));
  const projects = [...new Set(checked.rows.map((r) => projectOf.get(r.metricId)!))];
  return db.$transaction(
    async (tx) => {
      // A few values typed or sent one by one keep their old and new value in the audit trail;
      // an import of thousands keeps its counts (its rows are in the file and the values).
      const before = checked.rows.length <= VALUES_WITH_CHANGES ? await valuesBefore(tx, checked.rows) : null;
      const counts = await writeValues(tx, checked.rows, input.source);
      const nameOf = new Map(input.metrics.map((m) => [m.id, m.name]));
      for (const projectId of projects) {
        const mine = checked.rows.filter((r) => projectOf.get(r.metricId) === projectId);
        await writeAudit(tx, {
          actorId: input.actorId,
          projectId,
          entity: "metric",
          entityId: mine[0]!.metricId,
          action: "metric.values_recorded",
          data: {
            source: input.source,
            values: mine.filter((r) => r.value !== null).length,
            cleared: mine.filter((r) => r.value === null).length,
            metrics: [...new Set(mine.map((r) => r.metricId))].length,
            ...input.auditData,
            ...(before
              ? {
                  changes: mine
                    .map((r) =>
                      changed(`value.${nameOf.get(r.metricId)} ${dayString(r.periodStart)}`, before.get(`${r.metricId}|${r.periodStart.getTime()}`), r.value),
                    )
                    .filter((c) => c.before !== c.after),
                }
              : {}),
          },
        });
      }
      await refreshGateStatus(tx, projects);
      await valuesWritten(tx, checked.rows);
      return { ok: true as const, ...counts };
    },
    { timeout: 120_000 },
  );
}

const IMPORT_TTL_MS = 24 * 60 * 60 * 1000;

/** Keeps a checked upload for its author to commit; drops uploads older than a day. */
export async function stageImport(db: Db, input: { projectId: string; userId: string; fileName: string; rows: RawValueRow[] }) {
  await db.valueImport.deleteMany({ where: { createdAt: { lt: new Date(Date.now() - IMPORT_TTL_MS) } } });
  const compact = input.rows.map((r) => [r.row, r.metric, r.period, r.value]);
  return db.valueImport.create({
    data: {
      projectId: input.projectId,
      createdById: input.userId,
      fileName: input.fileName.slice(0, 200),
      rowCount: input.rows.length,
      rows: JSON.stringify(compact),
    },
    select: { id: true },
  });
}

/** A staged upload of this project by this user, still fresh, with its rows. */
export async function loadImport(db: Db, input: { id: string; projectId: string; userId: string }) {
  const staged = await db.valueImport.findFirst({
    where: { id: input.id, projectId: input.projectId, createdById: input.userId, createdAt: { gte: new Date(Date.now() - IMPORT_TTL_MS) } },
  });
  if (!staged) return null;
  const rows: RawValueRow[] = (JSON.parse(staged.rows) as [number, string, unknown, unknown][]).map(([row, metric, period, value]) => ({
    row,
    metric,
    period,
    value,
  }));
  return { ...staged, rows };
}

export function dropImport(db: Db, id: string) {
  return db.valueImport.deleteMany({ where: { id } });
}

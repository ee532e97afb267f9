// Page 0's headline: the project's first output metric still in use, with its newest value,
// and the 6-12 series of it and of up to two inputs that drive it (for the sparklines).
import type { Db } from "~/utils/db.server";
import { sixTwelve } from "./six-twelve";

const YEAR_AND_A_WEEK = 373 * 86_400_000;

export async function headlineMetric(db: Db, projectId: string, now = new Date()) {
  const metric = await db.metric.findFirst({
    where: { projectId, kind: "output", retiredAt: null },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      name: true,
      unit: true,
      isRate: true,
      aggregate: true,
      direction: true,
      target: true,
      cadence: true,
      drivenBy: { where: { input: { retiredAt: null } }, take: 2, select: { input: { select: { id: true, name: true, unit: true, isRate: true, aggregate: true } } } },
    },
  });
  if (!metric) return null;
  const inputs = metric.drivenBy.map((d) => d.input);
  const values = await db.metricValue.findMany({
    where: { metricId: { in: [metric.id, ...inputs.map((i) => i.id)] }, periodStart: { gte: new Date(now.getTime() - YEAR_AND_A_WEEK) } },
    orderBy: { periodStart: "asc" },
    select: { metricId: true, periodStart: true, value: true },
  });
  const of = (id: string) => values.filter((v) => v.metricId === id);
  const spark = (m: { id: string; aggregate: "sum" | "mean"; isRate: boolean }) => {
    const { weeks, months } = sixTwelve(of(m.id), m, now);
    return [...weeks, null, ...months].map((p) => (p ? { label: p.label, value: p.value } : { label: "", value: null }));
  };
  const own = of(metric.id);
  const { drivenBy: _d, ...rest } = metric;
  return {
    ...rest,
    latest: own.length ? { periodStart: own[own.length - 1]!.periodStart, value: own[own.length - 1]!.value } : null,
    spark: spark(metric),
    inputs: inputs.map((i) => ({ id: i.id, name: i.name, unit: i.unit, isRate: i.isRate, spark: spark(i) })),
  };
}

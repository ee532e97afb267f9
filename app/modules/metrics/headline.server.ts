// Page 0's headline: the project's first output metric still in use, with its newest value,
// and the 6-12 series of it and of up to two inputs that drive it (for the sparklines).
import type { Db } from "~/utils/db.server";
import { firstLiveOutput, liveInputsDriving, valuesSince } from "./queries.server";
import { sixTwelve } from "./six-twelve";

const YEAR_AND_A_WEEK = 373 * 86_400_000;

export async function headlineMetric(db: Db, projectId: string, now = new Date()) {
  // The first output defined, and up to two live inputs that drive it: two statements.
  const metric = await firstLiveOutput(db, projectId);
  if (!metric) return null;
  const inputs = await liveInputsDriving(db, metric.id, 2);
  const values = await valuesSince(db, [metric.id, ...inputs.map((i) => i.id)], new Date(now.getTime() - YEAR_AND_A_WEEK));
  const of = (id: string) => values.get(id) ?? [];
  const spark = (m: { id: string; aggregate: "sum" | "mean"; isRate: boolean }) => {
    const { weeks, months } = sixTwelve(of(m.id), m, now);
    return [...weeks, null, ...months].map((p) => (p ? { label: p.label, value: p.value } : { label: "", value: null }));
  };
  const own = of(metric.id);
  return {
    ...metric,
    latest: own.length ? { periodStart: own[own.length - 1]!.periodStart, value: own[own.length - 1]!.value } : null,
    spark: spark(metric),
    inputs: inputs.map((i) => ({ id: i.id, name: i.name, unit: i.unit, isRate: i.isRate, spark: spark(i) })),
  };
}

// The headline output's health of many projects at once, for the board's cards: three
// statements whatever the number of cards (the outputs, their recent values, their notes).
import type { Db } from "~/utils/db.server";
import { groupBy } from "~/utils/sql.server";
import { metricHealth, RECENT_POINTS, type Health } from "./health";
import { dayString } from "./periods";
import { annotatedPeriods, headlineOutputs, newestValues } from "./queries.server";

export type CardHealth = Health & { metric: string };

export async function headlineHealth(db: Db, projectIds: readonly string[]): Promise<Map<string, CardHealth>> {
  if (projectIds.length === 0) return new Map();
  const outputs = await headlineOutputs(db, projectIds);
  if (outputs.length === 0) return new Map();
  const ids = outputs.map((o) => o.id);
  const [values, notes] = await Promise.all([newestValues(db, ids, RECENT_POINTS), annotatedPeriods(db, ids)]);
  const valuesOf = groupBy(values, "metricId");
  const notesOf = groupBy(notes, "metricId");
  return new Map(
    outputs.map((o) => {
      const annotated = new Set((notesOf.get(o.id) ?? []).map((n) => dayString(n.periodStart)));
      const series = (valuesOf.get(o.id) ?? []).map((v) => ({ periodStart: v.periodStart, value: v.value }));
      return [o.projectId, { metric: o.name, ...metricHealth(series, o, annotated) }];
    }),
  );
}

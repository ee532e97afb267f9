// The headline output's health of many projects at once, for the board's cards: three
// statements whatever the number of cards (the outputs, their recent values, their notes).
import { Prisma } from "~/generated/prisma/client";
import type { Db } from "~/utils/db.server";
import { col, queryRows } from "~/utils/rows.server";
import { groupBy } from "~/utils/sql.server";
import { z } from "zod";
import { metricHealth, RECENT_POINTS, type Health } from "./health";
import { dayString } from "./periods";

export type CardHealth = Health & { metric: string };

export async function headlineHealth(db: Db, projectIds: readonly string[]): Promise<Map<string, CardHealth>> {
  if (projectIds.length === 0) return new Map();
  // Each project's first live output metric, as page 0 shows it.
  const outputs = await queryRows(
    db,
    z.object({ id: col.text, projectId: col.text, name: col.text, target: col.numberOrNull, direction: col.oneOf(["higher", "lower"]) }),
    Prisma.sql`
    SELECT m."id", m."projectId", m."name", m."target", m."direction" FROM "Metric" m
    WHERE m."projectId" IN (${Prisma.join(projectIds)}) AND m."kind" = 'output' AND m."retiredAt" IS NULL
      AND m."id" = (SELECT m2."id" FROM "Metric" m2 WHERE m2."projectId" = m."projectId" AND m2."kind" = 'output' AND m2."retiredAt" IS NULL
                    ORDER BY m2."createdAt", m2."id" LIMIT 1)`,
  );
  if (outputs.length === 0) return new Map();
  const ids = outputs.map((o) => o.id);
  const [values, notes] = await Promise.all([
    // The newest RECENT_POINTS values of each: a window per metric over its (metricId, periodStart) index.
    queryRows(
      db,
      z.object({ metricId: col.text, periodStart: col.date, value: col.number }),
      Prisma.sql`
      SELECT "metricId", "periodStart", "value" FROM (
        SELECT v."metricId", v."periodStart", v."value", ROW_NUMBER() OVER (PARTITION BY v."metricId" ORDER BY v."periodStart" DESC) AS rn
        FROM "MetricValue" v WHERE v."metricId" IN (${Prisma.join(ids)})
      ) AS w WHERE rn <= ${RECENT_POINTS} ORDER BY "metricId", "periodStart"`,
    ),
    queryRows(
      db,
      z.object({ metricId: col.text, periodStart: col.date }),
      Prisma.sql`SELECT DISTINCT a."metricId", a."periodStart" FROM "Annotation" a WHERE a."metricId" IN (${Prisma.join(ids)})`,
    ),
  ]);
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

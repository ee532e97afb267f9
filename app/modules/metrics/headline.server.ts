// Page 0's headline: the project's first output metric still in use, with its newest value.
import type { Db } from "~/utils/db.server";

export async function headlineMetric(db: Db, projectId: string) {
  const metric = await db.metric.findFirst({
    where: { projectId, kind: "output", retiredAt: null },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      name: true,
      unit: true,
      isRate: true,
      direction: true,
      target: true,
      cadence: true,
      values: { orderBy: { periodStart: "desc" }, take: 1, select: { periodStart: true, value: true } },
    },
  });
  if (!metric) return null;
  const { values, ...rest } = metric;
  return { ...rest, latest: values[0] ?? null };
}

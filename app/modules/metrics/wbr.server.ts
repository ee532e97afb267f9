// The weekly business review of a team: its projects' live metrics in causal order (inputs,
// then the outputs they drive), each with the box totals of its 6-12 view. Paged by project.
import type { Db } from "~/utils/db.server";
import { groupBy } from "~/utils/sql.server";
import { readCache } from "~/utils/read-cache.server";
import { valuesSince, wbrRows } from "./queries.server";
import { boxTotals, sixTwelveSince } from "./six-twelve";

export const WBR_PAGE_SIZE = 15;

/** The WBR of a team's page: each project's metrics with the box totals of their 6-12 view. */
export async function getWbr(db: Db, input: { slug: string; page: number; now?: Date }) {
  const now = input.now ?? new Date();
  const rows = await wbrRows(db, input.slug, input.page, WBR_PAGE_SIZE);
  if (!rows) return null;
  const { team, page, pages, total, projects, metrics } = rows;
  const valuesOf = await valuesSince(
    db,
    metrics.map((m) => m.id),
    sixTwelveSince(now),
  );
  const metricsOf = groupBy(metrics, "projectId");
  return {
    team,
    page,
    pages,
    total,
    projects: projects.map((p) => ({
      key: p.key,
      title: p.title,
      stage: p.stage,
      owner: p.owner,
      metrics: (metricsOf.get(p.id) ?? []).map(({ projectId: _p, drives, ...m }) => ({
        ...m,
        drives,
        totals: boxTotals(valuesOf.get(m.id) ?? [], m, now),
      })),
    })),
  };
}

type Wbr = NonNullable<Awaited<ReturnType<typeof getWbr>>>;
const cache = readCache<{ wbr: Wbr | null }>({ max: 200, ttlMs: 60_000 });

/** The WBR page, computed once per data version (and minute) for each team and page. */
export async function getWbrCached(db: Db, input: { slug: string; page: number }) {
  return (await cache(db, `${input.slug}|${input.page}`, async () => ({ wbr: await getWbr(db, input) }))).wbr;
}

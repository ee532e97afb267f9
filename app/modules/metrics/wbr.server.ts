// The weekly business review of a team: its projects' live metrics in causal order (inputs,
// then the outputs they drive), each with the box totals of its 6-12 view. Paged by project.
import type { Db } from "~/utils/db.server";
import { readCache } from "~/utils/read-cache.server";
import { boxTotals } from "./six-twelve";

export const WBR_PAGE_SIZE = 15;
const HISTORY_DAYS = 2 * 366 + 7;

export async function getWbr(db: Db, input: { slug: string; page: number; now?: Date }) {
  const now = input.now ?? new Date();
  const team = await db.team.findUnique({ where: { slug: input.slug }, select: { id: true, name: true, slug: true } });
  if (!team) return null;
  const where = { teamId: team.id, status: { in: ["active", "on_hold", "done"] as ("active" | "on_hold" | "done")[] }, metrics: { some: { retiredAt: null } } };
  const total = await db.project.count({ where });
  const pages = Math.max(1, Math.ceil(total / WBR_PAGE_SIZE));
  const page = Math.min(Math.max(1, input.page), pages);
  const projects = await db.project.findMany({
    where,
    orderBy: { number: "asc" },
    skip: (page - 1) * WBR_PAGE_SIZE,
    take: WBR_PAGE_SIZE,
    select: {
      key: true,
      title: true,
      stage: true,
      owner: { select: { name: true } },
      metrics: {
        where: { retiredAt: null },
        orderBy: [{ kind: "asc" }, { createdAt: "asc" }],
        select: {
          id: true,
          name: true,
          kind: true,
          unit: true,
          isRate: true,
          aggregate: true,
          direction: true,
          target: true,
          drives: { select: { output: { select: { name: true } } } },
          values: { where: { periodStart: { gte: new Date(now.getTime() - HISTORY_DAYS * 86_400_000) } }, select: { periodStart: true, value: true } },
        },
      },
    },
  });
  return {
    team,
    page,
    pages,
    total,
    projects: projects.map((p) => ({
      key: p.key,
      title: p.title,
      stage: p.stage,
      owner: p.owner?.name ?? null,
      // Causal order: what the team controls first, then the outcomes it should move.
      metrics: [...p.metrics]
        .sort((a, b) => (a.kind === b.kind ? 0 : a.kind === "input" ? -1 : 1))
        .map(({ values, drives, ...m }) => ({ ...m, drives: drives.map((d) => d.output.name), totals: boxTotals(values, m, now) })),
    })),
  };
}

type Wbr = NonNullable<Awaited<ReturnType<typeof getWbr>>>;
const cache = readCache<{ wbr: Wbr | null }>({ max: 200, ttlMs: 60_000 });

/** The WBR page, computed once per data version (and minute) for each team and page. */
export async function getWbrCached(db: Db, input: { slug: string; page: number }) {
  return (await cache(db, `${input.slug}|${input.page}`, async () => ({ wbr: await getWbr(db, input) }))).wbr;
}

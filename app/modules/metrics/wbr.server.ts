// The weekly business review of a team: its projects' live metrics in causal order (inputs,
// then the outputs they drive), each with the box totals of its 6-12 view. Paged by project.
import { Prisma } from "~/generated/prisma/client";
import type { StageKey } from "~/modules/lifecycle/stages";
import type { Db } from "~/utils/db.server";
import { groupBy, jsonRows } from "~/utils/sql.server";
import { readCache } from "~/utils/read-cache.server";
import { valuesSince, type DefinitionRow } from "./metrics.server";
import { boxTotals, sixTwelveSince } from "./six-twelve";

export const WBR_PAGE_SIZE = 15;

type WbrMetricRow = Pick<DefinitionRow, "id" | "name" | "kind" | "unit" | "isRate" | "aggregate" | "direction" | "target"> & {
  projectId: string;
  drives: string;
};

/** Raw statements throughout: the WBR reads thousands of values at a time (decision 24). */
export async function getWbr(db: Db, input: { slug: string; page: number; now?: Date }) {
  const now = input.now ?? new Date();
  const [team] = await db.$queryRaw<
    { id: string; name: string; slug: string }[]
  >`SELECT t."id", t."name", t."slug" FROM "Team" t WHERE t."slug" = ${input.slug}`;
  if (!team) return null;
  // The team's open and done projects that still have a live metric.
  const where = Prisma.sql`p."teamId" = ${team.id} AND p."status" IN ('active', 'on_hold', 'done')
    AND EXISTS (SELECT 1 FROM "Metric" m WHERE m."projectId" = p."id" AND m."retiredAt" IS NULL)`;
  const [counted] = await db.$queryRaw<{ n: number | bigint }[]>`SELECT COUNT(*) AS "n" FROM "Project" p WHERE ${where}`;
  const total = Number(counted?.n ?? 0);
  const pages = Math.max(1, Math.ceil(total / WBR_PAGE_SIZE));
  const page = Math.min(Math.max(1, input.page), pages);
  const projects = await db.$queryRaw<{ id: string; key: string; title: string; stage: StageKey; owner: string | null }[]>`
    SELECT p."id", p."key", p."title", p."stage", o."name" AS "owner" FROM "Project" p LEFT JOIN "User" o ON o."id" = p."ownerId"
    WHERE ${where} ORDER BY p."number" LIMIT ${WBR_PAGE_SIZE} OFFSET ${(page - 1) * WBR_PAGE_SIZE}`;
  const ids = projects.length ? Prisma.join(projects.map((p) => p.id)) : Prisma.sql`NULL`;
  // Causal order: what the team controls first, then the outcomes it should move.
  const metrics = await db.$queryRaw<WbrMetricRow[]>`
    SELECT m."projectId", m."id", m."name", m."kind", m."unit", m."isRate", m."aggregate", m."direction", m."target",
      (SELECT json_group_array(o."name") FROM "MetricLink" l JOIN "Metric" o ON o."id" = l."outputId" WHERE l."inputId" = m."id") AS "drives"
    FROM "Metric" m WHERE m."projectId" IN (${ids}) AND m."retiredAt" IS NULL
    ORDER BY m."kind" = 'output', m."createdAt"`;
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
        drives: jsonRows<string>(drives),
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

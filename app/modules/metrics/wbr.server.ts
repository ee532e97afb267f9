// The weekly business review of a team: its projects' live metrics in causal order (inputs,
// then the outputs they drive), each with the box totals of its 6-12 view. Paged by project.
import { Prisma } from "~/generated/prisma/client";
import { STAGES } from "~/modules/lifecycle/stages";
import type { Db } from "~/utils/db.server";
import { dialectOf } from "~/utils/dialect.server";
import { col, queryOne, queryRows } from "~/utils/rows.server";
import { groupBy } from "~/utils/sql.server";
import { z } from "zod";
import { readCache } from "~/utils/read-cache.server";
import { DefinitionRow, valuesSince } from "./metrics.server";
import { boxTotals, sixTwelveSince } from "./six-twelve";

export const WBR_PAGE_SIZE = 15;

const WbrMetricRow = DefinitionRow.pick({ id: true, name: true, kind: true, unit: true, isRate: true, aggregate: true, direction: true, target: true }).extend({
  projectId: col.text,
  drives: col.jsonArray(col.text),
});

/** Raw statements throughout: the WBR reads thousands of values at a time (decision 24). */
export async function getWbr(db: Db, input: { slug: string; page: number; now?: Date }) {
  const now = input.now ?? new Date();
  const d = dialectOf(db);
  const [team] = await queryRows(
    db,
    z.object({ id: col.text, name: col.text, slug: col.text }),
    Prisma.sql`SELECT t."id", t."name", t."slug" FROM "Team" t WHERE t."slug" = ${input.slug}`,
  );
  if (!team) return null;
  // The team's open and done projects that still have a live metric.
  const where = Prisma.sql`p."teamId" = ${team.id} AND p."status" IN ('active', 'on_hold', 'done')
    AND EXISTS (SELECT 1 FROM "Metric" m WHERE m."projectId" = p."id" AND m."retiredAt" IS NULL)`;
  const { n: total } = await queryOne(db, z.object({ n: col.number }), Prisma.sql`SELECT COUNT(*) AS "n" FROM "Project" p WHERE ${where}`);
  const pages = Math.max(1, Math.ceil(total / WBR_PAGE_SIZE));
  const page = Math.min(Math.max(1, input.page), pages);
  const projects = await queryRows(
    db,
    z.object({ id: col.text, key: col.text, title: col.text, stage: col.oneOf(STAGES), owner: col.textOrNull }),
    Prisma.sql`
    SELECT p."id", p."key", p."title", p."stage", o."name" AS "owner" FROM "Project" p LEFT JOIN "User" o ON o."id" = p."ownerId"
    WHERE ${where} ORDER BY p."number" LIMIT ${WBR_PAGE_SIZE} OFFSET ${(page - 1) * WBR_PAGE_SIZE}`,
  );
  const ids = projects.length ? Prisma.join(projects.map((p) => p.id)) : Prisma.sql`NULL`;
  // Causal order: what the team controls first, then the outcomes it should move.
  const metrics = await queryRows(
    db,
    WbrMetricRow,
    Prisma.sql`
    SELECT m."projectId", m."id", m."name", m."kind", m."unit", m."isRate", m."aggregate", m."direction", m."target",
      (SELECT ${d.jsonAgg(Prisma.sql`o."name"`)} FROM "MetricLink" l JOIN "Metric" o ON o."id" = l."outputId" WHERE l."inputId" = m."id") AS "drives"
    FROM "Metric" m WHERE m."projectId" IN (${ids}) AND m."retiredAt" IS NULL
    ORDER BY m."kind" = 'output', m."createdAt"`,
  );
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

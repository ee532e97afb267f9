// The adoption dashboard (issue 13, item 9): every output metric with a target of the projects in
// Executing and Adoption, furthest off target first, each with its newest value and its last
// twelve weeks for a small chart. One statement ranks them all (the newest value of each through
// the (metricId, periodStart) index); a second reads the series of the page shown.
import { valuesSince } from "~/modules/metrics/queries.server";
import type { Db } from "~/utils/db.server";
import { readCache } from "~/utils/read-cache.server";
import { adoptionOutputs } from "./queries.server";

export const ADOPTION_PAGE_SIZE = 24;
const TREND_DAYS = 12 * 7;

/**
 * How far the newest value is from the target, as a share of the target, in the metric's
 * direction: above 0 is off target (0.1: 10% short), 0 or below is at it; null without a value.
 */
export function offTarget(latest: number | null, target: number, direction: "higher" | "lower"): number | null {
  if (latest === null) return null;
  const scale = Math.max(Math.abs(target), 1e-9);
  return direction === "higher" ? (target - latest) / scale : (latest - target) / scale;
}

/** Furthest off target first; metrics without a value last. */
export function rankByGap<T extends { gap: number | null; key: string; name: string }>(rows: T[]): T[] {
  return [...rows].sort((a, b) => {
    if (a.gap === null || b.gap === null) return a.gap === null ? (b.gap === null ? 0 : 1) : -1;
    return b.gap - a.gap || a.key.localeCompare(b.key, "en", { numeric: true }) || a.name.localeCompare(b.name);
  });
}

const cache = readCache<Awaited<ReturnType<typeof compute>>>({ max: 200, ttlMs: 60_000 });

export function adoptionMetrics(db: Db, input: { team: string | null; page: number }, now = new Date()) {
  return cache(db, `${input.team ?? "*"}|${input.page}|${now.toISOString().slice(0, 10)}`, () => compute(db, input, now));
}

async function compute(db: Db, input: { team: string | null; page: number }, now: Date) {
  const rows = await adoptionOutputs(db, input);
  const ranked = rankByGap(rows.map((r) => ({ ...r, gap: offTarget(r.latest, r.target, r.direction) })));
  const pages = Math.max(1, Math.ceil(ranked.length / ADOPTION_PAGE_SIZE));
  const page = Math.min(Math.max(1, input.page), pages);
  const shown = ranked.slice((page - 1) * ADOPTION_PAGE_SIZE, page * ADOPTION_PAGE_SIZE);
  const series = await valuesSince(
    db,
    shown.map((m) => m.id),
    new Date(now.getTime() - TREND_DAYS * 86_400_000),
  );
  return {
    total: ranked.length,
    offTarget: ranked.filter((m) => m.gap !== null && m.gap > 0).length,
    page,
    pages,
    metrics: shown.map((m) => ({
      ...m,
      trend: (series.get(m.id) ?? []).map((v) => ({ label: new Date(v.periodStart).toISOString().slice(0, 10), value: v.value })),
    })),
  };
}

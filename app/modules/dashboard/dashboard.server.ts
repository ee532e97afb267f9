// The portfolio dashboard: every number is an aggregate computed by the database (GROUP BY, window
// functions), never rows loaded into JavaScript. Filters: a team and a period for decisions.
import { daysInStage, overdueIfEnteredBefore } from "~/modules/lifecycle/time-in-stage";
import type { Playbook } from "~/modules/lifecycle/playbook";
import { STAGES, type StageKey } from "~/modules/lifecycle/stages";
import type { Db } from "~/utils/db.server";
import { readCache } from "~/utils/read-cache.server";

import { DASHBOARD_PERIODS, type DashboardPeriod } from "./periods";
import { dashboardAggregates } from "./queries.server";

export async function getDashboard(db: Db, input: { team: string | null; period: DashboardPeriod; playbook: Playbook; now?: Date }) {
  const now = input.now ?? new Date();
  const since = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - DASHBOARD_PERIODS[input.period] + 1, 1));
  // "Stuck": active projects in a stage longer than the playbook expects there: past its next gate
  // date, by the one rule of time-in-stage.ts.
  const stuckBefore = input.playbook.stages.map((s) => ({ stage: s.stage, enteredBefore: overdueIfEnteredBefore(s.expectedDays, now) }));
  const { funnel, timeInStage, passed, outcomes, stuck, stuckList, stoppedAtPlan, debt, adoption, stoppedAtPlanCount, reasons, recurrences } =
    await dashboardAggregates(db, {
      team: input.team,
      since,
      now,
      stuckBefore,
    });

  const byStage = <T extends { stage: StageKey }>(rows: T[]) => new Map(rows.map((r) => [r.stage, r]));
  const open = new Map<StageKey, number>();
  for (const row of funnel) open.set(row.stage, (open.get(row.stage) ?? 0) + row.n);
  const t = byStage(timeInStage);
  const o = byStage(outcomes);
  const s = byStage(stuck);
  const months: { month: string; passed: number }[] = [];
  const passedBy = new Map(passed.map((r) => [r.month, r.n]));
  for (let d = new Date(since); d <= now; d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1))) {
    const key = d.toISOString().slice(0, 7);
    months.push({ month: key, passed: passedBy.get(key) ?? 0 });
  }
  return {
    since: since.toISOString().slice(0, 10),
    stages: STAGES.map((stage) => {
      const decided = o.get(stage)?.decided ?? 0;
      return {
        stage,
        open: open.get(stage) ?? 0,
        medianDays: t.get(stage)?.median ?? null,
        slowestDays: t.get(stage)?.slowest ?? null,
        stuck: s.get(stage)?.n ?? 0,
        expectedDays: input.playbook.stages.find((x) => x.stage === stage)?.expectedDays ?? null,
        decided,
        goRate: decided ? (o.get(stage)?.passed ?? 0) / decided : null,
        holdRate: decided ? (o.get(stage)?.held ?? 0) / decided : null,
        stopRate: decided ? (o.get(stage)?.stopped ?? 0) / decided : null,
        recycleRate: decided ? (o.get(stage)?.recycled ?? 0) / decided : null,
        reasons: reasons.filter((r) => r.stage === stage).map(({ decision, reason, n }) => ({ decision, reason, n })),
      };
    }),
    months,
    stuckList: stuckList.map(({ stageEnteredAt, ...r }) => ({ ...r, days: daysInStage(stageEnteredAt, now) })),
    stoppedAtPlan: { count: stoppedAtPlanCount.n, recent: stoppedAtPlan },
    debt: { projects: debt.projects, criteria: debt.criteria ?? 0 },
    adoption: { atTarget: adoption.at ?? 0, total: adoption.total },
    recurring: [...new Set(recurrences.map((r) => r.category))].map((category) => ({
      category,
      coes: recurrences.filter((r) => r.category === category).map(({ category: _c, at, ...r }) => ({ ...r, at: at.toISOString().slice(0, 10) })),
    })),
  };
}

type Dashboard = Awaited<ReturnType<typeof getDashboard>>;
const cache = readCache<Dashboard>({ max: 200, ttlMs: 60_000 });

/** The dashboard, computed once per data version (and minute) for each filter. */
export function getDashboardCached(db: Db, input: { team: string | null; period: DashboardPeriod; playbook: Playbook }) {
  return cache(db, `${input.team ?? "*"}|${input.period}|playbook ${input.playbook.version}`, () => getDashboard(db, input));
}

import { beforeAll, describe, expect, it } from "vitest";
import { getDashboard } from "~/modules/dashboard/dashboard.server";
import { DEFAULT_PLAYBOOK } from "~/modules/lifecycle/playbook";
import type { Db } from "~/utils/db.server";
import { createMetric, RATE, withTestDb } from "../factories";

const t = withTestDb();
let db: Db;
const now = new Date("2026-11-23T12:00:00Z");
const ago = (days: number) => new Date(now.getTime() - days * 86_400_000);

beforeAll(async () => {
  db = t.db;
  const user = await db.user.create({ data: { email: "d@d.test", name: "D", passwordHash: "x" } });
  const a = await db.team.create({ data: { slug: "a", name: "A" } });
  const b = await db.team.create({ data: { slug: "b", name: "B" } });
  let n = 0;
  const project = (teamId: string, stage: "plan" | "adopt", status: "active" | "stopped", enteredDaysAgo: number, gateDebt = 0) =>
    db.project.create({
      data: {
        number: ++n,
        key: `GP-${n}`,
        title: `P${n}`,
        teamId,
        stage,
        stageRank: stage === "plan" ? 3 : 5,
        status,
        stageEnteredAt: ago(enteredDaysAgo),
        gateDebt,
        proposerId: user.id,
      },
    });
  const p1 = await project(a.id, "plan", "active", 40); // plan expects 30 days: stuck
  await project(a.id, "plan", "active", 10, 2);
  await project(a.id, "plan", "active", 20);
  const p4 = await project(b.id, "plan", "stopped", 5);
  const p5 = await project(a.id, "adopt", "active", 15);
  const held = await project(b.id, "plan", "active", 3);
  await db.project.update({ where: { id: held.id }, data: { status: "on_hold" } });
  const review = (projectId: string, stage: "identify" | "understand" | "plan", decision: "go" | "recycle" | "stop", daysAgo: number) =>
    db.gateReview.create({
      data: {
        projectId,
        stage,
        requestedById: user.id,
        requestedAt: ago(daysAgo + 1),
        decidedById: user.id,
        decidedAt: ago(daysAgo),
        decision,
        rationale: "r",
      },
    });
  await review(p1.id, "identify", "go", 100);
  await review(p1.id, "understand", "recycle", 60);
  await review(p1.id, "understand", "go", 50);
  await review(p4.id, "plan", "stop", 5);
  await review(p1.id, "identify", "go", 500); // outside every period but 24 months
  const metric = await createMetric(db, p5, { name: "Orders on time", ...RATE });
  await db.metricValue.createMany({
    data: [
      { metricId: metric.id, periodStart: new Date("2026-11-09T00:00:00Z"), value: 0.5 },
      { metricId: metric.id, periodStart: new Date("2026-11-16T00:00:00Z"), value: 0.95 },
    ],
  });
});

describe("the portfolio dashboard", () => {
  it("counts, medians, rates and flags in SQL, for one team", async () => {
    const d = await getDashboard(db, { team: "a", period: "12m", playbook: DEFAULT_PLAYBOOK, now });
    const plan = d.stages.find((s) => s.stage === "plan")!;
    expect(plan).toMatchObject({ open: 3, stuck: 1, expectedDays: 30 });
    expect(plan.medianDays).toBeCloseTo(20, 6);
    expect(plan.slowestDays).toBeCloseTo(40, 6);
    expect(d.stages.find((s) => s.stage === "understand")).toMatchObject({ decided: 2, goRate: 0.5, holdRate: 0, recycleRate: 0.5, stopRate: 0 });
    expect(d.stages.find((s) => s.stage === "plan")!.decided).toBe(0);
    expect(d.stuckList.map((p) => [p.key, p.days])).toEqual([["GP-1", 40]]);
    expect(d.debt).toEqual({ projects: 1, criteria: 2 });
    expect(d.adoption).toEqual({ atTarget: 1, total: 1 });
    expect(d.stoppedAtPlan.count).toBe(0);
    // Go and Conditional Go per month, every month of the period listed.
    expect(d.months).toHaveLength(12);
    expect(d.months.filter((m) => m.passed > 0)).toEqual([
      { month: "2026-08", passed: 1 },
      { month: "2026-10", passed: 1 },
    ]);
  });

  it("without a team filter, other teams count; a longer period reaches older decisions", async () => {
    const all = await getDashboard(db, { team: null, period: "12m", playbook: DEFAULT_PLAYBOOK, now });
    // Open counts active and on-hold projects together: three of team A's and one held of B's.
    expect(all.stages.find((s) => s.stage === "plan")!.open).toBe(4);
    expect(all.stages.find((s) => s.stage === "understand")).toMatchObject({ decided: 2, recycleRate: 0.5 });
    expect(all.months.filter((m) => m.passed > 0)).toEqual([
      { month: "2026-08", passed: 1 },
      { month: "2026-10", passed: 1 },
    ]);
    expect(all.stoppedAtPlan).toMatchObject({ count: 1, recent: [{ key: "GP-4" }] });
    expect(all.stages.find((s) => s.stage === "plan")).toMatchObject({ decided: 1, stopRate: 1 });
    const long = await getDashboard(db, { team: null, period: "24m", playbook: DEFAULT_PLAYBOOK, now });
    expect(long.stages.find((s) => s.stage === "identify")!.decided).toBe(2);
  });
});

describe("why gates stop, recycle and hold", () => {
  it("gives each gate's two most frequent reasons per outcome, with their counts, for the team and period asked", async () => {
    const user = await db.user.findFirstOrThrow({ where: { email: "d@d.test" } });
    const team = await db.team.create({ data: { slug: "c", name: "C" } });
    const reasons: [string, "stop" | "recycle" | "hold", number][] = [
      ["A vendor now covers this", "stop", 3],
      ["No lift after the pilot", "stop", 2],
      ["The customer moved on", "stop", 1],
      ["Data from one site only", "recycle", 1],
    ];
    let n = 100;
    for (const [rationale, decision, times] of reasons) {
      for (let i = 0; i < times; i++) {
        const p = await db.project.create({
          data: { number: ++n, key: `GP-${n}`, title: `R${n}`, teamId: team.id, stage: "plan", stageRank: 3, proposerId: user.id },
        });
        await db.gateReview.create({ data: { projectId: p.id, stage: "plan", decidedById: user.id, decidedAt: ago(10 + i), decision, rationale } });
      }
    }
    const d = await getDashboard(db, { team: "c", period: "12m", playbook: DEFAULT_PLAYBOOK, now });
    expect(d.stages.find((s) => s.stage === "plan")!.reasons).toEqual([
      { decision: "recycle", reason: "Data from one site only", n: 1 },
      { decision: "stop", reason: "A vendor now covers this", n: 3 },
      { decision: "stop", reason: "No lift after the pilot", n: 2 },
    ]);
    expect(d.stages.find((s) => s.stage === "understand")!.reasons).toEqual([]);
  });
});

describe("the weekly business review", () => {
  it("lists a team's projects with metrics, inputs before the outputs they drive, with last week's totals", async () => {
    const { getWbr } = await import("~/modules/metrics/wbr.server");
    const team = await db.team.findUniqueOrThrow({ where: { slug: "a" } });
    const user = await db.user.findFirstOrThrow();
    const p = await db.project.create({ data: { number: 100, key: "GP-100", title: "WBR", teamId: team.id, proposerId: user.id } });
    const output = await createMetric(db, p, { name: "Refunds in a day", ...RATE });
    const input = await db.metric.create({
      data: {
        projectId: p.id,
        name: "Scans on arrival",
        definition: "d",
        kind: "input",
        unit: "count",
        aggregate: "sum",
        direction: "higher",
        target: 400,
        cadence: "weekly",
        drives: { create: { outputId: output.id } },
      },
    });
    await db.metricValue.createMany({
      data: [
        { metricId: input.id, periodStart: new Date("2026-11-09T00:00:00Z"), value: 300 },
        { metricId: input.id, periodStart: new Date("2026-11-16T00:00:00Z"), value: 450 },
        { metricId: output.id, periodStart: new Date("2026-11-16T00:00:00Z"), value: 0.92 },
      ],
    });
    const wbr = (await getWbr(db, { slug: "a", page: 1, now }))!;
    const project = wbr.projects.find((x) => x.key === "GP-100")!;
    expect(project.metrics.map((m) => m.name)).toEqual(["Scans on arrival", "Refunds in a day"]);
    expect(project.metrics[0]!.drives).toEqual(["Refunds in a day"]);
    expect(project.metrics[0]!.totals.lastWeek).toMatchObject({ value: 450, weekBefore: 300, wow: { unit: "percent", value: 50 } });
    expect(await getWbr(db, { slug: "nope", page: 1, now })).toBeNull();
    // A page past the end shows the last page.
    expect((await getWbr(db, { slug: "a", page: 99, now }))!.page).toBe(1);
  });
});

// The adoption dashboard's metrics (issue 13, item 9) on a real database: the outputs with a
// target of projects in Executing and Adoption, furthest off target first, without values last,
// filtered by team, a page at a time, each with its recent values.
import { beforeAll, describe, expect, it } from "vitest";
import { ADOPTION_PAGE_SIZE, adoptionMetrics, offTarget, rankByGap } from "~/modules/dashboard/adoption.server";
import type { Db } from "~/utils/db.server";
import { createMetric, createProject, createTeam, RATE, withTestDb } from "../factories";

const t = withTestDb();
let db: Db;
beforeAll(() => {
  db = t.db;
});

describe("offTarget and rankByGap", () => {
  it("measure the gap in the metric's direction, as a share of the target", () => {
    expect(offTarget(0.81, 0.9, "higher")).toBeCloseTo(0.1);
    expect(offTarget(0.95, 0.9, "higher")).toBeLessThan(0);
    expect(offTarget(300, 250, "lower")).toBeCloseTo(0.2);
    expect(offTarget(null, 250, "lower")).toBeNull();
    const ranked = rankByGap([
      { key: "GP-1", name: "a", gap: null },
      { key: "GP-2", name: "b", gap: -0.1 },
      { key: "GP-3", name: "c", gap: 0.3 },
      { key: "GP-4", name: "d", gap: 0.05 },
    ]);
    expect(ranked.map((r) => r.key)).toEqual(["GP-3", "GP-4", "GP-2", "GP-1"]);
  });
});

describe("adoptionMetrics", () => {
  it("ranks the outputs of Executing and Adoption projects, filters by team and pages", async () => {
    const team = await createTeam(db, { name: "Returns" });
    const week = (ago: number) => new Date(Date.now() - ago * 7 * 86_400_000).toISOString().slice(0, 10);
    const far = await createProject(db, { stage: "adopt", data: { teamId: team.id } });
    await createMetric(db, far, { name: "Far off", ...RATE, values: { [week(2)]: 0.5, [week(1)]: 0.6 } });
    const near = await createProject(db, { stage: "execute", data: { teamId: team.id } });
    await createMetric(db, near, { name: "Near", ...RATE, values: { [week(1)]: 0.85 } });
    await createMetric(db, near, { name: "At target", ...RATE, values: { [week(1)]: 0.95 } });
    await createMetric(db, near, { name: "No values", ...RATE });
    await createMetric(db, near, { name: "An input", ...RATE, kind: "input", values: { [week(1)]: 0.1 } });
    const planning = await createProject(db, { stage: "plan", data: { teamId: team.id } });
    await createMetric(db, planning, { name: "Not yet executing", ...RATE, values: { [week(1)]: 0.1 } });
    const other = await createProject(db, { stage: "adopt" });
    await createMetric(db, other, { name: "Other team", ...RATE, values: { [week(1)]: 0.1 } });

    const mine = await adoptionMetrics(db, { team: team.slug, page: 1 });
    expect(mine.metrics.map((m) => m.name)).toEqual(["Far off", "Near", "At target", "No values"]);
    expect([mine.total, mine.offTarget, mine.pages]).toEqual([4, 2, 1]);
    expect(mine.metrics[0]!.trend.map((p) => p.value)).toEqual([0.5, 0.6]);

    const all = await adoptionMetrics(db, { team: null, page: 99 });
    expect(all.total).toBe(5);
    expect(all.page).toBe(1);
    expect(all.metrics[0]!.name).toBe("Other team");
    expect(ADOPTION_PAGE_SIZE).toBeGreaterThanOrEqual(all.total);
  });
});

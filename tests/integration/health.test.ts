// Board cards' metric health (issue 13, item 8) on a real database: each project's first live
// output, judged by its newest values, and the points still waiting for a note.
import { beforeAll, describe, expect, it } from "vitest";
import { headlineHealth } from "~/modules/metrics/health.server";
import type { Db } from "~/utils/db.server";
import { createMetric, createProject, createUser, RATE, withTestDb } from "../factories";

const t = withTestDb();
let db: Db;
beforeAll(() => {
  db = t.db;
});

describe("headlineHealth", () => {
  it("reads each project's first live output: on or off target, the unnoted flagged points, nothing for a project without one", async () => {
    const author = await createUser(db);
    const [on, off, none, retired] = [await createProject(db), await createProject(db), await createProject(db), await createProject(db)];
    await createMetric(db, on, { name: "Orders on time", ...RATE, values: { "2026-11-16": 0.93, "2026-11-23": 0.95 } });
    // A later output does not count: page 0 shows the first.
    await createMetric(db, on, { name: "Later output", ...RATE, values: { "2026-11-23": 0.1 } });
    const dropped = await createMetric(db, off, { name: "Refunds in a day", ...RATE, values: { "2026-11-09": 0.92, "2026-11-16": 0.85, "2026-11-23": 0.8 } });
    await db.annotation.create({
      data: { metricId: dropped.id, periodStart: new Date("2026-11-16T00:00:00Z"), kind: "explanation", body: "Scanner down", authorId: author.id },
    });
    await createMetric(db, none, { name: "Signups", values: {} });
    await createMetric(db, retired, { name: "Old", ...RATE, retiredAt: new Date(), values: { "2026-11-23": 0.2 } });

    const health = await headlineHealth(db, [on.id, off.id, none.id, retired.id]);
    expect(health.get(on.id)).toEqual({ metric: "Orders on time", status: "on", needNotes: 0 });
    expect(health.get(off.id)).toEqual({ metric: "Refunds in a day", status: "off", needNotes: 1 });
    expect(health.get(none.id)).toEqual({ metric: "Signups", status: "none", needNotes: 0 });
    expect(health.has(retired.id)).toBe(false);
  });
});

// A project's forecast of its next gate (issue 26, item 6) from the organisation's own history in
// a real database: past projects' decided reviews replayed into stage visits, read once per data
// version and read again after the next decision.
import { beforeAll, describe, expect, it } from "vitest";
import { writeAudit } from "~/modules/audit/audit.server";
import { pastStageDurations, pastStageVisits, projectForecast } from "~/modules/lifecycle/forecast.server";
import type { Db } from "~/utils/db.server";
import { createProject, createUsers, withTestDb, type TestUser } from "../factories";

const t = withTestDb();
let db: Db;
let u: Record<"owner", TestUser>;
const DAY = 86_400_000;
const start = new Date("2031-01-01T00:00:00Z");

/** A past project that spent `days` in Problem identified, then Go. */
async function pastProject(days: number) {
  const project = await createProject(db, { owner: u.owner, stage: "understand", data: { createdAt: start } });
  await db.gateReview.create({
    data: {
      projectId: project.id,
      stage: "identify",
      requestedAt: start,
      decidedAt: new Date(start.getTime() + days * DAY),
      decision: "go",
      decidedById: u.owner.id,
    },
  });
  // Every change the app makes writes an audit event: it is what tells the cache the data moved.
  await db.$transaction((tx) => writeAudit(tx, { actorId: u.owner.id, projectId: project.id, entity: "gate_review", entityId: project.id, action: "gate.go" }));
  return project;
}

beforeAll(async () => {
  db = t.db;
  u = await createUsers(db, { owner: "member" });
});

describe("the forecast on a project page", () => {
  it("comes from the past projects' stage visits, once there are enough, and follows new decisions", async () => {
    for (const days of [10, 20, 30, 40]) await pastProject(days);
    const now = new Date("2031-06-01T00:00:00Z");
    const open = await createProject(db, { owner: u.owner, stage: "identify", data: { stageEnteredAt: new Date(now.getTime() - 5 * DAY) } });
    const frame = { id: open.id, status: "active" as const, stage: "identify" as const, teamId: null, stageEnteredAt: open.stageEnteredAt };
    expect(await projectForecast(db, frame, now)).toMatchObject({ ok: false, from: 4 });
    await pastProject(50);
    expect(
      (await pastStageVisits(db))
        .filter((v) => v.stage === "identify")
        .map((v) => Math.round(v.days))
        .sort((a, b) => a - b),
    ).toEqual([10, 20, 30, 40, 50]);
    const forecast = await projectForecast(db, frame, now);
    expect(forecast).toMatchObject({ ok: true, from: 5, scope: "organisation" });
    if (!forecast?.ok) throw new Error("no forecast");
    // Entered 27 May: the median past visit (30 days) ends on 26 June, the 85th percentile (50 days) on 16 July.
    expect([forecast.p50.toISOString().slice(0, 10), forecast.p85.toISOString().slice(0, 10)]).toEqual(["2031-06-26", "2031-07-16"]);
    // The same page says the same thing until the data changes.
    expect(await projectForecast(db, frame, now)).toEqual(forecast);
    expect(await projectForecast(db, { ...frame, status: "stopped" }, now)).toBeNull();
    // The dashboard's "how long stages took", from the same visits.
    const durations = await pastStageDurations(db, null);
    expect(durations.get("identify")).toMatchObject({ visits: 5, median: 30, p85: 50 });
    expect(durations.get("plan")).toBeNull();
  });
});

// A person's calendar feed (issue 25, item 6): the dates of the projects they own or hold a role
// on, as whole-day events at a secret address; a new link revokes the old one, a stopped one
// answers nothing, and a deactivated person's feed is gone.
import { beforeAll, describe, expect, it } from "vitest";
import { calendarEntries, calendarFeed, makeCalendarLink, stopCalendarLink } from "~/modules/notifications/calendar.server";
import type { Db } from "~/utils/db.server";
import { createProject, createUsers, withTestDb, type TestUser } from "../factories";

const t = withTestDb();
let db: Db;
let u: Record<"owner" | "decider" | "stranger", TestUser>;
const secretOf = (url: string) => new URL(url).pathname.replace(/^\/calendar\//, "").replace(/\.ics$/, "");

beforeAll(async () => {
  db = t.db;
  u = await createUsers(db, { owner: "member", decider: "member", stranger: "member" });
  await createProject(db, {
    title: "Dock doors",
    stage: "plan",
    owner: u.owner,
    roles: [{ user: u.decider, role: "decider" }],
    data: { stageEnteredAt: new Date("2031-02-01T15:00:00Z"), revisitAt: new Date("2031-03-10T00:00:00Z") },
  });
  await createProject(db, { title: "Label printer", owner: u.stranger, data: { conditionDueAt: new Date("2031-04-01T00:00:00Z") } });
  await createProject(db, { title: "Closed", owner: u.owner, status: "stopped", data: { revisitAt: new Date("2031-05-01T00:00:00Z") } });
});

describe("the calendar feed", () => {
  it("holds the open projects' dates of the person's own projects, as whole days", async () => {
    const entries = await calendarEntries(db, u.decider.id);
    expect(entries.map((e) => e.summary)).toEqual([
      expect.stringMatching(/Dock doors: Plan in place gate expected$/),
      expect.stringMatching(/Dock doors: revisit the Hold$/),
    ]);
    const made = await makeCalendarLink(db, u.decider);
    if (!made.ok) throw new Error(made.message);
    const ics = (await calendarFeed(db, secretOf(made.url)))!;
    expect(ics).toContain("BEGIN:VCALENDAR");
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(2);
    expect(ics).toContain("DTSTART;VALUE=DATE:20310310");
    expect(ics).not.toContain("Label printer");
    expect(ics).not.toContain("Closed");
  });

  it("a new link stops the old one; a stopped link and a deactivated person's feed answer nothing", async () => {
    const first = await makeCalendarLink(db, u.owner);
    const second = await makeCalendarLink(db, u.owner);
    if (!first.ok || !second.ok) throw new Error("no link");
    expect(await calendarFeed(db, secretOf(first.url))).toBeNull();
    expect(await calendarFeed(db, secretOf(second.url))).toContain("BEGIN:VEVENT");
    expect(await stopCalendarLink(db, u.owner)).toMatchObject({ ok: true, stopped: true });
    expect(await calendarFeed(db, secretOf(second.url))).toBeNull();
    expect(await calendarFeed(db, "not-a-link")).toBeNull();

    const third = await makeCalendarLink(db, u.stranger);
    if (!third.ok) throw new Error("no link");
    await db.user.update({ where: { id: u.stranger.id }, data: { deactivatedAt: new Date() } });
    expect(await calendarFeed(db, secretOf(third.url))).toBeNull();
    expect(await db.auditEvent.count({ where: { actorId: u.owner.id, action: { in: ["calendar.link_made", "calendar.link_stopped"] } } })).toBe(3);
  });
});

// Issue 12, item 2: a person's own profile. A password changes only for someone who knows the
// current one and ends their other sessions; the time zone must be a real one; "sign out
// everywhere" ends every session. Each change is audited.
import { beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "~/modules/people/password.server";
import { getPreference } from "~/modules/people/queries.server";
import { changeName, changePassword, setTheme, setTimeZone, signOutEverywhere, THEME_PREFERENCE, TIME_ZONE_PREFERENCE } from "~/modules/people/profile.server";
import { lookOf } from "~/utils/time-zone.server";
import { verifyLogin } from "~/modules/people/users.server";
import type { Db } from "~/utils/db.server";
import { createUser, withTestDb, type TestUser } from "../factories";

const t = withTestDb();
let db: Db;
const OLD = "old-password-that-is-long-enough";
const NEW = "pallet-ramp-quietly-42";

beforeAll(async () => {
  db = t.db;
});

async function personWithSessions(n: number): Promise<{ person: TestUser; sessions: string[] }> {
  const person = await createUser(db, { passwordHash: await hashPassword(OLD) });
  const sessions: string[] = [];
  for (let i = 0; i < n; i++) sessions.push((await db.session.create({ data: { userId: person.id, expiresAt: new Date(Date.now() + 3_600_000) } })).id);
  return { person, sessions };
}

describe("the profile", () => {
  it("changes the password for someone who knows the current one, keeping this session and ending the others", async () => {
    const { person, sessions } = await personWithSessions(3);
    expect(await changePassword(db, person, { current: "not-my-password", password: NEW }, sessions[0]!)).toMatchObject({ ok: false, field: "current" });
    expect(await changePassword(db, person, { current: OLD, password: "password1234" }, sessions[0]!)).toMatchObject({ ok: false, field: "password" });
    expect(await changePassword(db, person, { current: OLD, password: OLD }, sessions[0]!)).toMatchObject({ ok: false, field: "password" });
    // Their own name and the organisation's are what a guesser tries first (issue 23).
    await db.workspace.upsert({ where: { id: 1 }, create: { id: 1, name: "Harbourline Freight" }, update: { name: "Harbourline Freight" } });
    for (const guessable of [`${person.name.replace(/\s+/g, "")}2026!`, "Harbourline2026!", person.email]) {
      expect(await changePassword(db, person, { current: OLD, password: guessable }, sessions[0]!), guessable).toMatchObject({
        ok: false,
        field: "password",
        message: expect.stringMatching(/too easy to guess/),
      });
    }
    expect(await db.session.count({ where: { userId: person.id } })).toBe(3);

    expect(await changePassword(db, person, { current: OLD, password: NEW }, sessions[0]!)).toEqual({ ok: true });
    expect((await db.session.findMany({ where: { userId: person.id } })).map((s) => s.id)).toEqual([sessions[0]]);
    expect(await verifyLogin(db, person.email, OLD)).toBeNull();
    expect(await verifyLogin(db, person.email, NEW)).toMatchObject({ id: person.id });
    expect(await db.auditEvent.findFirstOrThrow({ where: { action: "user.password_changed", entityId: person.id } })).toMatchObject({
      data: { otherSessionsEnded: 2 },
    });
  });

  it("keeps a real time zone, refuses a made-up one, and clears it back to the browser's", async () => {
    const { person } = await personWithSessions(0);
    expect(await setTimeZone(db, person, "Mars/Olympus_Mons")).toMatchObject({ ok: false, status: 400, field: "timeZone" });
    expect(await setTimeZone(db, person, "America/Los_Angeles")).toEqual({ ok: true });
    expect(await getPreference(db, person.id, TIME_ZONE_PREFERENCE)).toBe("America/Los_Angeles");
    expect(await setTimeZone(db, person, null)).toEqual({ ok: true });
    expect(await getPreference(db, person.id, TIME_ZONE_PREFERENCE)).toBeNull();
  });

  it("keeps a chosen theme and hands it back to the system, audited; the page reads it with the zone in one go", async () => {
    const { person } = await personWithSessions(0);
    const request = new Request("http://localhost/board", { headers: { Cookie: "tz=Asia%2FTokyo" } });
    expect(await lookOf(db, request, person.id)).toEqual({ timeZone: "Asia/Tokyo", theme: null });
    expect(await setTheme(db, person, "dark")).toEqual({ ok: true });
    expect(await setTimeZone(db, person, "Europe/Berlin")).toEqual({ ok: true });
    expect(await lookOf(db, request, person.id)).toEqual({ timeZone: "Europe/Berlin", theme: "dark" });
    expect(await setTheme(db, person, "system")).toEqual({ ok: true });
    expect(await getPreference(db, person.id, THEME_PREFERENCE)).toBeNull();
    expect(await lookOf(db, request, null)).toEqual({ timeZone: "Asia/Tokyo", theme: null });
    const themes = await db.auditEvent.findMany({ where: { entityId: person.id, action: "user.theme" }, orderBy: { id: "asc" } });
    expect(themes.map((e) => e.data)).toEqual([{ theme: "dark" }, { theme: "system" }]);
  });

  it("signs out everywhere, and renames, audited", async () => {
    const { person } = await personWithSessions(2);
    expect(await signOutEverywhere(db, person)).toEqual({ ok: true, ended: 2 });
    expect(await db.session.count({ where: { userId: person.id } })).toBe(0);
    expect(await changeName(db, person, person.name)).toMatchObject({ ok: false, field: "name" });
    expect(await changeName(db, person, "Renamed Person")).toEqual({ ok: true });
    const actions = (await db.auditEvent.findMany({ where: { entityId: person.id }, orderBy: { id: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(["user.signed_out_everywhere", "user.renamed"]);
  });
});

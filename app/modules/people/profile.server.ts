// A person's own profile (issue 12): their name, their password (the current one required), their
// time zone, their theme, and their sessions, with "sign out everywhere". Each change is audited.
import { writeAudit } from "~/modules/audit/audit.server";
import { refuse, type Result } from "~/modules/result";
import type { Db } from "~/utils/db.server";
import type { Person } from "./authorize";
import { hashPassword, verifyPassword } from "./password.server";
import { organisationName } from "./organisation.server";
import { passwordProblem } from "./password-policy.server";
import type { Theme } from "./people-form";

export const TIME_ZONE_PREFERENCE = "timeZone";

/** The IANA time zones this runtime knows, for the picker and the check. */
export function timeZones(): string[] {
  return Intl.supportedValuesOf("timeZone");
}

export async function changeName(db: Db, person: Person, name: string): Promise<Result> {
  return db.$transaction(async (tx) => {
    const before = await tx.user.findUniqueOrThrow({ where: { id: person.id }, select: { name: true } });
    if (before.name === name) return refuse(400, "That is your name already.", "name");
    await tx.user.update({ where: { id: person.id }, data: { name } });
    await writeAudit(tx, { actorId: person.id, entity: "user", entityId: person.id, action: "user.renamed", data: { from: before.name, to: name } });
    return { ok: true as const };
  });
}

/** A new password for someone who knows the current one; their other sessions end with it. */
export async function changePassword(db: Db, person: Person, input: { current: string; password: string }, keepSessionId: string | null): Promise<Result> {
  const user = await db.user.findUniqueOrThrow({ where: { id: person.id }, select: { email: true, name: true, passwordHash: true } });
  if (!(await verifyPassword(user.passwordHash, input.current))) return refuse(400, "That is not your current password.", "current");
  if (input.password === input.current) return refuse(400, "Choose a password other than the current one.", "password");
  const organisation = await organisationName(db);
  const problem = passwordProblem(input.password, { email: user.email, name: user.name, organisation });
  if (problem) return refuse(400, problem, "password");
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: person.id }, data: { passwordHash } });
    const ended = await tx.session.deleteMany({ where: { userId: person.id, ...(keepSessionId ? { NOT: { id: keepSessionId } } : {}) } });
    await writeAudit(tx, {
      actorId: person.id,
      entity: "user",
      entityId: person.id,
      action: "user.password_changed",
      data: { otherSessionsEnded: ended.count },
    });
    return { ok: true as const };
  });
}

/** The person's time zone, or null to follow their browser's. */
export async function setTimeZone(db: Db, person: Person, timeZone: string | null): Promise<Result> {
  if (timeZone !== null && !timeZones().includes(timeZone) && timeZone !== "UTC") return refuse(400, "Choose a time zone from the list.", "timeZone");
  return choose(db, person, TIME_ZONE_PREFERENCE, "user.time_zone", { timeZone }, timeZone);
}

export const THEME_PREFERENCE = "theme";

/** The person's theme, or "system" to follow their system's light or dark setting. */
export async function setTheme(db: Db, person: Person, theme: Theme): Promise<Result> {
  return choose(db, person, THEME_PREFERENCE, "user.theme", { theme }, theme === "system" ? null : theme);
}

/** One of the person's own choices, in one audited transaction; null forgets it, so the browser's or the system's applies. */
async function choose(db: Db, person: Person, key: string, action: string, data: Record<string, string | null>, value: string | null): Promise<Result> {
  return db.$transaction(async (tx) => {
    if (value === null) await tx.userPreference.deleteMany({ where: { userId: person.id, key } });
    else await tx.userPreference.upsert({ where: { userId_key: { userId: person.id, key } }, create: { userId: person.id, key, value }, update: { value } });
    await writeAudit(tx, { actorId: person.id, entity: "user", entityId: person.id, action, data });
    return { ok: true as const };
  });
}

/** Ends every session of this person, the one they are using included. */
export async function signOutEverywhere(db: Db, person: Person): Promise<Result<{ ended: number }>> {
  return db.$transaction(async (tx) => {
    const ended = await tx.session.deleteMany({ where: { userId: person.id } });
    await writeAudit(tx, {
      actorId: person.id,
      entity: "user",
      entityId: person.id,
      action: "user.signed_out_everywhere",
      data: { sessionsEnded: ended.count },
    });
    return { ok: true as const, ended: ended.count };
  });
}

/** The person's live sessions, newest first. */
export function listSessions(db: Db, userId: string, now = new Date()) {
  return db.session.findMany({
    where: { userId, expiresAt: { gt: now } },
    orderBy: { createdAt: "desc" },
    select: { id: true, createdAt: true, expiresAt: true },
  });
}

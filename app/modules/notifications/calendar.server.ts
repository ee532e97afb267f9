// A person's calendar (issue 25, item 6): an ICS feed of the dates of their projects (each
// project's expected gate date, a Hold's revisit date, a condition's due date) at a secret
// address a calendar program subscribes to. Only the secret's hash is kept; making a new link
// or stopping it revokes the old one. ical-generator writes the feed.
import crypto from "node:crypto";
import ical, { ICalCalendarMethod } from "ical-generator";
import { writeAudit } from "~/modules/audit/audit.server";
import { loadCurrentPlaybook } from "~/modules/lifecycle/playbook.server";
import { STAGE_NAMES } from "~/modules/lifecycle/stages";
import type { Result } from "~/modules/result";
import type { Db } from "~/utils/db.server";
import { sha256Hex } from "~/utils/hash.server";
import { appUrl } from "./delivery.server";

type Me = { id: string };
const DAY_MS = 86_400_000;
const utcDay = (date: Date) => Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());

/** When my calendar link was made, or null when I have none. */
export async function calendarLinkMade(db: Db, me: Me): Promise<Date | null> {
  return (await db.calendarFeed.findUnique({ where: { userId: me.id }, select: { createdAt: true } }))?.createdAt ?? null;
}

/** A new calendar link for me (the old one stops working); its address, shown this once. */
export async function makeCalendarLink(db: Db, me: Me): Promise<Result<{ url: string }>> {
  const secret = crypto.randomBytes(24).toString("base64url");
  await db.$transaction(async (tx) => {
    await tx.calendarFeed.upsert({
      where: { userId: me.id },
      create: { userId: me.id, tokenHash: sha256Hex(secret) },
      update: { tokenHash: sha256Hex(secret), createdAt: new Date() },
    });
    await writeAudit(tx, { actorId: me.id, entity: "calendar", entityId: me.id, action: "calendar.link_made" });
  });
  return { ok: true, url: new URL(`/calendar/${secret}.ics`, appUrl()).toString() };
}

/** Stops my calendar link. */
export async function stopCalendarLink(db: Db, me: Me): Promise<Result<{ stopped: boolean }>> {
  const stopped = await db.$transaction(async (tx) => {
    const { count } = await tx.calendarFeed.deleteMany({ where: { userId: me.id } });
    if (count > 0) await writeAudit(tx, { actorId: me.id, entity: "calendar", entityId: me.id, action: "calendar.link_stopped" });
    return count > 0;
  });
  return { ok: true, stopped };
}

export type CalendarEntry = { id: string; date: Date; summary: string; url: string };

/** The dates of the projects I own or hold a role on, open ones only, in date order. */
export async function calendarEntries(db: Db, userId: string): Promise<CalendarEntry[]> {
  const [projects, playbook] = await Promise.all([
    db.project.findMany({
      where: { status: { in: ["active", "on_hold"] }, OR: [{ ownerId: userId }, { roles: { some: { userId } } }] },
      select: { key: true, title: true, stage: true, stageEnteredAt: true, revisitAt: true, conditionDueAt: true },
    }),
    loadCurrentPlaybook(db),
  ]);
  const expected = new Map(playbook.stages.map((s) => [s.stage, s.expectedDays]));
  const entries: CalendarEntry[] = [];
  for (const p of projects) {
    const url = new URL(`/projects/${p.key}`, appUrl()).toString();
    const days = expected.get(p.stage);
    if (days) {
      entries.push({
        id: `${p.key}-gate-${p.stage}`,
        date: new Date(utcDay(p.stageEnteredAt) + days * DAY_MS),
        summary: `${p.key} ${p.title}: ${STAGE_NAMES[p.stage]} gate expected`,
        url,
      });
    }
    if (p.revisitAt) entries.push({ id: `${p.key}-revisit`, date: p.revisitAt, summary: `${p.key} ${p.title}: revisit the Hold`, url });
    if (p.conditionDueAt) entries.push({ id: `${p.key}-condition`, date: p.conditionDueAt, summary: `${p.key} ${p.title}: the condition is due`, url });
  }
  return entries.sort((a, b) => a.date.getTime() - b.date.getTime() || a.id.localeCompare(b.id));
}

/** The ICS text of the feed a secret opens, or null when no live link has it (or its person was deactivated). */
export async function calendarFeed(db: Db, secret: string): Promise<string | null> {
  const feed = await db.calendarFeed.findUnique({
    where: { tokenHash: sha256Hex(secret) },
    select: { userId: true, user: { select: { deactivatedAt: true } } },
  });
  if (!feed || feed.user.deactivatedAt) return null;
  const calendar = ical({
    name: "Gatepath: my projects' dates",
    prodId: { company: "Gatepath", product: "Gatepath" },
    method: ICalCalendarMethod.PUBLISH,
    ttl: 3600,
  });
  const host = new URL(appUrl()).host;
  for (const entry of await calendarEntries(db, feed.userId)) {
    // Whole days: the dates are calendar dates, the same in every zone.
    calendar.createEvent({
      id: `${entry.id}@${host}`,
      start: new Date(utcDay(entry.date)),
      allDay: true,
      summary: entry.summary,
      url: entry.url,
      timezone: null,
    });
  }
  return calendar.toString();
}

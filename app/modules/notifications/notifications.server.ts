// A person's notifications (issue 25): the list with read and unread, "mark all read", the
// unread count the navigation shows, how each kind reaches them by email, and the projects they
// watch. Every write is one transaction with its audit event.
import { writeAudit } from "~/modules/audit/audit.server";
import { getPreferences } from "~/modules/people/queries.server";
import { TIME_ZONE_PREFERENCE } from "~/modules/people/profile.server";
import { refuse, type Result } from "~/modules/result";
import type { Db, Tx } from "~/utils/db.server";
import { DEFAULT_DIGEST_HOUR, KIND_NAMES, emailModeOf, isKind, type EmailMode, type NotificationKind } from "./kinds";

type Me = { id: string };
export const DIGEST_HOUR_PREFERENCE = "digestHour";
const PAGE = 50;

/**
 * How many of my notifications I have not read: the navigation's count, on every page. Not kept
 * in the read cache, which follows audited writes: the worker tells notices without one. The
 * (userId, readAt) index makes it a walk over my unread ones only.
 */
export async function unreadCount(db: Db, me: Me): Promise<number> {
  return db.notification.count({ where: { userId: me.id, readAt: null } });
}

/** My notifications, newest first, a page at a time (`before`: the last id of the page before). */
export async function listNotifications(db: Db, me: Me, options: { before?: number; unreadOnly?: boolean } = {}) {
  const rows = await db.notification.findMany({
    where: { userId: me.id, ...(options.before ? { id: { lt: options.before } } : {}), ...(options.unreadOnly ? { readAt: null } : {}) },
    orderBy: { id: "desc" },
    take: PAGE + 1,
    select: { id: true, kind: true, title: true, href: true, createdAt: true, readAt: true },
  });
  const page = rows.slice(0, PAGE);
  return { items: page, next: rows.length > PAGE ? page[page.length - 1]!.id : null, unread: await unreadCount(db, me) };
}

async function readWrite(db: Db, me: Me, ids: number[] | "all", now: Date) {
  return db.$transaction(async (tx) => {
    const { count } = await tx.notification.updateMany({
      where: { userId: me.id, readAt: null, ...(ids === "all" ? { createdAt: { lte: now } } : { id: { in: ids } }) },
      data: { readAt: now },
    });
    if (count > 0) {
      await writeAudit(tx, { actorId: me.id, entity: "notification", entityId: me.id, action: "notification.read", data: { count, all: ids === "all" } });
    }
    return count;
  });
}

/** Marks every notification I have as read. */
export async function markAllRead(db: Db, me: Me, now = new Date()): Promise<Result<{ count: number }>> {
  return { ok: true, count: await readWrite(db, me, "all", now) };
}

/** Marks one of my notifications read. Someone else's, or one that does not exist, is a 404 (whose it is is not told). */
export async function markRead(db: Db, me: Me, id: number, now = new Date()): Promise<Result<{ count: number }>> {
  const row = await db.notification.findFirst({ where: { id, userId: me.id }, select: { readAt: true } });
  if (!row) return refuse(404, "There is no such notification.");
  return { ok: true, count: row.readAt ? 0 : await readWrite(db, me, [id], now) };
}

/** `timeZone` null: none chosen (the digest then follows UTC). */
export type EmailSettings = { modes: Record<NotificationKind, EmailMode>; digestHour: number; timeZone: string | null };

/** How each kind reaches me by email, and when my digest comes. */
export async function emailSettings(db: Db | Tx, me: Me): Promise<EmailSettings> {
  const [rows, prefs] = await Promise.all([
    db.notificationSetting.findMany({ where: { userId: me.id }, select: { kind: true, mode: true } }),
    getPreferences(db as Db, me.id, [DIGEST_HOUR_PREFERENCE, TIME_ZONE_PREFERENCE]),
  ]);
  const chosen = new Map(rows.map((r) => [r.kind, r.mode]));
  const hour = prefs.get(DIGEST_HOUR_PREFERENCE);
  const zone = prefs.get(TIME_ZONE_PREFERENCE);
  return {
    modes: Object.fromEntries(KIND_NAMES.map((k) => [k, emailModeOf(k, chosen)])) as Record<NotificationKind, EmailMode>,
    digestHour: typeof hour === "number" && Number.isInteger(hour) && hour >= 0 && hour < 24 ? hour : DEFAULT_DIGEST_HOUR,
    timeZone: typeof zone === "string" && zone ? zone : null,
  };
}

/** Saves how each kind reaches me, my digest's hour and my time zone (the profile's, which it also sets). */
export async function saveEmailSettings(db: Db, me: Me, settings: EmailSettings & { timeZone: string }): Promise<Result> {
  await db.$transaction(async (tx) => {
    for (const kind of KIND_NAMES) {
      const mode = settings.modes[kind];
      await tx.notificationSetting.upsert({ where: { userId_kind: { userId: me.id, kind } }, create: { userId: me.id, kind, mode }, update: { mode } });
    }
    for (const [key, value] of [
      [DIGEST_HOUR_PREFERENCE, settings.digestHour],
      [TIME_ZONE_PREFERENCE, settings.timeZone],
    ] as const) {
      await tx.userPreference.upsert({ where: { userId_key: { userId: me.id, key } }, create: { userId: me.id, key, value }, update: { value } });
    }
    await writeAudit(tx, { actorId: me.id, entity: "preference", entityId: `${me.id}:notifications`, action: "notification.settings", data: settings });
  });
  return { ok: true };
}

/**
 * Turns one kind off by email (an email's unsubscribe link): "digest" turns off every kind that
 * came in the digest. Answers the kinds turned off.
 */
export async function unsubscribe(db: Db, userId: string, kind: NotificationKind | "digest"): Promise<Result<{ kinds: NotificationKind[] }>> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { id: true } });
  if (!user) return refuse(404, "This link is for an account that is gone.");
  const settings = await emailSettings(db, user);
  const kinds = kind === "digest" ? KIND_NAMES.filter((k) => settings.modes[k] === "digest") : [kind];
  await db.$transaction(async (tx) => {
    for (const k of kinds) {
      await tx.notificationSetting.upsert({ where: { userId_kind: { userId, kind: k } }, create: { userId, kind: k, mode: "off" }, update: { mode: "off" } });
    }
    await writeAudit(tx, { actorId: userId, entity: "preference", entityId: `${userId}:notifications`, action: "notification.unsubscribed", data: { kinds } });
  });
  return { ok: true, kinds };
}

export const isUnsubscribeKind = (value: unknown): value is NotificationKind | "digest" => value === "digest" || isKind(value);

/** Whether I watch the project. */
export async function watching(db: Db, me: Me, projectId: string): Promise<boolean> {
  return (await db.projectWatch.count({ where: { userId: me.id, projectId } })) > 0;
}

/** Starts or stops watching a project: anyone who may read it may watch it. */
export async function setWatch(db: Db, me: Me, projectKey: string, watch: boolean): Promise<Result<{ key: string; watch: boolean }>> {
  const project = await db.project.findUnique({ where: { key: projectKey }, select: { id: true, key: true } });
  if (!project) return refuse(404, "There is no such project.");
  await db.$transaction(async (tx) => {
    if (watch)
      await tx.projectWatch.upsert({
        where: { userId_projectId: { userId: me.id, projectId: project.id } },
        create: { userId: me.id, projectId: project.id },
        update: {},
      });
    else await tx.projectWatch.deleteMany({ where: { userId: me.id, projectId: project.id } });
    await writeAudit(tx, {
      actorId: me.id,
      projectId: project.id,
      entity: "project",
      entityId: project.id,
      action: watch ? "project.watched" : "project.unwatched",
    });
  });
  return { ok: true, key: project.key, watch };
}

/** The projects I watch. */
export async function watchedProjects(db: Db, me: Me) {
  const rows = await db.projectWatch.findMany({
    where: { userId: me.id },
    orderBy: { createdAt: "asc" },
    select: { project: { select: { key: true, title: true } } },
  });
  return rows.map((r) => r.project);
}

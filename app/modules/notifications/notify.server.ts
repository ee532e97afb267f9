// Telling people (issue 25): an event queues its notice in the outbox in its own transaction
// (notify, one row); the delivery worker turns the notice into a notification for each of its
// recipients and an email for each who wants it at once (tell: two INSERT … SELECT statements
// whatever the number of recipients). The request pays for one row; decision 53.
// Portable SQL (dates through the dialect module).
import crypto from "node:crypto";
import { can } from "~/modules/people/authorize";
import { USER_ROLES } from "~/modules/lifecycle/stages";
import type { Db, Tx } from "~/utils/db.server";
import { NOTIFICATION_KINDS, type Notice } from "./kinds";
import { insertNotifications, queueEmailsOfBatch } from "./queries.server";

export type { Audience, Notice } from "./kinds";

/** Whether email is sent at all: without SMTP_URL nothing is queued for it. */
export const emailEnabled = () => Boolean(process.env.SMTP_URL?.trim());

/** The account roles that may read projects: nobody else is told about one. */
const READERS = USER_ROLES.filter((role) => can(role, "project:read"));

/**
 * Tells everyone in the notice's audience who is active and may read projects, except its
 * actor, and queues an email for each who wants this kind at once (when email is on). The worker
 * runs it for each queued notice (and the clock for what comes due). Returns how many were told.
 */
export async function tell(tx: Tx, notice: Notice, at: Date): Promise<number> {
  const batch = crypto.randomUUID();
  const email = emailEnabled();
  const told = await insertNotifications(tx, { ...notice, batch, at, readers: READERS, defaultMode: email ? NOTIFICATION_KINDS[notice.kind].email : null });
  if (told > 0 && email) await queueEmailsOfBatch(tx, batch, at);
  return told;
}

/** Called when a notice is queued: the server wakes its delivery worker (none in tests and scripts). */
let onQueued: (() => void) | null = null;
export function whenQueued(listener: (() => void) | null): void {
  onQueued = listener;
}

/**
 * Queues a notice in the caller's transaction: one outbox row, whatever the size of its audience.
 * The worker tells its audience moments later (tell), so the request that caused it pays for one
 * row, not a row per person: writing a thousand notifications in the request cost it 7 to 15 ms
 * of CPU, growing with the table (decision 53).
 */
export async function notify(tx: Tx, notice: Notice, now = new Date()): Promise<void> {
  await tx.outboxMessage.create({
    data: {
      messageId: `gatepath-notice.${crypto.randomUUID()}`,
      channel: "notice",
      kind: notice.kind,
      payload: JSON.stringify(notice),
      nextAttemptAt: now,
      createdAt: now,
    },
    select: { id: true },
  });
  onQueued?.();
}

/**
 * Tells the audience of each queued notice, oldest first, each in a transaction that also marks
 * it done: a notice is told once, whichever process gets to it. Answers how many were told.
 */
export async function tellQueued(db: Db, now = new Date(), limit = 100): Promise<number> {
  const queued = await db.outboxMessage.findMany({
    where: { channel: "notice", status: "pending" },
    orderBy: { id: "asc" },
    take: limit,
    select: { id: true, payload: true, createdAt: true },
  });
  let done = 0;
  for (const row of queued) {
    await db.$transaction(async (tx) => {
      const claimed = await tx.outboxMessage.updateMany({ where: { id: row.id, status: "pending" }, data: { status: "sent", sentAt: now, attempts: 1 } });
      if (claimed.count !== 1) return;
      await tell(tx, JSON.parse(row.payload) as Notice, row.createdAt);
      done++;
    });
  }
  return done;
}

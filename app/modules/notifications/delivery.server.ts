// The delivery worker (issue 25): sends what the outbox holds, one process at a time across
// every server on the database (a lease, like the gate clock's). Each message is claimed before
// it is sent and marked sent after, under its own id (an email's Message-ID, a webhook's
// webhook-id), so a message is sent once; a failure is recorded and retried with exponential
// backoff until a day has passed, then the message is marked failed. Nothing here runs inside a
// request: a mail server or endpoint that fails never fails the request that caused the event.
// Decision 53.
import { sign, signedBy } from "~/utils/signature.server";
import nodemailer from "nodemailer";
import { getEnv } from "~/utils/env.server";
import type { Db } from "~/utils/db.server";
import { PROCESS_HOLDER, takeLease } from "~/utils/lease.server";
import { digestEmail, immediateEmail, type NotificationEmail } from "./email";
import type { Senders } from "./senders";
import { backoffMs, digestDueDate, isKind, type NotificationKind } from "./kinds";
import { emailSettings } from "./notifications.server";
import { notifyDue } from "./due.server";
import { tellQueued } from "./notify.server";

/** How long a claimed message is left to its sender before another pass may try it again. */
const CLAIM_MS = 5 * 60_000;
/** Retries stop a day after the message was made. */
const GIVE_UP_MS = 24 * 3_600_000;
export const RETRY = { email: { baseMs: 60_000, capMs: 3_600_000 }, webhook: { baseMs: 30_000, capMs: 3 * 3_600_000 } } as const;

/** The address people open links at: APP_URL, else this server on localhost. */
export function appUrl(): string {
  const env = getEnv();
  return env.APP_URL ?? `http://localhost:${env.PORT}`;
}

const unsubscribeSignature = (userId: string, kind: string) => sign(getEnv().SESSION_SECRET, "unsubscribe", `${userId}:${kind}`);

/** The one-click link that stops one kind of email (or the digest) for one person. */
export function unsubscribeUrl(userId: string, kind: NotificationKind | "digest"): string {
  const url = new URL("/notifications/unsubscribe", appUrl());
  url.search = new URLSearchParams({ u: userId, k: kind, s: unsubscribeSignature(userId, kind) }).toString();
  return url.toString();
}

/** Whether an unsubscribe link's signature is the one Gatepath made for this person and kind. */
export function unsubscribeSigned(userId: string, kind: string, signature: string): boolean {
  return signedBy(getEnv().SESSION_SECRET, "unsubscribe", `${userId}:${kind}`, signature);
}

export type { OutgoingEmail, Senders, WebhookAnswer } from "./senders";

/** Sends through SMTP_URL with nodemailer, from MAIL_FROM, with the one-click unsubscribe headers (RFC 8058). */
export function smtpSender(smtpUrl: string, from: string): NonNullable<Senders["email"]> {
  const transport = nodemailer.createTransport(smtpUrl);
  return async (mail) => {
    await transport.sendMail({
      from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      messageId: `<${mail.messageId}@gatepath>`,
      list: { unsubscribe: { url: mail.unsubscribeUrl, comment: "Stop these emails" } },
      headers: { "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
    });
  };
}

/**
 * Puts each person's digest in the outbox once their digest hour has come in their time zone:
 * one message per person and local day (its id says which), carrying every digest notification
 * not sent yet. Answers how many digests were queued.
 */
export async function queueDigests(db: Db, now = new Date()): Promise<number> {
  const waiting = await db.notification.findMany({ where: { email: "digest", digestId: null }, distinct: ["userId"], select: { userId: true } });
  let queued = 0;
  for (const { userId } of waiting) {
    const settings = await emailSettings(db, { id: userId });
    const date = digestDueDate(now, settings.timeZone ?? "UTC", settings.digestHour);
    if (!date) continue;
    const messageId = `gatepath-digest.${userId}.${date}`;
    queued += await db.$transaction(async (tx) => {
      // Today's digest went already: what came since waits for tomorrow's.
      if (await tx.outboxMessage.findUnique({ where: { messageId }, select: { id: true } })) return 0;
      const message = await tx.outboxMessage.create({
        data: { messageId, channel: "email", userId, kind: "digest", nextAttemptAt: now, createdAt: now },
        select: { id: true },
      });
      await tx.notification.updateMany({ where: { userId, email: "digest", digestId: null, createdAt: { lte: now } }, data: { digestId: message.id } });
      return 1;
    });
  }
  return queued;
}

/** The email an outbox message stands for, or why there is none to send. */
async function emailOf(db: Db, row: { id: number; messageId: string; userId: string | null; notificationId: number | null; kind: string; createdAt: Date }) {
  const user = row.userId ? await db.user.findUnique({ where: { id: row.userId }, select: { id: true, name: true, email: true, deactivatedAt: true } }) : null;
  if (!user || user.deactivatedAt) return { skip: "the recipient's account is deactivated or gone" } as const;
  const addressed = (kind: NotificationKind | "digest", body: (unsubscribe: string) => NotificationEmail) => {
    const unsubscribe = unsubscribeUrl(user.id, kind);
    return { mail: { ...body(unsubscribe), to: user.email, messageId: row.messageId, unsubscribeUrl: unsubscribe } };
  };
  if (row.kind === "digest") {
    const items = await db.notification.findMany({ where: { digestId: row.id }, orderBy: { id: "asc" }, select: { kind: true, title: true, href: true } });
    if (items.length === 0) return { skip: "nothing left in the digest" } as const;
    const date = row.messageId.split(".").pop() ?? "";
    return addressed("digest", (unsubscribe) => digestEmail({ name: user.name, date, items, appUrl: appUrl(), unsubscribeUrl: unsubscribe }));
  }
  const item = row.notificationId
    ? await db.notification.findUnique({ where: { id: row.notificationId }, select: { kind: true, title: true, href: true } })
    : null;
  if (!item || !isKind(item.kind)) return { skip: "the notification is gone" } as const;
  return addressed(item.kind, (unsubscribe) => immediateEmail({ name: user.name, item, appUrl: appUrl(), unsubscribeUrl: unsubscribe }));
}

export type DeliveryRun = { sent: number; retried: number; failed: number };

/** Whether an email or webhook delivery is due (or claimed by a sender whose claim ran out). */
async function dueToSend(db: Db, now: Date): Promise<boolean> {
  const due = await db.outboxMessage.findFirst({
    where: { status: { in: ["pending", "sending"] }, nextAttemptAt: { lte: now }, channel: { in: ["email", "webhook"] } },
    select: { id: true },
  });
  return due !== null;
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 500);

/**
 * One pass: messages claimed by a sender that stopped are taken back, then up to `limit` due
 * messages are claimed and sent one by one (notices are told first, by the caller: `tellQueued`). Each try is logged (DeliveryAttempt).
 */
export async function deliverDue(db: Db, senders: Senders, options: { now?: Date; limit?: number } = {}): Promise<DeliveryRun> {
  const now = options.now ?? new Date();
  const run: DeliveryRun = { sent: 0, retried: 0, failed: 0 };
  if (await db.outboxMessage.findFirst({ where: { status: "sending", nextAttemptAt: { lte: now } }, select: { id: true } })) {
    await db.outboxMessage.updateMany({ where: { status: "sending", nextAttemptAt: { lte: now } }, data: { status: "pending" } });
  }
  const due = await db.outboxMessage.findMany({
    where: { status: "pending", nextAttemptAt: { lte: now }, channel: { in: ["email", "webhook"] } },
    orderBy: { id: "asc" },
    take: options.limit ?? 50,
    select: {
      id: true,
      messageId: true,
      channel: true,
      userId: true,
      notificationId: true,
      endpointId: true,
      kind: true,
      payload: true,
      attempts: true,
      createdAt: true,
    },
  });
  for (const row of due) {
    // Claimed by one sender only: the update counts one row for whoever changed its status first.
    const claimed = await db.outboxMessage.updateMany({
      where: { id: row.id, status: "pending" },
      data: { status: "sending", attempts: { increment: 1 }, nextAttemptAt: new Date(now.getTime() + CLAIM_MS) },
    });
    if (claimed.count !== 1) continue;
    const attempt = row.attempts + 1;
    const started = performance.now();
    let outcome: { ok: boolean; status: number | null; snippet: string; final?: boolean };
    try {
      if (row.channel === "email") {
        const built = await emailOf(db, row);
        if ("skip" in built) outcome = { ok: false, status: null, snippet: `Not sent: ${built.skip}.`, final: true };
        else if (!senders.email) outcome = { ok: false, status: null, snippet: "Email is not set up (SMTP_URL)." };
        else {
          await senders.email(built.mail);
          outcome = { ok: true, status: null, snippet: "Accepted by the mail server." };
        }
      } else if (row.channel === "webhook" && row.endpointId && senders.webhook) {
        const answer = await senders.webhook(
          { id: row.id, messageId: row.messageId, endpointId: row.endpointId, payload: row.payload, createdAt: row.createdAt },
          now,
        );
        outcome = { ok: answer.status !== null && answer.status >= 200 && answer.status < 300, ...answer };
      } else outcome = { ok: false, status: null, snippet: `No sender for ${row.channel}.` };
    } catch (error) {
      outcome = { ok: false, status: null, snippet: errorText(error) };
    }
    const ms = Math.round(performance.now() - started);
    const policy = row.channel === "webhook" ? RETRY.webhook : RETRY.email;
    const next = new Date(now.getTime() + backoffMs(attempt, policy.baseMs, policy.capMs));
    const giveUp = outcome.final || next.getTime() > row.createdAt.getTime() + GIVE_UP_MS;
    await db.$transaction([
      db.deliveryAttempt.create({ data: { messageId: row.id, at: now, ok: outcome.ok, status: outcome.status, snippet: outcome.snippet.slice(0, 500), ms } }),
      db.outboxMessage.update({
        where: { id: row.id },
        data: outcome.ok
          ? { status: "sent", sentAt: now, lastError: null }
          : { status: giveUp ? "failed" : "pending", nextAttemptAt: giveUp ? now : next, lastError: outcome.snippet.slice(0, 500) },
      }),
    ]);
    if (outcome.ok) run.sent++;
    else if (giveUp) run.failed++;
    else run.retried++;
  }
  return run;
}

/** The lease that keeps delivery to one process at a time across every server on the database. */
export const DELIVERY_LEASE = "delivery";

/** The senders the server uses: SMTP when SMTP_URL is set, and webhooks over HTTP. */
export async function serverSenders(): Promise<Senders> {
  const smtp = process.env.SMTP_URL?.trim();
  const { httpWebhookSender } = await import("./webhooks.server");
  return {
    email: smtp ? smtpSender(smtp, process.env.MAIL_FROM?.trim() || "Gatepath <gatepath@localhost>") : undefined,
    webhook: httpWebhookSender(),
  };
}

/**
 * Runs the worker every `everyMs`: the notices queued by requests are told (by any process: each
 * is claimed), the clock's notices (dates due, an hourly look under a lease of its own), the
 * digests whose hour has come (each made once: its id says whose and which day), then, in the
 * process that holds the delivery lease, what is due in the outbox. `soon()` runs a pass in a
 * moment (a request queued a notice). The timers do not keep the process alive.
 */
export function startDelivery(
  db: Db,
  options: { everyMs: number; firstMs?: number; holder?: string; senders: Senders; log?: (line: string) => void; onPass?: (run: DeliveryRun) => void },
): { stop: () => void; soon: () => void } {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let running = false;
  let again = false;
  const holder = options.holder ?? PROCESS_HOLDER;
  const schedule = (ms: number) => {
    clearTimeout(timer);
    if (!stopped) timer = setTimeout(() => void tick(), ms).unref();
  };
  const tick = async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      const now = new Date();
      // Each step writes only when it has something to do: an idle worker writes nothing, so it
      // never makes a long transaction on SQLite start again (a snapshot a commit overtook).
      await tellQueued(db, now);
      await notifyDue(db, now);
      await queueDigests(db, now);
      // Sending is one process's at a time: the lease is taken (held for a few rounds, so a
      // process that stops gives it up to another soon) only when something is due.
      if ((await dueToSend(db, now)) && (await takeLease(db, DELIVERY_LEASE, holder, Math.max(options.everyMs * 3, 1000)))) {
        const run = await deliverDue(db, options.senders, { now });
        options.onPass?.(run);
        if (run.failed > 0) options.log?.(`gatepath: delivery gave up on ${run.failed} message(s); see the outbox's delivery log.`);
      }
    } catch (error) {
      options.log?.(`gatepath: the delivery pass failed: ${errorText(error)}`);
    } finally {
      running = false;
    }
    schedule(again ? SOON_MS : options.everyMs);
    again = false;
  };
  schedule(options.firstMs ?? 1000);
  return {
    stop: () => {
      stopped = true;
      clearTimeout(timer);
    },
    soon: () => (running ? (again = true) : schedule(SOON_MS)),
  };
}

/** How soon after a request queues a notice its audience is told. */
const SOON_MS = 50;

/** For a process that serves requests but runs no worker: tells what it queued in a moment. */
export function tellSoon(db: Db, log?: (line: string) => void): () => void {
  let timer: NodeJS.Timeout | undefined;
  return () => {
    if (timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      tellQueued(db).catch((error: unknown) => log?.(`gatepath: telling queued notices failed: ${errorText(error)}`));
    }, SOON_MS).unref();
  };
}

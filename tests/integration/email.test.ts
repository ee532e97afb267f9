// Email, delivered reliably (issue 25, item 2), through a real SMTP server in the test process:
// a request reaches the mailbox once with its link and its one-click unsubscribe; a digest
// gathers a day's items at the person's own hour; "off" sends nothing; the unsubscribe link
// turns that kind off; a mail server that refuses is tried again with backoff, each try logged.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { applyDecision, requestReview } from "~/modules/lifecycle/gate.server";
import { deliverDue, queueDigests, smtpSender, unsubscribeSigned, type Senders } from "~/modules/notifications/delivery.server";
import { emailSettings, saveEmailSettings, setWatch, unsubscribe } from "~/modules/notifications/notifications.server";
import { isUnsubscribeKind } from "~/modules/notifications/notifications.server";
import { tellQueued } from "~/modules/notifications/notify.server";
import type { Db } from "~/utils/db.server";
import { createReadyProject, createUser, createUsers, withTestDb, type TestUser } from "../factories";
import { startMailbox, type Mailbox } from "../setup/smtp";

const t = withTestDb();
let db: Db;
let mailbox: Mailbox;
let senders: Senders;
let u: Record<"owner" | "admin", TestUser>;
/** A worker's round: the queued notices told, then what is due sent. */
const deliver = async (given: Senders, options: { now?: Date } = {}) => {
  await tellQueued(db, options.now);
  return deliverDue(db, given, options);
};

beforeAll(async () => {
  db = t.db;
  mailbox = await startMailbox();
  process.env.SMTP_URL = mailbox.url;
  senders = { email: smtpSender(mailbox.url, "Gatepath <gatepath@northwind.test>") };
  u = await createUsers(db, { owner: "member", admin: "admin" });
});

afterAll(async () => {
  delete process.env.SMTP_URL;
  await mailbox.close();
});

beforeEach(() => {
  mailbox.messages.length = 0;
});

function readyProject(decider: TestUser, title = "Returns portal") {
  return createReadyProject(db, { owner: u.owner, deciders: [decider], title });
}

const to = (address: string) => mailbox.messages.filter((m) => (Array.isArray(m.to) ? m.to : [m.to]).some((a) => a?.text.includes(address)));
/** A header as sent (mailparser reads List-* headers into a structure of its own). */
const header = (mail: { headerLines: readonly { key: string; line: string }[] }, name: string) =>
  mail.headerLines
    .find((h) => h.key === name)
    ?.line.slice(name.length + 1)
    .trim() ?? null;
const linkIn = (text: string, path: string) => new URL(new RegExp(`https?://\\S+${path.replace(/\//g, "\\/")}\\S*`).exec(text)![0]);

describe("an email at once", () => {
  it("a review request reaches the decider once, with the link to the gate and a one-click unsubscribe", async () => {
    const decider = await createUser(db, { name: "Dana Decider" });
    const project = await readyProject(decider);
    await requestReview(db, { projectId: project.id, actor: u.owner });
    expect(await deliver(senders)).toMatchObject({ sent: 1, failed: 0 });
    // Another pass, or another process's, finds nothing left to send.
    expect(await deliver(senders)).toMatchObject({ sent: 0 });
    const [mail] = to(decider.email);
    expect(to(decider.email)).toHaveLength(1);
    expect(mail!.subject).toBe(`owner asks you to decide the Problem identified gate of ${project.key} Returns portal`);
    expect(mail!.text).toContain(`/projects/${project.key}#gate`);
    expect(mail!.messageId).toMatch(/^<gatepath-n\d+\.[0-9a-f-]+@gatepath>$/);
    expect(header(mail!, "list-unsubscribe")).toMatch(/^<http:\/\/localhost:\d+\/notifications\/unsubscribe\?u=\w+&k=request&s=[\w-]+>/);
    expect(header(mail!, "list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
    const stored = await db.outboxMessage.findFirstOrThrow({ where: { userId: decider.id } });
    expect(stored).toMatchObject({ status: "sent", attempts: 1 });
  });

  it("the unsubscribe link is signed for its person and kind; following it turns the kind off and the next request sends nothing", async () => {
    const decider = await createUser(db, { name: "Una Unsubscriber" });
    const project = await readyProject(decider, "Dock alarms");
    await requestReview(db, { projectId: project.id, actor: u.owner });
    await deliver(senders);
    const link = linkIn(to(decider.email)[0]!.text!, "/notifications/unsubscribe");
    const [userId, kind, signature] = ["u", "k", "s"].map((k) => link.searchParams.get(k)!);
    expect([userId, kind]).toEqual([decider.id, "request"]);
    expect(unsubscribeSigned(userId!, kind!, signature!)).toBe(true);
    // The same signature does not stop another kind or another person's emails.
    expect(unsubscribeSigned(userId!, "decision", signature!)).toBe(false);
    expect(unsubscribeSigned(u.owner.id, kind!, signature!)).toBe(false);
    expect(isUnsubscribeKind(kind)).toBe(true);
    expect(await unsubscribe(db, userId!, "request")).toMatchObject({ ok: true, kinds: ["request"] });
    expect((await emailSettings(db, decider)).modes.request).toBe("off");

    const again = await readyProject(decider, "Dock alarms 2");
    await requestReview(db, { projectId: again.id, actor: u.owner });
    await deliver(senders);
    expect(to(decider.email)).toHaveLength(1);
    expect(await db.notification.count({ where: { userId: decider.id, kind: "request" } })).toBe(2);
  });

  it("a mail server that refuses is tried again after a pause that doubles, each try in the delivery log, until it accepts", async () => {
    const decider = await createUser(db, { name: "Retry Decider" });
    const project = await readyProject(decider, "Cold chain");
    await requestReview(db, { projectId: project.id, actor: u.owner });
    mailbox.refuse(2);
    const start = new Date();
    expect(await deliver(senders, { now: start })).toMatchObject({ retried: 1, sent: 0 });
    const message = await db.outboxMessage.findFirstOrThrow({ where: { userId: decider.id }, include: { tries: true } });
    expect(message).toMatchObject({ status: "pending", attempts: 1 });
    expect(message.nextAttemptAt.getTime() - start.getTime()).toBe(60_000);
    expect(message.lastError).toContain("451");
    // Not before its time.
    expect(await deliver(senders, { now: new Date(start.getTime() + 30_000) })).toMatchObject({ retried: 0, sent: 0 });
    expect(await deliver(senders, { now: new Date(start.getTime() + 60_000) })).toMatchObject({ retried: 1 });
    const second = await db.outboxMessage.findUniqueOrThrow({ where: { id: message.id } });
    expect(second.nextAttemptAt.getTime() - start.getTime()).toBe(60_000 + 120_000);
    expect(await deliver(senders, { now: second.nextAttemptAt })).toMatchObject({ sent: 1 });
    const tries = await db.deliveryAttempt.findMany({ where: { messageId: message.id }, orderBy: { id: "asc" } });
    expect(tries.map((x) => x.ok)).toEqual([false, false, true]);
    expect(to(decider.email)).toHaveLength(1);
    expect(mailbox.refused()).toBeGreaterThanOrEqual(2);
  });

  it("a message claimed by a sender that stopped is sent by the next pass once its claim runs out, not before", async () => {
    const decider = await createUser(db, { name: "Crash Decider" });
    const project = await readyProject(decider, "Crash test");
    await requestReview(db, { projectId: project.id, actor: u.owner });
    await tellQueued(db);
    const row = await db.outboxMessage.findFirstOrThrow({ where: { userId: decider.id } });
    const now = new Date();
    // As a process that died mid-send leaves it: claimed for five minutes.
    await db.outboxMessage.update({ where: { id: row.id }, data: { status: "sending", attempts: 1, nextAttemptAt: new Date(now.getTime() + 5 * 60_000) } });
    expect(await deliver(senders, { now })).toMatchObject({ sent: 0 });
    expect(await deliver(senders, { now: new Date(now.getTime() + 5 * 60_000) })).toMatchObject({ sent: 1 });
    expect(to(decider.email)).toHaveLength(1);
  });
});

describe("the daily digest", () => {
  it("gathers a day's items at the person's hour in their time zone, once a day", async () => {
    const reader = await createUser(db, { name: "Tomoko Digest" });
    await saveEmailSettings(db, reader, { ...(await emailSettings(db, reader)), digestHour: 9, timeZone: "Asia/Tokyo" });
    const decider = await createUser(db, { name: "Digest Decider" });
    const a = await readyProject(decider, "Alpha");
    const b = await readyProject(decider, "Beta");
    for (const p of [a, b]) {
      await setWatch(db, reader, p.key, true);
      await applyDecision(db, { projectId: p.id, expectedVersion: 1, actor: decider, request: { kind: "go", rationale: "Facts in" } });
    }
    await tellQueued(db);
    expect(await db.notification.count({ where: { userId: reader.id, email: "digest" } })).toBe(2);
    // 08:30 in Tokyo: not yet.
    const digests = () => db.outboxMessage.count({ where: { userId: reader.id, kind: "digest" } });
    await queueDigests(db, new Date("2031-03-03T23:30:00Z"));
    expect(await digests()).toBe(0);
    // 09:05 in Tokyo (00:05 UTC): the digest for 4 March goes, with both; an hour later, no second one.
    const at = new Date("2031-03-04T00:05:00Z");
    await queueDigests(db, at);
    await queueDigests(db, new Date(at.getTime() + 3_600_000));
    expect(await digests()).toBe(1);
    await deliver(senders, { now: at });
    const mails = to(reader.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe("Gatepath digest for 2031-03-04: 2 notifications");
    expect(mails[0]!.text).toContain(`${a.key} Alpha: Go at the Problem identified gate`);
    expect(mails[0]!.text).toContain(`${b.key} Beta: Go at the Problem identified gate`);
    expect(header(mails[0]!, "list-unsubscribe")).toContain("k=digest");
  });

  it("with every kind off, nothing is queued and nothing is sent", async () => {
    const quiet = await createUser(db, { name: "Quiet Person" });
    const settings = await emailSettings(db, quiet);
    const off = Object.fromEntries(Object.keys(settings.modes).map((k) => [k, "off"])) as typeof settings.modes;
    await saveEmailSettings(db, quiet, { ...settings, modes: off, timeZone: "UTC" });
    const project = await readyProject(quiet, "Quiet project");
    await requestReview(db, { projectId: project.id, actor: u.owner });
    await applyDecision(db, { projectId: project.id, expectedVersion: 1, actor: u.owner, request: { kind: "go", rationale: "x" } }).catch(() => null);
    await tellQueued(db);
    expect(await db.notification.count({ where: { userId: quiet.id } })).toBeGreaterThan(0);
    expect(await db.notification.count({ where: { userId: quiet.id, email: { not: null } } })).toBe(0);
    expect(await db.outboxMessage.count({ where: { userId: quiet.id } })).toBe(0);
    await queueDigests(db, new Date("2031-01-01T12:00:00Z"));
    await deliver(senders);
    expect(to(quiet.email)).toHaveLength(0);
  });
});

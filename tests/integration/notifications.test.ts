// Notifications (issue 25, item 1) against a real database: who is told of each event (role
// holders, watchers, the mentioned, a document's author; never the actor, nobody deactivated),
// what is queued for email and what is not, read and unread, watching, and the clock's notices
// told once. Emails themselves are tests/integration/email.test.ts.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { requestArtifactReview } from "~/modules/artifacts/artifacts.server";
import { replyTo, startThread } from "~/modules/comments/comments.server";
import { handleOf } from "~/modules/comments/mentions";
import { countNow } from "~/modules/inbox/inbox.server";
import { applyDecision, requestReview } from "~/modules/lifecycle/gate.server";
import { notifyDue } from "~/modules/notifications/due.server";
import { tellQueued } from "~/modules/notifications/notify.server";
import {
  listNotifications,
  markAllRead,
  markRead,
  saveEmailSettings,
  setWatch,
  unreadCount,
  emailSettings,
} from "~/modules/notifications/notifications.server";
import { assignRole } from "~/modules/projects/roles.server";
import type { Db } from "~/utils/db.server";
import { createArtifact, createProject, createReadyProject, createUser, createUsers, withTestDb, type TestUser } from "../factories";

const t = withTestDb();
let db: Db;
let u: Record<"owner" | "decider" | "contributor" | "watcher" | "bystander" | "admin" | "viewer", TestUser>;

beforeAll(async () => {
  db = t.db;
  u = await createUsers(db, {
    owner: "member",
    decider: "member",
    contributor: "member",
    watcher: "member",
    bystander: "member",
    admin: "admin",
    viewer: "viewer",
  });
});

afterEach(() => {
  delete process.env.SMTP_URL;
});

/** A Problem-identified project ready for its first gate, with an owner, a decider and a contributor. */
function readyProject(extra: { decider?: TestUser } = {}) {
  return createReadyProject(db, { owner: u.owner, deciders: [extra.decider ?? u.decider], roles: [{ user: u.contributor, role: "contributor" }] });
}

/** What the worker does moments after a request: tells each queued notice's audience. */
const settle = () => tellQueued(db);

const told = async (projectId: string, kind: string) =>
  (await settle(), await db.notification.findMany({ where: { projectId, kind }, select: { userId: true } })).map((n) => n.userId).sort();

describe("who is told", () => {
  it("a gate decision: the owner, everyone with a role and the watchers, not the decider who made it, nor anyone deactivated", async () => {
    const project = await readyProject();
    const gone = await createUser(db, { name: "Gone Watcher" });
    expect(await setWatch(db, u.watcher, project.key, true)).toMatchObject({ ok: true, watch: true });
    expect(await setWatch(db, gone, project.key, true)).toMatchObject({ ok: true });
    await db.user.update({ where: { id: gone.id }, data: { deactivatedAt: new Date() } });

    const result = await applyDecision(db, {
      projectId: project.id,
      expectedVersion: 1,
      actor: u.decider,
      request: { kind: "go", rationale: "All facts are in" },
    });
    expect(result).toMatchObject({ ok: true, applied: true });
    expect(await told(project.id, "decision")).toEqual([u.owner.id, u.contributor.id, u.watcher.id].sort());
    const [note] = (await listNotifications(db, u.watcher)).items.filter((n) => n.kind === "decision" && n.href.includes(project.key));
    expect(note?.title).toBe(`${project.key} ${project.title}: Go at the Problem identified gate`);
    expect(note?.href).toBe(`/projects/${project.key}/history`);
  });

  it("a review request: the deciders, as something asked of them", async () => {
    const project = await readyProject();
    const other = await createUser(db, { name: "Second Decider" });
    await db.projectRole.create({ data: { projectId: project.id, userId: other.id, role: "decider" } });
    expect(await requestReview(db, { projectId: project.id, actor: u.owner })).toMatchObject({ ok: true, created: true });
    expect(await told(project.id, "request")).toEqual([u.decider.id, other.id].sort());
    // Asked again while the review is open: nobody is told twice.
    expect(await requestReview(db, { projectId: project.id, actor: u.owner })).toMatchObject({ ok: true, created: false });
    expect(await told(project.id, "request")).toHaveLength(2);
  });

  it("a comment: the mentioned are told they were mentioned, the document's author that it has a comment, the writer neither", async () => {
    const project = await readyProject();
    const doc = await createArtifact(db, project, u.contributor, { title: "Returns narrative" });
    await startThread(db, u.decider, { artifactId: doc.id }, { body: `@${handleOf(u.watcher.email)} can you check the numbers?` });
    expect(await told(project.id, "mention")).toEqual([u.watcher.id]);
    expect(await told(project.id, "comment")).toEqual([u.contributor.id]);

    // The author mentioned in a reply is told once, as mentioned; the replier is not told of their own reply.
    const thread = await db.comment.findFirstOrThrow({ where: { artifactId: doc.id, threadId: null } });
    await replyTo(db, u.watcher, thread.id, `Yes. @${handleOf(u.contributor.email)} and @${handleOf(u.watcher.email)}, see row 3.`);
    expect(await told(project.id, "mention")).toEqual([u.contributor.id, u.watcher.id].sort());
    expect(await told(project.id, "comment")).toEqual([u.contributor.id]);
  });

  it("a document's review is asked of its reviewer, and a role given is told to its holder", async () => {
    const project = await readyProject();
    const doc = await createArtifact(db, project, u.owner, { title: "Plan narrative", state: "draft" });
    expect(await requestArtifactReview(db, u.owner, doc.id, u.bystander.id)).toMatchObject({ ok: true });
    expect(await told(project.id, "request")).toEqual([u.bystander.id]);
    expect(await assignRole(db, u.owner, project.id, { userId: u.viewer.id, role: "stakeholder" })).toMatchObject({ ok: true });
    await settle();
    const [role] = (await listNotifications(db, u.viewer)).items;
    expect(role).toMatchObject({ kind: "role", href: `/projects/${project.key}/people` });
    expect(role?.title).toContain(`named you a stakeholder of ${project.key}`);
  });

  it("what only informs leaves My work's count as it was; it counts as unread in Notifications", async () => {
    const project = await readyProject();
    const work = await countNow(db, u.owner);
    const unread = await unreadCount(db, u.owner);
    await applyDecision(db, { projectId: project.id, expectedVersion: 1, actor: u.decider, request: { kind: "go", rationale: "Facts in" } });
    await settle();
    expect(await countNow(db, u.owner)).toBe(work);
    expect(await unreadCount(db, u.owner)).toBe(unread + 1);
  });
});

describe("queued, then told", () => {
  it("the request that causes a notice writes one outbox row, whatever its audience; the worker tells it once", async () => {
    const project = await readyProject();
    for (const person of [u.watcher, u.bystander, u.admin]) await setWatch(db, person, project.key, true);
    await settle();
    const before = await db.notification.count();
    await applyDecision(db, { projectId: project.id, expectedVersion: 1, actor: u.decider, request: { kind: "go", rationale: "Facts in" } });
    expect(await db.notification.count()).toBe(before);
    const queued = await db.outboxMessage.findMany({ where: { channel: "notice", status: "pending" } });
    expect(queued.map((q) => q.kind)).toEqual(["decision"]);
    expect(await tellQueued(db)).toBe(1);
    expect(await tellQueued(db)).toBe(0);
    expect(await db.notification.count()).toBe(before + 5);
  });
});

describe("email queued", () => {
  it("without SMTP_URL nothing is queued for email", async () => {
    const project = await readyProject();
    await requestReview(db, { projectId: project.id, actor: u.owner });
    await settle();
    expect(await db.notification.count({ where: { projectId: project.id, email: { not: null } } })).toBe(0);
    expect(await db.outboxMessage.count({ where: { channel: "email", userId: u.decider.id } })).toBe(0);
  });

  it("with it: at once for what the person wants at once, in the digest for the rest, nothing for what they turned off", async () => {
    process.env.SMTP_URL = "smtp://127.0.0.1:9";
    const decider = await createUser(db, { name: "Mail Decider" });
    const project = await readyProject({ decider });
    await requestReview(db, { projectId: project.id, actor: u.owner });
    await settle();
    const request = await db.notification.findFirstOrThrow({ where: { projectId: project.id, kind: "request", userId: decider.id } });
    expect(request.email).toBe("now");
    const queued = await db.outboxMessage.findMany({ where: { notificationId: request.id } });
    expect(queued.map((m) => [m.channel, m.userId, m.status])).toEqual([["email", decider.id, "pending"]]);

    // The owner turns decisions off by email: told in the app, nothing queued; the contributor keeps the digest.
    const settings = await emailSettings(db, u.owner);
    await saveEmailSettings(db, u.owner, { ...settings, timeZone: "UTC", modes: { ...settings.modes, decision: "off" } });
    await applyDecision(db, { projectId: project.id, expectedVersion: 1, actor: decider, request: { kind: "go", rationale: "Facts in" } });
    await settle();
    const decisions = await db.notification.findMany({ where: { projectId: project.id, kind: "decision" }, select: { userId: true, email: true } });
    expect(new Map(decisions.map((d) => [d.userId, d.email]))).toEqual(
      new Map([
        [u.owner.id, null],
        [u.contributor.id, "digest"],
      ]),
    );
    expect(await db.outboxMessage.count({ where: { userId: { in: [u.owner.id, u.contributor.id] }, kind: "decision" } })).toBe(0);
  });
});

describe("read and unread", () => {
  it("marks one read, then all; someone else's is not found and stays unread", async () => {
    const person = await createUser(db, { name: "Reader" });
    const project = await readyProject();
    await setWatch(db, person, project.key, true);
    await applyDecision(db, { projectId: project.id, expectedVersion: 1, actor: u.decider, request: { kind: "go", rationale: "Facts in" } });
    const other = await readyProject();
    await setWatch(db, person, other.key, true);
    await applyDecision(db, { projectId: other.id, expectedVersion: 1, actor: u.decider, request: { kind: "go", rationale: "Facts in" } });
    await settle();
    const { items } = await listNotifications(db, person);
    expect(items).toHaveLength(2);
    expect(await unreadCount(db, person)).toBe(2);

    expect(await markRead(db, u.bystander, items[0]!.id)).toMatchObject({ ok: false, status: 404 });
    expect(await unreadCount(db, person)).toBe(2);
    expect(await markRead(db, person, items[0]!.id)).toMatchObject({ ok: true, count: 1 });
    expect((await listNotifications(db, person, { unreadOnly: true })).items.map((n) => n.id)).toEqual([items[1]!.id]);
    expect(await markAllRead(db, person)).toMatchObject({ ok: true, count: 1 });
    expect(await unreadCount(db, person)).toBe(0);
    expect(await db.auditEvent.count({ where: { actorId: person.id, action: "notification.read" } })).toBe(2);
  });

  it("watching an unknown project is a 404 that changes nothing", async () => {
    const before = await db.projectWatch.count();
    expect(await setWatch(db, u.watcher, "GP-999999", true)).toMatchObject({ ok: false, status: 404 });
    expect(await db.projectWatch.count()).toBe(before);
  });
});

describe("what the clock tells", () => {
  it("a hold coming due is told once to the owner and deciders, however often the clock looks", async () => {
    const now = new Date();
    const project = await createProject(db, {
      stage: "execute",
      owner: u.owner,
      roles: [{ user: u.decider, role: "decider" }],
      data: { revisitAt: new Date(now.getTime() + 3 * 86_400_000) },
    });
    await notifyDue(db, now, { always: true });
    await notifyDue(db, new Date(now.getTime() + 3_600_000), { always: true });
    expect(await told(project.id, "due")).toEqual([u.owner.id, u.decider.id].sort());
    // Without `always`, one look an hour across every process: a second look within the hour tells nothing.
    const later = new Date(now.getTime() + 10 * 3_600_000);
    await db.project.update({ where: { id: project.id }, data: { revisitAt: new Date(later.getTime() + 86_400_000) } });
    await notifyDue(db, later);
    const count = (await told(project.id, "due")).length;
    expect(count).toBe(4);
    await db.project.update({ where: { id: project.id }, data: { revisitAt: new Date(later.getTime() + 2 * 86_400_000) } });
    await notifyDue(db, new Date(later.getTime() + 60_000));
    expect((await told(project.id, "due")).length).toBe(count);
  });
});

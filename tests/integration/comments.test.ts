// Comments, threads, mentions and reads (issue 24, items 2, 3, 6 and 7) against a real database:
// who may do what, what a refusal leaves unchanged, where a passage lands on a newer version,
// and what reaches My work.
import { beforeAll, describe, expect, it } from "vitest";
import { ArtifactCreateSchema, ArtifactEditSchema } from "~/modules/artifacts/artifact-form";
import { createArtifact, requestArtifactReview, reviewArtifact, updateArtifact } from "~/modules/artifacts/artifacts.server";
import { setResolveThreadsFirst } from "~/modules/lifecycle/playbook-edit";
import { loadCurrentPlaybook } from "~/modules/lifecycle/playbook.server";
import { savePlaybook } from "~/modules/lifecycle/publish-playbook.server";
import { sampleBody } from "~/modules/artifacts/samples";
import { quoteAt } from "~/modules/comments/anchor";
import {
  deleteComment,
  dismissMention,
  documentReaders,
  documentText,
  documentThreads,
  editComment,
  markRead,
  openReviewThreads,
  projectThreads,
  replyTo,
  setThreadResolved,
  startThread,
} from "~/modules/comments/comments.server";
import { handleOf } from "~/modules/comments/mentions";
import { inboxFor } from "~/modules/inbox/inbox.server";
import type { Db } from "~/utils/db.server";
import { createProject, createUsers, withTestDb, type TestUser } from "../factories";

const t = withTestDb();
let db: Db;
let u: Record<"owner" | "reviewer" | "colleague" | "viewer" | "admin", TestUser>;

const BODY = [
  "# Labels",
  "",
  "Small retailers print shipping labels by hand.",
  "",
  "We will ship it in May. The carrier API is ready in May.",
  "",
  "- one carrier first",
  "- then the others",
].join("\n");

beforeAll(async () => {
  db = t.db;
  u = await createUsers(db, { owner: "member", reviewer: "member", colleague: "member", viewer: "viewer", admin: "admin" });
});

async function makeDocument(body = BODY) {
  const project = await createProject(db, { owner: { id: u.owner.id } });
  const made = await createArtifact(
    db,
    u.owner,
    project.id,
    ArtifactCreateSchema.parse({ kind: "one_pager", stage: "identify", title: "Labels", mode: "document", body }),
  );
  if (!made.ok) throw new Error(made.message);
  return { project, artifactId: made.id };
}

/** The selector a reader's selection of `exact` (its `nth` occurrence) makes on a version. */
function selection(artifactId: string, version: number, body: string, exact: string, nth = 0) {
  const { text } = documentText(artifactId, version, body);
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(exact, at + 1);
  return { version, ...quoteAt(text, { start: at, end: at + exact.length }) };
}

const counts = async (artifactId: string) => ({
  comments: await db.comment.count({ where: { artifactId } }),
  events: await db.auditEvent.count({ where: { entity: "comment" } }),
});

describe("a thread on a passage", () => {
  it("keeps the quote with the document's own context, on the version it was made on, and writes an audit event", async () => {
    const { artifactId } = await makeDocument();
    const passage = selection(artifactId, 1, BODY, "ship it in May");
    const made = await startThread(db, u.reviewer, { artifactId }, { body: "Which carrier?", passage: { ...passage, prefix: "", suffix: "" } });
    expect(made.ok).toBe(true);
    const row = await db.comment.findUniqueOrThrow({ where: { id: made.ok ? made.id : "" } });
    expect(row).toMatchObject({ version: 1, quote: "ship it in May", prefix: passage.prefix, suffix: passage.suffix, authorId: u.reviewer.id });
    const event = await db.auditEvent.findFirstOrThrow({ where: { entityId: row.id } });
    expect(event.action).toBe("comment.added");
    expect(event.data).toMatchObject({ body: "Which carrier?", quote: "ship it in May", version: 1 });
  });

  it.each([
    ["a passage that is not in the version", { version: 1, exact: "ship it in June", prefix: "", suffix: "" }, 400, "quote", "is not in version 1"],
    ["a version that does not exist", { version: 7, exact: "ship it in May", prefix: "", suffix: "" }, 400, "quote", "no version 7"],
  ])("refuses %s, naming the field, and saves nothing", async (_name, passage, status, field, message) => {
    const { artifactId } = await makeDocument();
    const before = await counts(artifactId);
    const result = await startThread(db, u.reviewer, { artifactId }, { body: "Hm", passage });
    expect(result).toMatchObject({ ok: false, status, field });
    expect(result.ok ? "" : result.message).toContain(message);
    expect(await counts(artifactId)).toEqual(before);
  });

  it("refuses a mention of nobody, and one handle shared by two people, naming them", async () => {
    const { artifactId } = await makeDocument();
    const before = await counts(artifactId);
    const nobody = await startThread(db, u.reviewer, { artifactId }, { body: "Ask @no.such.person please" });
    expect(nobody).toMatchObject({ ok: false, status: 400, field: "body" });
    expect(nobody.ok ? "" : nobody.message).toContain("Nobody here is @no.such.person");
    const [a, b] = await createUsers(db, { a: "member", b: "member" }).then((m) => [m.a, m.b]);
    const shared = `twin${Date.now()}`;
    await db.user.update({ where: { id: a.id }, data: { email: `${shared}@one.test` } });
    await db.user.update({ where: { id: b.id }, data: { email: `${shared}@two.test` } });
    const ambiguous = await startThread(db, u.reviewer, { artifactId }, { body: `@${shared} look` });
    expect(ambiguous.ok ? "" : ambiguous.message).toContain("is more than one person");
    expect(await counts(artifactId)).toEqual(before);
    // The whole address names one of them.
    expect((await startThread(db, u.reviewer, { artifactId }, { body: `@${shared}@two.test look` })).ok).toBe(true);
  });

  it("is refused to a viewer (403) and to a document that does not exist (404)", async () => {
    const { artifactId } = await makeDocument();
    expect(await startThread(db, u.viewer, { artifactId }, { body: "I read only" })).toMatchObject({ ok: false, status: 403 });
    expect(await startThread(db, u.reviewer, { artifactId: "nope" }, { body: "Hm" })).toMatchObject({ ok: false, status: 404 });
    expect(await markRead(db, u.viewer, artifactId, 1)).toMatchObject({ ok: false, status: 403 });
    expect((await counts(artifactId)).comments).toBe(0);
  });
});

describe("re-anchoring on a newer version", () => {
  it("places a passage where its quote still stands, tells equal quotes apart by context, and lists the rest as on text that changed", async () => {
    const { artifactId } = await makeDocument();
    const second = selection(artifactId, 1, BODY, "in May", 1); // "ready in May", not "ship it in May"
    const kept = await startThread(db, u.reviewer, { artifactId }, { body: "Is it?", passage: second });
    const gone = await startThread(
      db,
      u.reviewer,
      { artifactId },
      { body: "By hand?", passage: selection(artifactId, 1, BODY, "print shipping labels by hand") },
    );
    const whole = await startThread(db, u.reviewer, { artifactId }, { body: "Nice overall" });
    const newer = BODY.replace("Small retailers print shipping labels by hand.", "Small retailers buy labels at the post office.").replace(
      "# Labels",
      "# Labels\n\nA new opening paragraph.",
    );
    const edited = await updateArtifact(db, u.owner, artifactId, ArtifactEditSchema.parse({ title: "Labels", mode: "document", body: newer, version: 1 }));
    expect(edited.ok).toBe(true);

    const placed = await documentThreads(db, artifactId, { version: 2, body: newer });
    const byId = new Map(placed.threads.map((th) => [th.id, th]));
    const blockOf = (needle: string) => placed.blocks.findIndex((b) => b.text.includes(needle));
    expect(byId.get(kept.ok ? kept.id : "")).toMatchObject({ changed: false, block: blockOf("carrier API") });
    expect(byId.get(gone.ok ? gone.id : "")).toMatchObject({ changed: true, block: null });
    expect(byId.get(whole.ok ? whole.id : "")).toMatchObject({ changed: false, block: null });
    // The mark is on the second "in May", the one the comment was made on.
    const marks = placed.marks.get(blockOf("carrier API"))!;
    expect(marks).toHaveLength(1);
    expect(placed.blocks[blockOf("carrier API")].text.slice(marks[0].start, marks[0].end)).toBe("in May");
    expect(marks[0].start).toBeGreaterThan(placed.blocks[blockOf("carrier API")].text.indexOf("carrier"));
  });
});

describe("threads: replies, edits, deletion and resolution", () => {
  it("lets its author and the document's author and reviewer resolve a thread, and nobody else", async () => {
    const { artifactId } = await makeDocument();
    await requestArtifactReview(db, u.owner, artifactId, u.reviewer.id);
    const thread = await startThread(db, u.colleague, { artifactId }, { body: "A question" });
    const id = thread.ok ? thread.id : "";
    expect(await setThreadResolved(db, u.admin, id, true)).toMatchObject({ ok: false, status: 403 });
    expect(await setThreadResolved(db, u.viewer, id, true)).toMatchObject({ ok: false, status: 403 });
    const other = (await createUsers(db, { other: "member" })).other;
    expect(await setThreadResolved(db, other, id, true)).toMatchObject({ ok: false, status: 403 });
    expect((await db.comment.findUniqueOrThrow({ where: { id } })).resolvedAt).toBeNull();
    for (const who of [u.colleague, u.owner, u.reviewer]) {
      expect((await setThreadResolved(db, who, id, true)).ok).toBe(true);
      expect(await setThreadResolved(db, who, id, true)).toMatchObject({ ok: false, status: 409 });
      expect((await setThreadResolved(db, who, id, false)).ok).toBe(true);
    }
    const actions = await db.auditEvent.findMany({ where: { entityId: id }, orderBy: { id: "asc" }, select: { action: true } });
    expect(actions.map((a) => a.action)).toEqual(["comment.added", ...Array(3).fill(["thread.resolved", "thread.reopened"]).flat()]);
  });

  it("edits and deletes only one's own comment, keeping the earlier text in the audit trail", async () => {
    const { artifactId } = await makeDocument();
    const thread = await startThread(db, u.colleague, { artifactId }, { body: "First words" });
    const id = thread.ok ? thread.id : "";
    expect(await editComment(db, u.owner, id, "Not mine")).toMatchObject({ ok: false, status: 403 });
    expect(await deleteComment(db, u.admin, id)).toMatchObject({ ok: false, status: 403 });
    expect((await editComment(db, u.colleague, id, "Better words")).ok).toBe(true);
    expect((await deleteComment(db, u.colleague, id)).ok).toBe(true);
    expect(await editComment(db, u.colleague, id, "Again")).toMatchObject({ ok: false, status: 409 });
    const row = await db.comment.findUniqueOrThrow({ where: { id } });
    expect(row.body).toBe("");
    expect(row.deletedAt).not.toBeNull();
    const events = await db.auditEvent.findMany({ where: { entityId: id }, orderBy: { id: "asc" }, select: { action: true, data: true } });
    expect(events.map((e) => [e.action, e.data])).toEqual([
      ["comment.added", { body: "First words", artifactId }],
      ["comment.edited", { before: "First words", after: "Better words" }],
      ["comment.deleted", { before: "Better words" }],
    ]);
    const [shown] = (await documentThreads(db, artifactId, { version: 1, body: BODY })).threads;
    expect(shown).toMatchObject({ deleted: true, html: "" });
  });
});

describe("mentions in My work", () => {
  it("puts a mention in the person's My work until they answer; a resolved thread or Done takes it out", async () => {
    const { artifactId } = await makeDocument();
    const me = { id: u.colleague.id, name: u.colleague.name };
    const mentions = async () => (await inboxFor(db, me)).mentions.map((m) => m.id);
    const first = await startThread(db, u.reviewer, { artifactId }, { body: `@${handleOf(u.colleague.email)} can you check?` });
    const firstId = first.ok ? first.id : "";
    expect(await mentions()).toEqual([firstId]);
    expect((await inboxFor(db, me)).mentions[0]).toMatchObject({
      href: `/artifacts/${artifactId}?thread=${firstId}#comment-${firstId}`,
      author: u.reviewer.name,
    });
    // Answering in the thread is doing it.
    expect((await replyTo(db, u.colleague, firstId, "Checked: fine.")).ok).toBe(true);
    expect(await mentions()).toEqual([]);
    // The reply is read with its thread on the document's page.
    const [withReply] = (await documentThreads(db, artifactId, { version: 1, body: BODY })).threads;
    expect(withReply.replies.map((r) => [r.html, r.author])).toEqual([["<p>Checked: fine.</p>\n", u.colleague.name]]);

    const second = await startThread(db, u.reviewer, { artifactId }, { body: `And this, @${handleOf(u.colleague.email)}?` });
    const secondId = second.ok ? second.id : "";
    expect(await mentions()).toEqual([secondId]);
    expect((await setThreadResolved(db, u.reviewer, secondId, true)).ok).toBe(true);
    expect(await mentions()).toEqual([]);

    const third = await startThread(db, u.owner, { artifactId }, { body: `FYI @${handleOf(u.colleague.email)}` });
    const thirdId = third.ok ? third.id : "";
    expect(await mentions()).toEqual([thirdId]);
    expect(await dismissMention(db, u.reviewer, thirdId)).toMatchObject({ ok: false, status: 404 });
    expect((await dismissMention(db, u.colleague, thirdId)).ok).toBe(true);
    expect(await mentions()).toEqual([]);
  });

  it("follows an edit: a name taken out of a comment leaves My work, one put in arrives", async () => {
    const { artifactId } = await makeDocument();
    const made = await startThread(db, u.reviewer, { artifactId }, { body: `@${handleOf(u.colleague.email)} look` });
    const id = made.ok ? made.id : "";
    await editComment(db, u.reviewer, id, `@${handleOf(u.owner.email)} look`);
    expect((await inboxFor(db, { id: u.colleague.id, name: u.colleague.name })).mentions).toEqual([]);
    expect((await inboxFor(db, { id: u.owner.id, name: u.owner.name })).mentions.map((m) => m.id)).toContain(id);
  });

  it("a reply to a resolved thread opens it again", async () => {
    const { artifactId } = await makeDocument();
    const made = await startThread(db, u.reviewer, { artifactId }, { body: "Done?" });
    const id = made.ok ? made.id : "";
    await setThreadResolved(db, u.reviewer, id, true);
    await replyTo(db, u.colleague, id, "Not quite");
    expect((await db.comment.findUniqueOrThrow({ where: { id } })).resolvedAt).toBeNull();
    expect(await replyTo(db, u.colleague, "nope", "x")).toMatchObject({ ok: false, status: 404 });
  });
});

describe("discussion on the project and its gate reviews", () => {
  it("keeps a review's threads with the review, lists its open ones for the decision, and refuses another project's review", async () => {
    const { project } = await makeDocument();
    const review = await db.gateReview.create({ data: { projectId: project.id, stage: "identify", requestedById: u.owner.id } });
    const other = await createProject(db, { owner: { id: u.owner.id } });
    const otherReview = await db.gateReview.create({ data: { projectId: other.id, stage: "identify", requestedById: u.owner.id } });
    const onReview = await startThread(db, u.colleague, { projectId: project.id, reviewId: review.id }, { body: "Is the data recent?" });
    const onProject = await startThread(db, u.colleague, { projectId: project.id, reviewId: null }, { body: "Who owns support?" });
    expect(await startThread(db, u.colleague, { projectId: project.id, reviewId: otherReview.id }, { body: "x" })).toMatchObject({
      ok: false,
      status: 400,
      field: "about",
    });
    await replyTo(db, u.owner, onReview.ok ? onReview.id : "", "Yes, from last week");
    expect((await openReviewThreads(db, review.id)).map((c) => c.id)).toEqual([onReview.ok ? onReview.id : ""]);
    const threads = await projectThreads(db, project.id);
    expect(threads.map((th) => [th.excerpt, th.reviewId, th.replies.map((r) => r.html)])).toEqual([
      ["Is the data recent?", review.id, ["<p>Yes, from last week</p>\n"]],
      ["Who owns support?", null, []],
    ]);
    // The project's owner resolves; a colleague who did not start it does not.
    const colleague2 = (await createUsers(db, { c: "member" })).c;
    expect(await setThreadResolved(db, colleague2, onProject.ok ? onProject.id : "", true)).toMatchObject({ ok: false, status: 403 });
    expect((await setThreadResolved(db, u.owner, onReview.ok ? onReview.id : "", true)).ok).toBe(true);
    expect(await openReviewThreads(db, review.id)).toEqual([]);
  });
});

describe("mark as read", () => {
  it("keeps the version each reader read, refusing one that does not exist", async () => {
    const { artifactId } = await makeDocument();
    expect(await markRead(db, u.reviewer, artifactId, 2)).toMatchObject({ ok: false, status: 400, field: "version" });
    expect((await markRead(db, u.reviewer, artifactId, 1)).ok).toBe(true);
    expect((await markRead(db, u.colleague, artifactId, 1)).ok).toBe(true);
    expect((await markRead(db, u.reviewer, artifactId, 1)).ok).toBe(true);
    const readers = await documentReaders(db, artifactId);
    expect(readers.map((r) => [r.user.id, r.version])).toEqual([
      [u.colleague.id, 1],
      [u.reviewer.id, 1],
    ]);
  });
});

describe("a gate whose playbook asks for threads resolved before approval (issue 24, item 4)", () => {
  it("refuses the reviewer's approval while a thread is open, approves once it is resolved, and records an administrator's override", async () => {
    const playbook = await loadCurrentPlaybook(db);
    const edited = setResolveThreadsFirst(playbook, "identify", true);
    if (!edited.ok) throw new Error(edited.message);
    await savePlaybook(db, u.admin.id, edited.playbook, "Resolve threads first at the first gate");
    try {
      // Documents whose checks pass: only the threads stand in the way.
      const { artifactId } = await makeDocument(sampleBody("one_pager", "Labels"));
      await requestArtifactReview(db, u.owner, artifactId, u.reviewer.id);
      const thread = await startThread(db, u.reviewer, { artifactId }, { body: "Is May realistic?" });
      const refused = await reviewArtifact(db, u.reviewer, artifactId, { outcome: "approved", version: 1 });
      expect(refused).toMatchObject({ ok: false, status: 400, field: "outcome" });
      expect(refused.ok ? "" : refused.message).toContain("1 comment thread on it is still open");
      expect((await db.artifact.findUniqueOrThrow({ where: { id: artifactId } })).state).toBe("in_review");
      await setThreadResolved(db, u.owner, thread.ok ? thread.id : "", true);
      expect(await reviewArtifact(db, u.reviewer, artifactId, { outcome: "approved", version: 1 })).toMatchObject({ ok: true, counts: true });

      // An administrator reviewer approves over an open thread with a reason, kept in the trail.
      const second = await makeDocument(sampleBody("one_pager", "Labels"));
      await requestArtifactReview(db, u.owner, second.artifactId, u.admin.id);
      await startThread(db, u.colleague, { artifactId: second.artifactId }, { body: "One more thing" });
      expect(await reviewArtifact(db, u.admin, second.artifactId, { outcome: "approved", version: 1 })).toMatchObject({ ok: false, field: "overrideReason" });
      expect((await reviewArtifact(db, u.admin, second.artifactId, { outcome: "approved", version: 1, overrideReason: "Agreed in the meeting" })).ok).toBe(
        true,
      );
      const event = await db.auditEvent.findFirstOrThrow({ where: { entityId: second.artifactId, action: "artifact.approved" } });
      expect(event.data).toMatchObject({ openThreads: 1, overrideReason: "Agreed in the meeting" });
    } finally {
      await savePlaybook(db, u.admin.id, playbook, "Back to the default");
    }
  });
});

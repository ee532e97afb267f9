// Comments and threads (issue 24): on a document (optionally on a passage of one version), on a
// gate review, or on the project. Every change: the authorization module's rule, one
// transaction, an audit event (an edit or a deletion keeps the earlier text there), and the
// mentions it makes put in the mentioned people's My work.
import { commented } from "~/modules/notifications/events.server";
import { LRUCache } from "lru-cache";
import { writeAudit } from "~/modules/audit/audit.server";
import { markPassages, renderBlocks, renderMarkdown, type Block } from "~/modules/artifacts/render.server";
import { canChangeComment, canComment, canResolveThread, type Person } from "~/modules/people/authorize";
import { ProjectRefusal } from "~/modules/projects/project-write.server";
import type { Refusal, Result } from "~/modules/result";
import type { Prisma } from "~/generated/prisma/client";
import { isBusyError, retryWhenBusy, type Db, type Tx } from "~/utils/db.server";
import { readCache } from "~/utils/read-cache.server";
import { joinBlocks, locate, QUOTE_MAX, quoteAt, spansByBlock, type Span, type TextQuote } from "./anchor";
import { handleOf, mentionMessage, resolveMentions } from "./mentions";

export type CommentResult = Result<{ id: string }>;

function refuse(status: Refusal["status"], message: string, field?: string): never {
  throw new ProjectRefusal(field ? { ok: false, status, message, field } : { ok: false, status, message });
}

async function run(db: Db, work: (tx: Tx) => Promise<string>): Promise<CommentResult> {
  try {
    return { ok: true, id: await retryWhenBusy(() => db.$transaction(work)) };
  } catch (error) {
    if (error instanceof ProjectRefusal) return error.result;
    if (isBusyError(error)) return { ok: false, status: 409, message: "Someone else was saving at the same moment; nothing was saved. Try again." };
    throw error;
  }
}

function mayComment(actor: Person) {
  if (!canComment(actor)) refuse(403, "Viewers read the discussion; members and administrators take part in it.");
}

/** A document's blocks and text per version: versions never change, so each is rendered once. */
const versionTexts = new LRUCache<string, { blocks: Block[]; text: string; starts: number[]; ends: number[] }>({ max: 300 });

export function documentText(artifactId: string, version: number, body: string) {
  const key = `${artifactId}:${version}`;
  let entry = versionTexts.get(key);
  if (!entry) {
    const blocks = renderBlocks(body);
    entry = { blocks, ...joinBlocks(blocks.map((b) => b.text)) };
    versionTexts.set(key, entry);
  }
  return entry;
}

/** Who the body mentions among the organisation's active people; a mention of nobody refuses the comment. */
async function mentionsIn(tx: Tx, body: string): Promise<string[]> {
  if (!body.includes("@")) return [];
  const people = await tx.user.findMany({ where: { deactivatedAt: null }, select: { id: true, name: true, email: true } });
  const { ids, problems } = resolveMentions(body, people);
  if (problems.length) refuse(400, problems.map(mentionMessage).join(" "), "body");
  return ids;
}

export type ThreadSubject = { artifactId: string } | { projectId: string; reviewId: string | null };
export type Passage = { version: number } & TextQuote;

/** A new thread: on a document (and a passage of one of its versions), on a gate review, or on the project. */
export async function startThread(db: Db, actor: Person, subject: ThreadSubject, input: { body: string; passage?: Passage | null }): Promise<CommentResult> {
  return run(db, async (tx) => {
    mayComment(actor);
    let projectId: string;
    let artifactId: string | null = null;
    let reviewId: string | null = null;
    let quote: Passage | null = null;
    if ("artifactId" in subject) {
      const artifact = await tx.artifact.findUnique({ where: { id: subject.artifactId }, select: { id: true, projectId: true } });
      if (!artifact) refuse(404, "There is no such document.");
      ({ projectId } = artifact);
      artifactId = artifact.id;
      if (input.passage) {
        const { version } = input.passage;
        const row = await tx.artifactVersion.findUnique({ where: { artifactId_version: { artifactId, version } }, select: { body: true } });
        if (!row) refuse(400, `There is no version ${version} of this document to comment on.`, "quote");
        const { text } = documentText(artifactId, version, row.body ?? "");
        const span = locate(text, input.passage);
        if (!span) refuse(400, `“${input.passage.exact.slice(0, 80)}” is not in version ${version} of this document: select the passage again.`, "quote");
        // Kept as the document has it, with its own context: what the page sent only found it.
        quote = { version, ...quoteAt(text, span) };
      }
    } else {
      const project = await tx.project.findUnique({ where: { id: subject.projectId }, select: { id: true } });
      if (!project) refuse(404, "There is no such project.");
      projectId = project.id;
      if (subject.reviewId) {
        const review = await tx.gateReview.findFirst({ where: { id: subject.reviewId, projectId }, select: { id: true } });
        if (!review) refuse(400, "That gate review is not one of this project's.", "about");
        reviewId = review.id;
      }
    }
    const mentioned = await mentionsIn(tx, input.body);
    const comment = await tx.comment.create({
      data: {
        projectId,
        artifactId,
        reviewId,
        authorId: actor.id,
        body: input.body,
        ...(quote ? { version: quote.version, quote: quote.exact, prefix: quote.prefix, suffix: quote.suffix } : {}),
        mentions: { create: mentioned.filter((id) => id !== actor.id).map((userId) => ({ userId })) },
      },
      select: { id: true },
    });
    await writeAudit(tx, {
      actorId: actor.id,
      projectId,
      entity: "comment",
      entityId: comment.id,
      action: "comment.added",
      data: {
        body: input.body,
        ...(artifactId ? { artifactId } : {}),
        ...(reviewId ? { reviewId } : {}),
        ...(quote ? { version: quote.version, quote: quote.exact } : {}),
      },
    });
    await commented(tx, { commentId: comment.id, threadId: comment.id, actorId: actor.id, projectId, artifactId, mentioned });
    return comment.id;
  });
}

/** The thread a comment id names (its first comment), with what decides who may resolve it. */
async function threadOf(tx: Tx, threadId: string) {
  const thread = await tx.comment.findUnique({
    where: { id: threadId },
    select: {
      id: true,
      threadId: true,
      projectId: true,
      artifactId: true,
      reviewId: true,
      authorId: true,
      resolvedAt: true,
      artifact: { select: { authorId: true, reviewerId: true } },
      project: { select: { ownerId: true, proposerId: true } },
    },
  });
  if (!thread || thread.threadId !== null) refuse(404, "There is no such thread.");
  return thread;
}

/** A reply in a thread; the replier's own mentions in it leave their My work (they answered). */
export async function replyTo(db: Db, actor: Person, threadId: string, body: string): Promise<CommentResult> {
  return run(db, async (tx) => {
    mayComment(actor);
    const thread = await threadOf(tx, threadId);
    const mentioned = await mentionsIn(tx, body);
    const comment = await tx.comment.create({
      data: {
        // A reply is on what its thread is on, so one query reads a page's threads whole.
        projectId: thread.projectId,
        artifactId: thread.artifactId,
        reviewId: thread.reviewId,
        threadId: thread.id,
        authorId: actor.id,
        body,
        mentions: { create: mentioned.filter((id) => id !== actor.id).map((userId) => ({ userId })) },
      },
      select: { id: true },
    });
    await tx.commentMention.updateMany({
      where: { userId: actor.id, doneAt: null, comment: { OR: [{ id: thread.id }, { threadId: thread.id }] } },
      data: { doneAt: new Date() },
    });
    // A reply to a resolved thread opens it again: there is something to answer.
    if (thread.resolvedAt) await tx.comment.update({ where: { id: thread.id }, data: { resolvedAt: null, resolvedById: null } });
    await writeAudit(tx, {
      actorId: actor.id,
      projectId: thread.projectId,
      entity: "comment",
      entityId: comment.id,
      action: "comment.replied",
      data: { threadId, body },
    });
    await commented(tx, {
      commentId: comment.id,
      threadId: thread.id,
      actorId: actor.id,
      projectId: thread.projectId,
      artifactId: thread.artifactId,
      mentioned,
    });
    return comment.id;
  });
}

async function ownComment(tx: Tx, actor: Person, commentId: string) {
  const comment = await tx.comment.findUnique({
    where: { id: commentId },
    select: { id: true, threadId: true, projectId: true, authorId: true, body: true, deletedAt: true },
  });
  if (!comment) refuse(404, "There is no such comment.");
  if (!canChangeComment(actor, comment)) refuse(403, "Only its author edits or deletes a comment.");
  if (comment.deletedAt) refuse(409, "This comment was deleted.");
  return comment;
}

/** A new text for one's own comment; the earlier one stays in the audit trail, and its mentions follow the new text. Answers with its thread's id. */
export async function editComment(db: Db, actor: Person, commentId: string, body: string): Promise<CommentResult> {
  return run(db, async (tx) => {
    const comment = await ownComment(tx, actor, commentId);
    const mentioned = (await mentionsIn(tx, body)).filter((id) => id !== actor.id);
    await tx.comment.update({ where: { id: commentId }, data: { body, editedAt: new Date() } });
    await tx.commentMention.deleteMany({ where: { commentId, userId: { notIn: mentioned }, doneAt: null } });
    for (const userId of mentioned)
      await tx.commentMention.upsert({ where: { commentId_userId: { commentId, userId } }, create: { commentId, userId }, update: {} });
    await writeAudit(tx, {
      actorId: actor.id,
      projectId: comment.projectId,
      entity: "comment",
      entityId: commentId,
      action: "comment.edited",
      data: { before: comment.body, after: body },
    });
    return comment.threadId ?? commentId;
  });
}

/** Deletes one's own comment: its place in the thread says so, its text is kept only in the audit trail. */
export async function deleteComment(db: Db, actor: Person, commentId: string): Promise<CommentResult> {
  return run(db, async (tx) => {
    const comment = await ownComment(tx, actor, commentId);
    await tx.comment.update({ where: { id: commentId }, data: { body: "", deletedAt: new Date() } });
    await tx.commentMention.deleteMany({ where: { commentId } });
    await writeAudit(tx, {
      actorId: actor.id,
      projectId: comment.projectId,
      entity: "comment",
      entityId: commentId,
      action: "comment.deleted",
      data: { before: comment.body },
    });
    return commentId;
  });
}

/** Resolves or reopens a thread; resolving takes its mentions out of everyone's My work. */
export async function setThreadResolved(db: Db, actor: Person, threadId: string, resolved: boolean): Promise<CommentResult> {
  return run(db, async (tx) => {
    const thread = await threadOf(tx, threadId);
    const subject = {
      onDocument: thread.artifact !== null,
      documentAuthorId: thread.artifact?.authorId ?? null,
      reviewerId: thread.artifact?.reviewerId ?? null,
      ownerId: thread.project.ownerId,
      proposerId: thread.project.proposerId,
    };
    if (!canResolveThread(actor, thread, subject)) {
      refuse(
        403,
        subject.onDocument
          ? "The thread's author, the document's author and its reviewer resolve a thread."
          : "The thread's author and the project's owner resolve a thread.",
      );
    }
    if (resolved === (thread.resolvedAt !== null)) refuse(409, resolved ? "This thread is already resolved." : "This thread is already open.");
    const now = new Date();
    await tx.comment.update({
      where: { id: threadId },
      data: resolved ? { resolvedAt: now, resolvedById: actor.id } : { resolvedAt: null, resolvedById: null },
    });
    if (resolved) await tx.commentMention.updateMany({ where: { doneAt: null, comment: { OR: [{ id: threadId }, { threadId }] } }, data: { doneAt: now } });
    await writeAudit(tx, {
      actorId: actor.id,
      projectId: thread.projectId,
      entity: "comment",
      entityId: threadId,
      action: resolved ? "thread.resolved" : "thread.reopened",
    });
    return threadId;
  });
}

/** "Done" on a mention in My work. */
export async function dismissMention(db: Db, actor: Person, commentId: string): Promise<CommentResult> {
  return run(db, async (tx) => {
    const mention = await tx.commentMention.findUnique({
      where: { commentId_userId: { commentId, userId: actor.id } },
      select: { doneAt: true, comment: { select: { projectId: true } } },
    });
    if (!mention) refuse(404, "You are not mentioned in that comment.");
    if (mention.doneAt) return commentId;
    await tx.commentMention.update({ where: { commentId_userId: { commentId, userId: actor.id } }, data: { doneAt: new Date() } });
    await writeAudit(tx, { actorId: actor.id, projectId: mention.comment.projectId, entity: "comment", entityId: commentId, action: "mention.done" });
    return commentId;
  });
}

/** "Mark as read": the version of a document a reader has read, for the review meeting. */
export async function markRead(db: Db, actor: Person, artifactId: string, version: number): Promise<CommentResult> {
  return run(db, async (tx) => {
    mayComment(actor);
    const artifact = await tx.artifact.findUnique({ where: { id: artifactId }, select: { projectId: true, version: true } });
    if (!artifact) refuse(404, "There is no such document.");
    if (version < 1 || version > artifact.version) refuse(400, `There is no version ${version} of this document.`, "version");
    await tx.artifactRead.upsert({
      where: { artifactId_userId: { artifactId, userId: actor.id } },
      create: { artifactId, userId: actor.id, version },
      update: { version, readAt: new Date() },
    });
    await writeAudit(tx, {
      actorId: actor.id,
      projectId: artifact.projectId,
      entity: "artifact",
      entityId: artifactId,
      action: "artifact.read",
      data: { version },
    });
    return artifactId;
  });
}

// ---------------------------------------------------------------------------------------------
// Reading

const COMMENT_SELECT = {
  id: true,
  threadId: true,
  reviewId: true,
  authorId: true,
  body: true,
  version: true,
  quote: true,
  prefix: true,
  suffix: true,
  resolvedAt: true,
  createdAt: true,
  editedAt: true,
  deletedAt: true,
  resolvedById: true,
} as const;

/**
 * A page's comment rows as threads, kept until the next audited write (decision 23's read cache:
 * every comment change writes an audit event). The rows' people are read in one query, not
 * joined per row: a 6-pager's review is hundreds of rows (the benchmark's page spent 14 ms a
 * request in the client's per-row joins).
 */
const threadCache = readCache<{ list: (ThreadView & { selector: TextQuote | null })[] }>({ max: 500, ttlMs: 10 * 60_000 });

async function readThreads(db: Db, key: string, where: Prisma.CommentWhereInput) {
  return (
    await threadCache(db, key, async () => {
      const rows = await db.comment.findMany({ where, orderBy: { createdAt: "asc" }, select: COMMENT_SELECT });
      const ids = [...new Set(rows.flatMap((r) => (r.resolvedById ? [r.authorId, r.resolvedById] : [r.authorId])))];
      const people = new Map((await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]));
      return {
        list: threads(
          rows.map((r) => ({
            ...r,
            author: people.get(r.authorId) ?? "Someone",
            resolvedBy: r.resolvedById ? (people.get(r.resolvedById) ?? "Someone") : null,
          })),
        ),
      };
    })
  ).list;
}

/** Comment bodies rendered once per text: the same renderer and sanitiser as documents. */
const rendered = new LRUCache<string, string>({ max: 5000 });
function bodyHtml(c: { id: string; body: string; editedAt: Date | null }) {
  const key = `${c.id}:${c.editedAt?.getTime() ?? 0}`;
  let html = rendered.get(key);
  if (html === undefined) {
    html = renderMarkdown(c.body);
    rendered.set(key, html);
  }
  return html;
}

export type CommentView = {
  id: string;
  authorId: string;
  author: string;
  html: string;
  createdAt: Date;
  editedAt: Date | null;
  deleted: boolean;
};

export type ThreadView = CommentView & {
  /** The first comment's opening words, for lists of threads. */
  excerpt: string;
  reviewId: string | null;
  resolvedAt: Date | null;
  resolvedBy: string | null;
  /** The passage: its quote and the version it was made on. */
  passage: { exact: string; version: number } | null;
  replies: CommentView[];
};

type Row = {
  id: string;
  threadId: string | null;
  reviewId: string | null;
  authorId: string;
  body: string;
  version: number | null;
  quote: string | null;
  prefix: string | null;
  suffix: string | null;
  resolvedAt: Date | null;
  createdAt: Date;
  editedAt: Date | null;
  deletedAt: Date | null;
  author: string;
  resolvedBy: string | null;
};

function view(c: Row): CommentView {
  const deleted = c.deletedAt !== null;
  return {
    id: c.id,
    authorId: c.authorId,
    author: c.author,
    html: deleted ? "" : bodyHtml(c),
    createdAt: c.createdAt,
    editedAt: c.editedAt,
    deleted,
  };
}

/** Rows in creation order to threads, each with its replies in order. */
function threads(rows: Row[]): (ThreadView & { selector: TextQuote | null })[] {
  const byId = new Map<string, ThreadView & { selector: TextQuote | null }>();
  for (const c of rows) {
    if (c.threadId === null) {
      byId.set(c.id, {
        ...view(c),
        excerpt: c.deletedAt ? "" : c.body.length > 80 ? `${c.body.slice(0, 80)}…` : c.body,
        reviewId: c.reviewId,
        resolvedAt: c.resolvedAt,
        resolvedBy: c.resolvedBy,
        passage: c.quote !== null && c.version !== null ? { exact: c.quote, version: c.version } : null,
        selector: c.quote !== null ? { exact: c.quote, prefix: c.prefix ?? "", suffix: c.suffix ?? "" } : null,
        replies: [],
      });
    } else byId.get(c.threadId)?.replies.push(view(c));
  }
  return [...byId.values()];
}

export type AnchoredThread = ThreadView & { block: number | null; changed: boolean };

/**
 * A document's threads placed on the version shown: each passage re-anchored where its quote
 * still stands (its block, and the spans to mark in each block it covers) or "on text that
 * changed"; threads without a passage are on the document as a whole.
 */
export async function documentThreads(db: Db, artifactId: string, doc: { version: number; body: string | null }) {
  // Placed once per version until the next write, with each block's passages marked.
  return placedCache(db, `${artifactId}|${doc.version}`, async () => {
    const placed = placeThreads(await readThreads(db, `artifact|${artifactId}`, { artifactId }), artifactId, doc);
    return { ...placed, marked: placed.blocks.map((b, i) => markPassages(b.html, placed.marks.get(i) ?? [])) };
  });
}

const placedCache = readCache<ReturnType<typeof placeThreads> & { marked: string[] }>({ max: 300, ttlMs: 10 * 60_000 });

/** Re-anchors threads on one version (pure apart from the cached rendering; the benchmark times it). */
export function placeThreads(list: (ThreadView & { selector: TextQuote | null })[], artifactId: string, doc: { version: number; body: string | null }) {
  const text = documentText(artifactId, doc.version, doc.body ?? "");
  const marks = new Map<number, Span[]>();
  const placed: AnchoredThread[] = list.map(({ selector, ...thread }) => {
    if (!selector) return { ...thread, block: null, changed: false };
    const span = locate(text.text, selector);
    const where = span && spansByBlock(text.starts, text.ends, span);
    if (!where) return { ...thread, block: null, changed: true };
    // Only open threads mark their passage; a resolved one stays beside it, folded.
    if (!thread.resolvedAt)
      for (const [block, part] of where.parts) {
        const list = marks.get(block) ?? [];
        list.push(part);
        marks.set(block, list);
      }
    return { ...thread, block: where.first, changed: false };
  });
  return { threads: placed, blocks: text.blocks, marks };
}

/** The project's discussion: its own threads and each gate review's. */
export async function projectThreads(db: Db, projectId: string) {
  return (await readThreads(db, `project|${projectId}`, { projectId, artifactId: null })).map(({ selector: _selector, ...t }) => t);
}

/** The comment a page's ?edit= opens: one's own, not deleted, with its text; null otherwise. */
export async function editableComment(db: Db, user: Person, commentId: string | null) {
  if (!commentId || commentId.length > 40) return null;
  const comment = await db.comment.findUnique({ where: { id: commentId }, select: { id: true, body: true, authorId: true, deletedAt: true } });
  return comment && !comment.deletedAt && canChangeComment(user, comment) ? { id: comment.id, body: comment.body } : null;
}

/** Open threads on one gate review, for its decision form. */
export async function openReviewThreads(db: Db, reviewId: string) {
  return db.comment.findMany({
    where: { reviewId, threadId: null, resolvedAt: null, deletedAt: null },
    orderBy: { createdAt: "asc" },
    select: { id: true, body: true, author: { select: { name: true } } },
  });
}

/** Who read which version of a document. */
export function documentReaders(db: Db, artifactId: string) {
  return db.artifactRead.findMany({
    where: { artifactId },
    orderBy: { readAt: "asc" },
    select: { version: true, readAt: true, user: { select: { id: true, name: true } } },
  });
}

/** People one may mention: active members of the organisation, for completion. */
export function mentionable(db: Db) {
  return db.user.findMany({ where: { deactivatedAt: null }, select: { id: true, name: true, email: true }, orderBy: { name: "asc" } });
}

/** People for @ completion: their name and the handle that names them alone (the whole email where a handle is shared). */
export async function mentionPeople(db: Db): Promise<{ name: string; handle: string }[]> {
  const people = await mentionable(db);
  const count = new Map<string, number>();
  for (const p of people) count.set(handleOf(p.email), (count.get(handleOf(p.email)) ?? 0) + 1);
  return people.map((p) => ({ name: p.name, handle: count.get(handleOf(p.email)) === 1 ? handleOf(p.email) : p.email.toLowerCase() }));
}

/** A thread as a page sends it: closed, its card's HTML (digest); open, all of it. */
export type PageThread<T> = {
  id: string;
  authorId: string;
  reviewId: string | null;
  block: number | null;
  changed: boolean;
  resolved: boolean;
  canResolve: boolean;
  replyCount: number;
  digest: string | null;
  open: T | null;
};

/**
 * Threads as a page sends them: whether `user` may resolve each, and one thread open with its
 * replies; the others as their card's HTML (`digest`, rendered and kept by the page's
 * components), so hundreds of threads cost little to send and to render.
 */
export function threadsForPage<T extends ThreadView & { block?: number | null; changed?: boolean }>(
  user: Person,
  list: readonly T[],
  subject: Parameters<typeof canResolveThread>[2],
  openThread: string | null,
  /** The closed card's HTML to send, or null where the page keeps it out of its data (utils/islands.tsx). */
  digest: (thread: T) => string | null,
): PageThread<T>[] {
  return list.map((t) => {
    const open = t.id === openThread;
    return {
      id: t.id,
      authorId: t.authorId,
      reviewId: t.reviewId,
      block: t.block ?? null,
      changed: t.changed ?? false,
      resolved: t.resolvedAt !== null,
      canResolve: canResolveThread(user, t, subject),
      replyCount: t.replies.length,
      digest: open ? null : digest(t),
      open: open ? t : null,
    };
  });
}

/** The passage a "Comment on this paragraph" link starts with: the block's text, up to QUOTE_MAX characters ending at a word. */
export function blockPassage(doc: { text: string; starts: number[]; ends: number[] }, block: number): TextQuote | null {
  if (!(block >= 0 && block < doc.starts.length)) return null;
  let end = doc.ends[block];
  if (end - doc.starts[block] > QUOTE_MAX) end = doc.text.lastIndexOf(" ", doc.starts[block] + QUOTE_MAX);
  return quoteAt(doc.text, { start: doc.starts[block], end });
}

/** A project's discussion page: the project, its gate reviews (newest first) and its threads. */
export async function projectDiscussion(db: Db, key: string) {
  const project = await db.project.findUnique({
    where: { key },
    select: {
      id: true,
      key: true,
      ownerId: true,
      proposerId: true,
      gateReviews: { select: { id: true, stage: true, requestedAt: true, decidedAt: true, decision: true }, orderBy: { requestedAt: "desc" } },
    },
  });
  if (!project) return null;
  return { project, threads: await projectThreads(db, project.id) };
}

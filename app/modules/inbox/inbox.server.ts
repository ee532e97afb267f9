// "My work" (issue 12, item 6): what waits for one person to act, each item linking to where it
// is done and gone once it is. Read from the rows that make the work (open reviews and their
// signatures, artifact review requests, dates on projects, COE action items, unacknowledged
// roles, mentions). What merely happened is a notification instead (issue 25, notifications/).
import type { Db } from "~/utils/db.server";
import { readCache } from "~/utils/read-cache.server";
import type { StageKey } from "~/modules/lifecycle/stages";

/** Dates this close count as due; past ones as overdue. */
export const DUE_SOON_DAYS = 7;
const DAY_MS = 86_400_000;

type Me = { id: string; name: string };

/** Projects I own or decide: their dates due are mine to act on. */
const mine = (userId: string) => ({ roles: { some: { userId, role: { in: ["owner" as const, "decider" as const] } } } });

function where(me: Me, now: Date) {
  const soon = new Date(now.getTime() + DUE_SOON_DAYS * DAY_MS);
  return {
    // Open reviews on active projects I decide, that I have not signed yet.
    reviews: {
      decidedAt: null,
      signatureRows: { none: { userId: me.id } },
      project: { status: "active" as const, roles: { some: { userId: me.id, role: "decider" as const } } },
    },
    artifactReviews: { reviewerId: me.id, outcome: null, artifact: { state: { not: "withdrawn" as const } } },
    flags: {
      status: { in: ["active" as const] },
      ...mine(me.id),
      OR: [{ conditionDueAt: { lte: soon } }, { revisitAt: { lte: soon } }],
    },
    coe: {
      doneAt: null,
      dueDate: { lte: soon },
      artifact: { state: { not: "withdrawn" as const }, project: { status: "active" as const } },
      // Owned by me as a person (a COE's record), by my name (a COE document's text), or by nobody on a project I own.
      OR: [
        { ownerId: me.id },
        { ownerId: null, ownerName: { contains: me.name } },
        { ownerId: null, ownerName: null, artifact: { project: { ownerId: me.id } } },
      ],
    },
    acks: { userId: me.id, acknowledgedAt: null, role: { in: ["owner" as const, "stakeholder" as const] }, project: { status: "active" as const } },
    // Comments that mention me, until I answer in the thread, it is resolved, or I mark it done (issue 24).
    mentions: { userId: me.id, doneAt: null, comment: { deletedAt: null } },
    // Required retrospectives of projects I own, not yet written (issue 26), and their action items given to me, due soon.
    retros: { writtenAt: null, required: true, project: { ownerId: me.id } },
    actions: { ownerId: me.id, doneAt: null, dueDate: { lte: soon } },
    // Milestones of mine (or, with no owner, of projects I own) not done and due soon or past due (issue 27, item 5).
    milestones: {
      state: { notIn: ["done" as const, "cancelled" as const] },
      dueDate: { lte: soon },
      project: { status: { in: ["active" as const, "on_hold" as const] } },
      OR: [{ ownerId: me.id }, { ownerId: null, project: { ownerId: me.id } }],
    },
    // COEs of mine whose fix did not hold: a later COE's root cause fell in a category they closed (issue 26, item 4).
    recurred: { reopenedAt: { not: null }, artifact: { authorId: me.id, state: { not: "withdrawn" as const } } },
  };
}

/**
 * The navigation's count runs on every page, so it is kept per person and day until the data
 * changes (any audited write) or a minute passes (decision 23's cache).
 */
const counts = readCache<{ n: number }>({ max: 10_000, ttlMs: 60_000 });

/** How many things wait for me: the navigation's count. */
export async function inboxCount(db: Db, me: Me, now = new Date()): Promise<number> {
  return (await counts(db, `${me.id}|${now.toISOString().slice(0, 10)}`, async () => ({ n: await countNow(db, me, now) }))).n;
}

/** The count computed afresh (what a cache miss costs). */
export async function countNow(db: Db, me: Me, now = new Date()): Promise<number> {
  const w = where(me, now);
  const [reviews, artifactReviews, flags, coe, acks, mentions, retros, actions, recurred, milestones] = await Promise.all([
    openReviewsForMe(db, w.reviews),
    db.artifactReview.count({ where: w.artifactReviews }),
    db.project.count({ where: w.flags }),
    db.coeActionItem.count({ where: w.coe }),
    db.projectRole.count({ where: w.acks }),
    db.commentMention.count({ where: w.mentions }),
    db.retrospective.count({ where: w.retros }),
    db.actionItem.count({ where: w.actions }),
    db.coeRecord.count({ where: w.recurred }),
    db.milestone.count({ where: w.milestones }),
  ]);
  return reviews.length + artifactReviews + flags + coe + acks + mentions + retros + actions + recurred + milestones;
}

/** Open reviews of the stage each project is at now (a review left from an earlier stage waits for nobody). */
async function openReviewsForMe(db: Db, filter: ReturnType<typeof where>["reviews"]) {
  const rows = await db.gateReview.findMany({
    where: filter,
    orderBy: { requestedAt: "asc" },
    select: {
      id: true,
      stage: true,
      requestedAt: true,
      requestedBy: { select: { name: true } },
      _count: { select: { signatureRows: true } },
      project: { select: { key: true, title: true, stage: true } },
    },
  });
  return rows.filter((r) => r.stage === r.project.stage);
}

export type InboxFlag = { key: string; title: string; kind: "condition" | "hold"; date: Date; overdue: boolean };

/** Everything that waits for me, each with where it is done. */
export async function inboxFor(db: Db, me: Me, now = new Date()) {
  const w = where(me, now);
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const [reviews, artifactReviews, flagged, coe, acks, mentions, retros, actions, recurred, milestones] = await Promise.all([
    openReviewsForMe(db, w.reviews),
    db.artifactReview.findMany({
      where: w.artifactReviews,
      orderBy: { requestedAt: "asc" },
      select: {
        id: true,
        version: true,
        requestedAt: true,
        requestedBy: { select: { name: true } },
        artifact: { select: { id: true, title: true, kind: true, project: { select: { key: true } } } },
      },
    }),
    db.project.findMany({ where: w.flags, orderBy: { number: "asc" }, select: { key: true, title: true, conditionDueAt: true, revisitAt: true } }),
    db.coeActionItem.findMany({
      where: w.coe,
      orderBy: { dueDate: "asc" },
      select: { id: true, title: true, dueDate: true, ownerName: true, artifact: { select: { id: true, title: true, project: { select: { key: true } } } } },
    }),
    db.projectRole.findMany({
      where: w.acks,
      orderBy: { createdAt: "asc" },
      select: { id: true, role: true, project: { select: { key: true, title: true } } },
    }),
    db.commentMention.findMany({
      where: w.mentions,
      orderBy: { createdAt: "asc" },
      select: {
        createdAt: true,
        comment: {
          select: {
            id: true,
            threadId: true,
            body: true,
            author: { select: { name: true } },
            artifact: { select: { id: true, title: true } },
            project: { select: { key: true, title: true } },
          },
        },
      },
    }),
    db.retrospective.findMany({
      where: w.retros,
      orderBy: { openedAt: "asc" },
      select: { id: true, trigger: true, required: true, project: { select: { key: true, title: true } } },
    }),
    db.actionItem.findMany({
      where: w.actions,
      orderBy: { dueDate: "asc" },
      select: { id: true, title: true, dueDate: true, retrospective: { select: { id: true, project: { select: { key: true, title: true } } } } },
    }),
    db.coeRecord.findMany({
      where: w.recurred,
      orderBy: { reopenedAt: "asc" },
      select: { artifactId: true, reopenedAt: true, artifact: { select: { title: true, project: { select: { key: true } } } } },
    }),
    db.milestone.findMany({
      where: w.milestones,
      orderBy: { dueDate: "asc" },
      select: { id: true, title: true, dueDate: true, state: true, project: { select: { key: true, title: true } } },
    }),
  ]);
  const flags: InboxFlag[] = flagged.flatMap((p) =>
    (
      [
        ["condition", p.conditionDueAt],
        ["hold", p.revisitAt],
      ] as const
    )
      .filter((pair): pair is readonly ["condition" | "hold", Date] => pair[1] !== null && pair[1].getTime() <= now.getTime() + DUE_SOON_DAYS * DAY_MS)
      .map(([kind, date]) => ({ key: p.key, title: p.title, kind, date, overdue: date.getTime() < today })),
  );
  return {
    reviews: reviews.map((r) => ({
      id: r.id,
      stage: r.stage as StageKey,
      requestedAt: r.requestedAt,
      requestedBy: r.requestedBy?.name ?? null,
      signatures: r._count.signatureRows,
      project: { key: r.project.key, title: r.project.title },
    })),
    artifactReviews,
    flags,
    coe: coe.map((c) => ({ ...c, overdue: c.dueDate !== null && c.dueDate.getTime() < today })),
    acks,
    retros,
    actions: actions.map((a) => ({ ...a, overdue: a.dueDate.getTime() < today })),
    milestones: milestones.map((m) => ({ ...m, overdue: m.dueDate !== null && m.dueDate.getTime() < today })),
    recurred: recurred.map((r) => ({ id: r.artifactId, title: r.artifact.title, projectKey: r.artifact.project.key, at: r.reopenedAt! })),
    mentions: mentions.map((m) => ({
      id: m.comment.id,
      at: m.createdAt,
      author: m.comment.author.name,
      excerpt: m.comment.body.length > 160 ? `${m.comment.body.slice(0, 160)}…` : m.comment.body,
      // Where the comment is read and answered: its page, with its thread open.
      href: `${m.comment.artifact ? `/artifacts/${m.comment.artifact.id}` : `/projects/${m.comment.project.key}/discussion`}?thread=${m.comment.threadId ?? m.comment.id}#comment-${m.comment.id}`,
      on: m.comment.artifact ? m.comment.artifact.title : `${m.comment.project.key} ${m.comment.project.title}`,
    })),
  };
}

// "My work" (issue 12, item 6): what waits for one person, each item linking to where it is done
// and gone once it is. Read from the rows that make the work (open reviews and their
// signatures, artifact review requests, dates on projects, COE action items, unacknowledged
// roles) and, for what changed, from the audit trail since the person last looked.
import type { Db } from "~/utils/db.server";
import { readCache } from "~/utils/read-cache.server";
import { countChanges, eventBefore, newestChanges } from "./queries.server";
import { setPreference } from "~/modules/people/preferences.server";
import { getPreference } from "~/modules/people/queries.server";
import type { StageKey } from "~/modules/lifecycle/stages";

/** Dates this close count as due; past ones as overdue. */
export const DUE_SOON_DAYS = 7;
const DAY_MS = 86_400_000;
const SEEN_KEY = "inboxSeenAt";
const CHANGES_SHOWN = 30;
/** Before the first "Mark as seen", what changed in the last week. */
const FIRST_LOOK_DAYS = 7;

type Me = { id: string; name: string };

/** Projects I own or decide, active or not: what changed on them is mine to know. */
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
      OR: [{ ownerName: { contains: me.name } }, { ownerName: null, artifact: { project: { ownerId: me.id } } }],
    },
    acks: { userId: me.id, acknowledgedAt: null, role: { in: ["owner" as const, "stakeholder" as const] }, project: { status: "active" as const } },
    // Comments that mention me, until I answer in the thread, it is resolved, or I mark it done (issue 24).
    mentions: { userId: me.id, doneAt: null, comment: { deletedAt: null } },
  };
}

/** When I last marked the inbox seen (a week ago before the first time). */
async function seenAt(db: Db, userId: string): Promise<Date> {
  const value = await getPreference(db, userId, SEEN_KEY);
  const seen = typeof value === "string" && !Number.isNaN(Date.parse(value)) ? new Date(value) : null;
  return seen ?? new Date(Date.now() - FIRST_LOOK_DAYS * DAY_MS);
}

/**
 * The navigation's count runs on every page, so it is kept per person and day until the data
 * changes (any audited write, a "Mark as seen" included) or a minute passes (decision 23's cache).
 */
const counts = readCache<{ n: number }>({ max: 10_000, ttlMs: 60_000 });

/** How many things wait for me: the navigation's count. */
export async function inboxCount(db: Db, me: Me, now = new Date()): Promise<number> {
  return (await counts(db, `${me.id}|${now.toISOString().slice(0, 10)}`, async () => ({ n: await countNow(db, me, now) }))).n;
}

/** The count computed afresh (what a cache miss costs). */
export async function countNow(db: Db, me: Me, now = new Date()): Promise<number> {
  const w = where(me, now);
  const after = await eventBefore(db, await seenAt(db, me.id));
  const [reviews, artifactReviews, flags, coe, acks, mentions, changes] = await Promise.all([
    openReviewsForMe(db, w.reviews),
    db.artifactReview.count({ where: w.artifactReviews }),
    db.project.count({ where: w.flags }),
    db.coeActionItem.count({ where: w.coe }),
    db.projectRole.count({ where: w.acks }),
    db.commentMention.count({ where: w.mentions }),
    countChanges(db, me, after),
  ]);
  return reviews.length + artifactReviews + flags + coe + acks + mentions + changes;
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
  const seen = await seenAt(db, me.id);
  const after = await eventBefore(db, seen);
  const w = where(me, now);
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const [reviews, artifactReviews, flagged, coe, acks, mentions, changes, changeCount] = await Promise.all([
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
    newestChanges(db, me, after, CHANGES_SHOWN),
    countChanges(db, me, after),
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
  // The names behind the changes: one query each for the few people and projects involved.
  const [actors, projects] = await Promise.all([
    db.user.findMany({ where: { id: { in: [...new Set(changes.flatMap((c) => (c.actorId ? [c.actorId] : [])))] } }, select: { id: true, name: true } }),
    db.project.findMany({
      where: { id: { in: [...new Set(changes.flatMap((c) => (c.projectId ? [c.projectId] : [])))] } },
      select: { id: true, key: true, title: true },
    }),
  ]);
  const actorName = new Map(actors.map((a) => [a.id, a.name]));
  const projectOf = new Map(projects.map((p) => [p.id, p]));
  return {
    seenAt: seen,
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
    mentions: mentions.map((m) => ({
      id: m.comment.id,
      at: m.createdAt,
      author: m.comment.author.name,
      excerpt: m.comment.body.length > 160 ? `${m.comment.body.slice(0, 160)}…` : m.comment.body,
      // Where the comment is read and answered: its page, with its thread open.
      href: `${m.comment.artifact ? `/artifacts/${m.comment.artifact.id}` : `/projects/${m.comment.project.key}/discussion`}?thread=${m.comment.threadId ?? m.comment.id}#comment-${m.comment.id}`,
      on: m.comment.artifact ? m.comment.artifact.title : `${m.comment.project.key} ${m.comment.project.title}`,
    })),
    changes: changes.map((c) => ({
      id: c.id,
      at: c.at,
      action: c.action,
      actor: c.actorId ? (actorName.get(c.actorId) ?? null) : null,
      project: c.projectId ? (projectOf.get(c.projectId) ?? null) : null,
    })),
    changeCount,
  };
}

/** "Mark as seen": what changed until now leaves the inbox. */
export async function markInboxSeen(db: Db, userId: string, now = new Date()): Promise<void> {
  await setPreference(db, userId, SEEN_KEY, now.toISOString());
}

// What an artifact's page shows (routes/artifacts+/$id.tsx): the version asked for or the newest,
// a comparison of two versions, the comment threads placed on it, its readers, its review and
// COE action items, and what the person may do with it.
import { isBefore } from "date-fns";
import { z } from "zod";
import { getArtifactVersion, listReviewers, type getArtifact } from "~/modules/artifacts/artifacts.server";
import type { CheckResult } from "~/modules/artifacts/checks";
import { renderedComparison } from "~/modules/artifacts/render.server";
import { diffVersions } from "~/modules/artifacts/version-diff";
import {
  blockPassage,
  documentReaders,
  documentText,
  documentThreads,
  editableComment,
  mentionPeople,
  threadsForPage,
} from "~/modules/comments/comments.server";
import { digestHtml } from "~/components/comments/digest.server";
import { loadCurrentPlaybook } from "~/modules/lifecycle/playbook.server";
import { canComment, canOnProject, canWriteArtifact, type Person } from "~/modules/people/authorize";
import { prisma } from "~/utils/db.server";
import { badRequest, notFound } from "~/utils/http.server";

const blank = (v: string | null) => (v === "" || v === null ? undefined : v);
const ViewSchema = z.object({
  version: z.coerce.number().int().positive().optional(),
  from: z.coerce.number().int().positive().optional(),
  to: z.coerce.number().int().positive().optional(),
  /** "Comment on this paragraph": the block whose text the comment form starts with. */
  on: z.coerce.number().int().nonnegative().optional(),
});

type Artifact = NonNullable<Awaited<ReturnType<typeof getArtifact>>>;

export type ArtifactPageData = Awaited<ReturnType<typeof artifactPageData>>;

/**
 * Everything the page shows of `artifact` to `user`, from the page's query (`search`). `island`
 * keeps a rendered piece of HTML out of the page's data when the server renders it in place
 * (utils/islands.tsx), and returns it otherwise.
 */
export async function artifactPageData(
  user: Person,
  artifact: Artifact,
  search: URLSearchParams,
  timeZone: string,
  island: (key: string, html: string) => string | null,
) {
  const view = ViewSchema.safeParse({
    version: blank(search.get("version")),
    from: blank(search.get("from")),
    to: blank(search.get("to")),
    on: blank(search.get("on")),
  });
  if (!view.success) throw badRequest("Versions are whole numbers from the history list.");

  // The version shown: the newest, or one picked from the history.
  const shownNumber = view.data.version ?? artifact.version;
  const shown = shownNumber === artifact.version ? artifact : await getArtifactVersion(prisma, artifact.id, shownNumber);
  if (!shown) throw notFound(`There is no version ${shownNumber} of this artifact.`);

  let diff = null;
  if (view.data.from !== undefined && view.data.to !== undefined) {
    const [from, to] = await Promise.all([getArtifactVersion(prisma, artifact.id, view.data.from), getArtifactVersion(prisma, artifact.id, view.data.to)]);
    if (!from || !to) throw notFound("Compare two versions from the history list.");
    diff = {
      from: from.version,
      to: to.version,
      title: from.title === to.title ? null : { before: from.title, after: to.title },
      url: from.url === to.url ? null : { before: from.url, after: to.url },
      lines: diffVersions(from.body ?? "", to.body ?? ""),
      // As readers see it (the default), or the Markdown's lines (?changes=source).
      rendered: search.get("changes") === "source" ? null : renderedComparison(from.body ?? "", to.body ?? ""),
    };
  }

  // The threads placed on the version shown, its blocks with their passages marked.
  const placed = await documentThreads(prisma, artifact.id, { version: shownNumber, body: shown.body });
  const subject = {
    onDocument: true,
    documentAuthorId: artifact.authorId,
    reviewerId: artifact.reviewerId,
    ownerId: artifact.project.ownerId,
    proposerId: artifact.project.proposerId,
  };
  const threads = threadsForPage(user, placed.threads, subject, search.get("thread"), (t) => island(`thread:${t.id}`, digestHtml(t, timeZone)));
  const doc = shown.body ? documentText(artifact.id, shownNumber, shown.body) : null;
  const mayComment = canComment(user);
  const [people, readers, editing] = await Promise.all([
    mayComment ? mentionPeople(prisma) : Promise.resolve([]),
    documentReaders(prisma, artifact.id),
    editableComment(prisma, user, search.get("edit")),
  ]);

  const gate = artifact.state === "in_review" ? (await loadCurrentPlaybook(prisma)).stages.find((s) => s.stage === artifact.stage) : undefined;
  const openThreadCount = placed.threads.filter((t) => !t.resolvedAt && !t.deleted).length;
  const openThreadsBlock = Boolean(gate?.resolveThreadsFirst) && openThreadCount > 0;

  const onProject = canOnProject(user, artifact.project, "write");
  const writable = canWriteArtifact({ ...user, onProject }, artifact) && artifact.state !== "withdrawn";
  const now = new Date();
  return {
    artifact: {
      id: artifact.id,
      kind: artifact.kind,
      stage: artifact.stage,
      title: artifact.title,
      state: artifact.state,
      version: artifact.version,
      approvedVersion: artifact.approvedVersion,
      approvedAt: artifact.approvedAt,
      withdrawnAt: artifact.withdrawnAt,
      reviewNote: artifact.reviewNote,
      author: artifact.author.name,
      reviewerId: artifact.reviewerId,
      reviewer: artifact.reviewer?.name ?? null,
      project: { key: artifact.project.key, title: artifact.project.title },
      versions: artifact.versions,
      reviews: artifact.reviews,
      actionItems: artifact.actionItems.map((i) => ({ ...i, overdue: !i.doneAt && i.dueDate !== null && isBefore(i.dueDate, now) })),
      isCoe: artifact.kind === "coe",
      coeRecord: artifact.coeRecord,
    },
    shown: {
      version: shownNumber,
      title: shown.title,
      url: shown.url,
      blocks: placed.marked.map((html, i) => island(`block:${i}`, html)),
      checks: (shown.checks ?? []) as CheckResult[],
      checksPassed: shown.checksPassed,
    },
    diff,
    threads,
    // A reviewer's open threads, listed with the review.
    reviewerThreads: placed.threads
      .filter((t) => !t.resolvedAt && !t.deleted && t.authorId === artifact.reviewerId)
      .map((t) => ({ id: t.id, excerpt: t.excerpt })),
    prefill: doc && view.data.on !== undefined ? blockPassage(doc, view.data.on) : null,
    viewer: { id: user.id, mayComment, people, editing },
    readers: readers.map((r) => ({ id: r.user.id, name: r.user.name, version: r.version, readAt: r.readAt })),
    can: {
      write: writable,
      review: artifact.state === "in_review" && artifact.reviewerId === user.id,
      // Whether the version under review may be approved as it is, or only with an administrator's recorded reason.
      approve: !artifact.checksPassed || openThreadsBlock ? (user.role === "admin" ? ("with_reason" as const) : ("no" as const)) : ("yes" as const),
      // Why approval waits: failing checks, and open threads where the gate's playbook asks for them resolved first.
      blockedBy: { checks: !artifact.checksPassed, threads: openThreadsBlock ? openThreadCount : 0 },
    },
    reviewers: writable ? (await listReviewers(prisma)).filter((r) => r.id !== artifact.authorId) : [],
  };
}

// Artifacts: create, edit (every save a version), review, withdraw, and COE action items.
// Every change: the workflow's authorization check, one transaction, an audit event, the
// project's version bumped and its stored gate status refreshed (artifacts are gate facts).
import { changed } from "~/modules/audit/changes";
import { artifactReviewRequested } from "~/modules/notifications/events.server";
import type { Result } from "~/modules/result";
import { canOnProject, canWriteArtifact } from "~/modules/people/authorize";
import { PROJECT_PEOPLE } from "~/modules/people/project-people.server";
import type { Prisma } from "~/generated/prisma/client";
import { writeAudit } from "~/modules/audit/audit.server";
import { refreshGateStatus } from "~/modules/lifecycle/gate.server";
import { loadCurrentPlaybook } from "~/modules/lifecycle/playbook.server";
import type { ArtifactState, UserRole } from "~/modules/lifecycle/stages";
import { isBusyError, retryWhenBusy, type Db, type Tx } from "~/utils/db.server";
import type { ArtifactCreate, ArtifactEdit } from "./artifact-form";
import { allPassed, coeActionItems, runChecks, type CheckResult, type CoeRecordFacts } from "./checks";
import { chainsOf } from "~/modules/learning/coe";
import { checkCreate, checkEdit, checkRequestReview, checkReview, checkWithdraw, type ArtifactActor, type Refusal, type ReviewOutcome } from "./workflow";

type Actor = { id: string; role: UserRole };
export type ArtifactResult = Result<{ id: string }>;

class RefusalError extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.message);
  }
}

function refuse(refusal: Refusal): never {
  throw new RefusalError(refusal);
}

async function run(db: Db, work: (tx: Tx) => Promise<string>): Promise<ArtifactResult> {
  try {
    // Another process's commit between this transaction's read and its write is SQLITE_BUSY_SNAPSHOT:
    // the rolled-back transaction is tried again, checks included (seen in the parallel browser tests).
    const id = await retryWhenBusy(() => db.$transaction(work));
    return { ok: true, id };
  } catch (error) {
    if (error instanceof RefusalError) return error.refusal;
    if (isBusyError(error)) return { ok: false, status: 409, message: "Someone else was saving at the same moment; nothing was saved. Try again." };
    throw error;
  }
}

/** The actor as the workflow sees them for this project: one who writes to it (its owner, a contributor, an administrator) or not. */
async function actorOn(tx: Tx, actor: Actor, projectId: string): Promise<ArtifactActor> {
  const project = await tx.project.findUnique({ where: { id: projectId }, select: PROJECT_PEOPLE });
  if (!project) refuse({ ok: false, status: 404, message: "No such project." });
  return { ...actor, onProject: canOnProject(actor, project, "write") };
}

/** Names of the organisation's people, for the COE's "no person blamed by name" check. */
export async function peopleNames(db: Db | Tx): Promise<string[]> {
  const users = await db.user.findMany({ select: { name: true } });
  return users.map((u) => u.name);
}

async function evaluateContent(tx: Tx, kind: ArtifactCreate["kind"], content: { url?: string; body?: string }, artifactId?: string) {
  if (content.body === undefined) return { checks: [] as CheckResult[], passed: true };
  const coe = kind === "coe" && artifactId ? await coeRecordFacts(tx, artifactId) : undefined;
  const checks = runChecks(kind, content.body, { people: await peopleNames(tx), coe });
  return { checks, passed: allPassed(checks) };
}

/** What a COE's record says, for its checks; undefined when the COE has no record yet. */
export async function coeRecordFacts(tx: Db | Tx, artifactId: string): Promise<CoeRecordFacts | undefined> {
  const record = await tx.coeRecord.findUnique({
    where: { artifactId },
    select: { whyChains: true, rootCauses: { select: { text: true } }, artifact: { select: { _count: { select: { actionItems: true } } } } },
  });
  if (!record) return undefined;
  return { timeline: true, chains: chainsOf(record.whyChains), rootCauses: record.rootCauses.map((r) => r.text), actions: record.artifact._count.actionItems };
}

/**
 * A COE's checks on its current version judged again, once its record changed: the document's
 * narrative with the record's parts (in the caller's transaction).
 */
export async function recheckCoe(tx: Tx, artifactId: string): Promise<void> {
  const artifact = await tx.artifact.findUniqueOrThrow({ where: { id: artifactId }, select: { kind: true, body: true, url: true, version: true } });
  const { checks, passed } = await evaluateContent(
    tx,
    artifact.kind,
    artifact.url !== null ? { url: artifact.url } : { body: artifact.body ?? "" },
    artifactId,
  );
  const stored = { checks: checks as unknown as Prisma.InputJsonValue, checksPassed: passed };
  await tx.artifact.update({ where: { id: artifactId }, data: stored });
  await tx.artifactVersion.update({ where: { artifactId_version: { artifactId, version: artifact.version } }, data: stored });
}

/** Keeps the COE's action items in step with its document; items keep their done mark by title. */
async function syncActionItems(tx: Tx, artifact: { id: string; projectId: string; kind: string }, body: string | undefined) {
  if (artifact.kind !== "coe") return;
  // A COE with a record keeps its action items there, as rows (issue 26, item 3).
  if (await tx.coeRecord.findUnique({ where: { artifactId: artifact.id }, select: { artifactId: true } })) return;
  const items = body === undefined ? [] : coeActionItems(body);
  const existing = await tx.coeActionItem.findMany({ where: { artifactId: artifact.id }, select: { id: true, title: true } });
  const wanted = new Map<string, (typeof items)[number] & { position: number }>();
  items.forEach((item, position) => {
    if (!wanted.has(item.title)) wanted.set(item.title, { ...item, position });
  });
  const stale = existing.filter((e) => !wanted.has(e.title)).map((e) => e.id);
  if (stale.length) await tx.coeActionItem.deleteMany({ where: { id: { in: stale } } });
  for (const item of wanted.values()) {
    const data = {
      position: item.position,
      ownerName: item.owners.join(", ") || null,
      dueDate: item.due ? new Date(`${item.due}T00:00:00Z`) : null,
      ticketUrl: item.ticketUrl,
    };
    await tx.coeActionItem.upsert({
      where: { artifactId_title: { artifactId: artifact.id, title: item.title } },
      create: { artifactId: artifact.id, projectId: artifact.projectId, title: item.title, ...data },
      update: data,
    });
  }
}

async function touchProject(tx: Tx, projectId: string) {
  await tx.project.update({ where: { id: projectId }, data: { version: { increment: 1 } } });
  await refreshGateStatus(tx, [projectId]);
}

/**
 * An artifact's current content and the version row that keeps it: the same title, link or body
 * and check results, written on the artifact and in its history in one statement.
 */
function versionContent(
  version: number,
  title: string,
  content: { url?: string; body?: string },
  { checks, passed }: { checks: unknown; passed: boolean },
  authorId: string,
) {
  const fields = { title, url: content.url ?? null, body: content.body ?? null, checks: checks as Prisma.InputJsonValue, checksPassed: passed };
  return { ...fields, versions: { create: { version, ...fields, authorId } } };
}

export async function createArtifact(db: Db, actor: Actor, projectId: string, input: ArtifactCreate): Promise<ArtifactResult> {
  return run(db, async (tx) => {
    const who = await actorOn(tx, actor, projectId);
    const allowed = checkCreate(who);
    if (!allowed.ok) refuse(allowed);
    const content = input.mode === "link" ? { url: input.url } : { body: input.body };
    const { checks, passed } = await evaluateContent(tx, input.kind, content);
    const artifact = await tx.artifact.create({
      data: {
        projectId,
        kind: input.kind,
        stage: input.stage,
        authorId: actor.id,
        ...versionContent(1, input.title, content, { checks, passed }, actor.id),
      },
      select: { id: true, projectId: true, kind: true },
    });
    await syncActionItems(tx, artifact, content.body);
    await writeAudit(tx, {
      actorId: actor.id,
      projectId,
      entity: "artifact",
      entityId: artifact.id,
      action: "artifact.created",
      data: { kind: input.kind, stage: input.stage, title: input.title, version: 1, checksPassed: passed, changes: [changed("document", null, input.title)] },
    });
    await touchProject(tx, projectId);
    return artifact.id;
  });
}

const SNAPSHOT_SELECT = {
  id: true,
  projectId: true,
  kind: true,
  state: true,
  authorId: true,
  reviewerId: true,
  version: true,
  approvedVersion: true,
  title: true,
  url: true,
  body: true,
} as const satisfies Prisma.ArtifactSelect;

async function loadForChange(tx: Tx, actor: Actor, artifactId: string) {
  const artifact = await tx.artifact.findUnique({ where: { id: artifactId }, select: SNAPSHOT_SELECT });
  if (!artifact) refuse({ ok: false, status: 404, message: "No such artifact." });
  return { artifact, who: await actorOn(tx, actor, artifact.projectId) };
}

/** Saves a new version. An approved artifact becomes a draft again; its approved version stays what the gate reads. */
export async function updateArtifact(db: Db, actor: Actor, artifactId: string, input: ArtifactEdit): Promise<ArtifactResult> {
  return run(db, async (tx) => {
    const { artifact, who } = await loadForChange(tx, actor, artifactId);
    const allowed = checkEdit(who, artifact, input.version);
    if (!allowed.ok) refuse(allowed);
    if ((input.mode === "link") !== (artifact.url !== null)) {
      refuse({
        ok: false,
        status: 400,
        field: input.mode === "link" ? "url" : "body",
        message: `This artifact is ${artifact.url !== null ? "a link" : "a document"}; it stays one.`,
      });
    }
    const content = input.mode === "link" ? { url: input.url } : { body: input.body };
    if (input.title === artifact.title && (content.url ?? null) === artifact.url && (content.body ?? null) === artifact.body) {
      refuse({ ok: false, status: 400, message: "Nothing changed, so no new version was saved." });
    }
    const { checks, passed } = await evaluateContent(tx, artifact.kind, content, artifactId);
    const version = artifact.version + 1;
    await tx.artifact.update({
      where: { id: artifactId },
      data: {
        version,
        state: allowed.state,
        ...versionContent(version, input.title, content, { checks, passed }, actor.id),
      },
    });
    await syncActionItems(tx, artifact, content.body);
    await writeAudit(tx, {
      actorId: actor.id,
      projectId: artifact.projectId,
      entity: "artifact",
      entityId: artifactId,
      action: "artifact.updated",
      data: {
        title: input.title,
        fromVersion: artifact.version,
        version,
        state: allowed.state,
        checksPassed: passed,
        changes: [
          ...(input.title !== artifact.title ? [changed("title", artifact.title, input.title)] : []),
          changed("version", artifact.version, version),
          ...(allowed.state !== artifact.state ? [changed("state", artifact.state, allowed.state)] : []),
        ],
      },
    });
    await touchProject(tx, artifact.projectId);
    return artifactId;
  });
}

export async function requestArtifactReview(db: Db, actor: Actor, artifactId: string, reviewerId: string): Promise<ArtifactResult> {
  return run(db, async (tx) => {
    const { artifact, who } = await loadForChange(tx, actor, artifactId);
    const reviewer = await tx.user.findFirst({ where: { id: reviewerId, deactivatedAt: null }, select: { id: true, role: true, name: true } });
    const allowed = checkRequestReview(who, artifact, reviewer);
    if (!allowed.ok) refuse(allowed);
    await tx.artifact.update({ where: { id: artifactId }, data: { state: "in_review", reviewerId, reviewNote: null } });
    await tx.artifactReview.updateMany({ where: { artifactId, outcome: null }, data: { outcome: "superseded", decidedAt: new Date() } });
    await tx.artifactReview.create({ data: { artifactId, version: artifact.version, requestedById: actor.id, reviewerId } });
    await writeAudit(tx, {
      actorId: actor.id,
      projectId: artifact.projectId,
      entity: "artifact",
      entityId: artifactId,
      action: "artifact.review_requested",
      data: { title: artifact.title, version: artifact.version, reviewer: reviewer!.name },
    });
    await artifactReviewRequested(tx, { artifact: { id: artifactId, title: artifact.title, projectId: artifact.projectId }, reviewerId, actorId: actor.id });
    await touchProject(tx, artifact.projectId);
    return artifactId;
  });
}

/** The review's outcome and whether the version now counts at its gate (approved with its checks passing), so what the page says agrees with the gate. */
export async function reviewArtifact(
  db: Db,
  actor: Actor,
  artifactId: string,
  input: { outcome: ReviewOutcome; version: number; comment?: string; overrideReason?: string },
): Promise<Result<{ id: string; counts: boolean }>> {
  let counts = false;
  const result = await run(db, async (tx) => {
    const { artifact, who } = await loadForChange(tx, actor, artifactId);
    const comment = input.comment?.trim() || null;
    const current = await tx.artifact.findUniqueOrThrow({ where: { id: artifactId }, select: { checksPassed: true, stage: true } });
    // Whether its gate asks for its comment threads to be resolved first, and how many are open (issue 24).
    const gate = (await loadCurrentPlaybook(tx)).stages.find((s) => s.stage === current.stage);
    const openThreads = gate?.resolveThreadsFirst ? await tx.comment.count({ where: { artifactId, threadId: null, resolvedAt: null, deletedAt: null } }) : 0;
    const allowed = checkReview(
      who,
      { ...artifact, checksPassed: current.checksPassed, openThreads, resolveThreadsFirst: gate?.resolveThreadsFirst ?? false },
      { outcome: input.outcome, version: input.version, comment, overrideReason: input.overrideReason },
    );
    if (!allowed.ok) refuse(allowed);
    const now = new Date();
    const approving = input.outcome === "approved";
    counts = approving && current.checksPassed;
    await tx.artifact.update({
      where: { id: artifactId },
      data: approving
        ? {
            state: "approved" satisfies ArtifactState,
            approvedVersion: artifact.version,
            approvedChecksPassed: current.checksPassed,
            approvedAt: now,
            reviewNote: comment,
          }
        : { state: "draft" satisfies ArtifactState, reviewNote: comment },
    });
    await tx.artifactReview.updateMany({ where: { artifactId, outcome: null }, data: { outcome: input.outcome, comment, decidedAt: now } });
    await writeAudit(tx, {
      actorId: actor.id,
      projectId: artifact.projectId,
      entity: "artifact",
      entityId: artifactId,
      action: approving ? "artifact.approved" : "artifact.sent_back",
      data: {
        title: artifact.title,
        version: artifact.version,
        ...(comment ? { comment } : {}),
        ...(allowed.overridden
          ? {
              ...(current.checksPassed ? {} : { checksPassed: false }),
              ...(allowed.openThreads ? { openThreads: allowed.openThreads } : {}),
              overrideReason: input.overrideReason!.trim(),
            }
          : {}),
      },
    });
    await touchProject(tx, artifact.projectId);
    return artifactId;
  });
  return result.ok ? { ...result, counts } : result;
}

/** Withdrawn artifacts stop counting at every gate; one a passed gate relied on becomes gate debt. */
export async function withdrawArtifact(db: Db, actor: Actor, artifactId: string, reason: string): Promise<ArtifactResult> {
  return run(db, async (tx) => {
    const { artifact, who } = await loadForChange(tx, actor, artifactId);
    const allowed = checkWithdraw(who, artifact);
    if (!allowed.ok) refuse(allowed);
    await tx.artifact.update({ where: { id: artifactId }, data: { state: "withdrawn", withdrawnAt: new Date() } });
    await tx.artifactReview.updateMany({ where: { artifactId, outcome: null }, data: { outcome: "withdrawn", decidedAt: new Date() } });
    await writeAudit(tx, {
      actorId: actor.id,
      projectId: artifact.projectId,
      entity: "artifact",
      entityId: artifactId,
      action: "artifact.withdrawn",
      data: {
        title: artifact.title,
        version: artifact.version,
        reason,
        wasApproved: artifact.approvedVersion !== null,
        changes: [changed("state", artifact.state, "withdrawn")],
      },
    });
    await touchProject(tx, artifact.projectId);
    return artifactId;
  });
}

/** Marks a COE action item done or open again. Open items of a live COE block Done-Done. */
export async function setActionItemDone(db: Db, actor: Actor, artifactId: string, itemId: string, done: boolean): Promise<ArtifactResult> {
  return run(db, async (tx) => {
    const { artifact, who } = await loadForChange(tx, actor, artifactId);
    if (!canWriteArtifact(who, artifact))
      refuse({ ok: false, status: 403, message: "Only the author, the project's owner and contributors, and administrators can close action items." });
    const item = await tx.coeActionItem.findFirst({ where: { id: itemId, artifactId }, select: { id: true, title: true, doneAt: true } });
    if (!item) refuse({ ok: false, status: 404, message: "That action item is no longer on this COE." });
    await tx.coeActionItem.update({
      where: { id: itemId },
      data: done ? { doneAt: item.doneAt ?? new Date(), doneById: actor.id } : { doneAt: null, doneById: null },
    });
    await writeAudit(tx, {
      actorId: actor.id,
      projectId: artifact.projectId,
      entity: "artifact",
      entityId: artifactId,
      action: done ? "coe_action.done" : "coe_action.reopened",
      data: { title: item.title },
    });
    await touchProject(tx, artifact.projectId);
    return artifactId;
  });
}

/** Everything the artifact page shows. */
export async function getArtifact(db: Db, id: string) {
  return db.artifact.findUnique({
    where: { id },
    select: {
      id: true,
      kind: true,
      stage: true,
      title: true,
      url: true,
      body: true,
      state: true,
      version: true,
      approvedVersion: true,
      approvedAt: true,
      withdrawnAt: true,
      reviewNote: true,
      checks: true,
      checksPassed: true,
      createdAt: true,
      updatedAt: true,
      authorId: true,
      reviewerId: true,
      author: { select: { name: true } },
      reviewer: { select: { name: true } },
      project: { select: { id: true, key: true, title: true, ...PROJECT_PEOPLE } },
      versions: {
        select: { version: true, title: true, checksPassed: true, createdAt: true, author: { select: { name: true } } },
        orderBy: { version: "desc" },
      },
      reviews: {
        select: {
          id: true,
          version: true,
          requestedAt: true,
          decidedAt: true,
          outcome: true,
          comment: true,
          requestedBy: { select: { name: true } },
          reviewer: { select: { name: true } },
        },
        orderBy: { requestedAt: "desc" },
        take: 20,
      },
      actionItems: { select: { id: true, title: true, ownerName: true, dueDate: true, ticketUrl: true, doneAt: true }, orderBy: { position: "asc" } },
      coeRecord: { select: { recurring: true } },
    },
  });
}

/** One stored version's content and check results. */
export function getArtifactVersion(db: Db, artifactId: string, version: number) {
  return db.artifactVersion.findUnique({
    where: { artifactId_version: { artifactId, version } },
    select: { version: true, title: true, url: true, body: true, checks: true, checksPassed: true, createdAt: true, author: { select: { name: true } } },
  });
}

/** People who may be named as reviewers: active members and administrators. */
export function listReviewers(db: Db) {
  return db.user.findMany({ where: { deactivatedAt: null, role: { in: ["admin", "member"] } }, select: { id: true, name: true }, orderBy: { name: "asc" } });
}

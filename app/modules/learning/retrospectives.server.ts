// Retrospectives (issue 26, item 2): opened in the transaction of the decision that stops,
// recycles or finishes a project; written by its owner (each save audited with the values it
// changed, its lesson put in the library); discussed in the threads of the gate review that opened it.
import { writeAudit } from "~/modules/audit/audit.server";
import { canMarkActionItem, WORK_OWNER_ROLES, type Person } from "~/modules/people/authorize";
import { PROJECT_PEOPLE } from "~/modules/people/project-people.server";
import { diffFields } from "~/modules/projects/project-form";
import { ProjectRefusal, projectWrite } from "~/modules/projects/project-write.server";
import type { Result } from "~/modules/result";
import type { Db } from "~/utils/db.server";
import { formatDay } from "~/utils/dates";
import type { RetrospectiveInput, RetrospectiveTrigger } from "./retrospective";

const RETRO_VIEW = {
  id: true,
  trigger: true,
  stage: true,
  required: true,
  expected: true,
  happened: true,
  whys: true,
  differently: true,
  writtenAt: true,
  openedAt: true,
  reviewId: true,
  writtenBy: { select: { name: true } },
  actions: {
    orderBy: { position: "asc" as const },
    select: { id: true, title: true, ownerId: true, dueDate: true, link: true, doneAt: true, owner: { select: { name: true } } },
  },
} as const;

const whysOf = (value: unknown): string[] => (Array.isArray(value) ? value.filter((w): w is string => typeof w === "string") : []);

/** A project's retrospectives, newest first. */
export async function projectRetrospectives(db: Db, projectId: string) {
  const rows = await db.retrospective.findMany({ where: { projectId }, orderBy: { openedAt: "desc" }, select: RETRO_VIEW });
  return rows.map((r) => ({ ...r, trigger: r.trigger as RetrospectiveTrigger, whys: whysOf(r.whys) }));
}

/** One retrospective of a project, or null when the id is not one of its. */
export async function findRetrospective(db: Db, projectId: string, id: string) {
  const row = await db.retrospective.findFirst({ where: { id, projectId }, select: RETRO_VIEW });
  return row && { ...row, trigger: row.trigger as RetrospectiveTrigger, whys: whysOf(row.whys) };
}

/** The retrospective a stopped or finished project still waits for (required and not written), if any. */
export function retrospectiveDue(db: Db, projectId: string) {
  return db.retrospective.findFirst({
    where: { projectId, required: true, writtenAt: null },
    orderBy: { openedAt: "desc" },
    select: { id: true, trigger: true },
  });
}

const actionLine = (a: { title: string; ownerName: string; dueDate: Date; link: string | null }) =>
  `${a.title} (${a.ownerName}, due ${formatDay(a.dueDate)})${a.link ? ` ${a.link}` : ""}`;

/**
 * Writes (or rewrites) a retrospective: its text, its why-chain and its action items, in one
 * transaction with an audit event holding each changed field's old and new value. Its "what we
 * would do differently" becomes its lesson in the library, tagged with its stage, team and outcome.
 */
export async function writeRetrospective(
  db: Db,
  actor: Person,
  projectId: string,
  id: string,
  input: RetrospectiveInput,
  now = new Date(),
): Promise<Result<{ id: string }>> {
  return projectWrite(db, actor, projectId, "write_retrospective", async (tx) => {
    const before = await tx.retrospective.findFirst({
      where: { id, projectId },
      select: {
        ...RETRO_VIEW,
        project: { select: { teamId: true } },
        actions: { orderBy: { position: "asc" }, select: { title: true, dueDate: true, link: true, doneAt: true, owner: { select: { name: true } } } },
      },
    });
    if (!before) throw new ProjectRefusal({ ok: false, status: 404, message: "There is no such retrospective on this project." });
    const ownerIds = [...new Set(input.actions.map((a) => a.ownerId))];
    const owners = new Map(
      (
        await tx.user.findMany({ where: { id: { in: ownerIds }, deactivatedAt: null, role: { in: [...WORK_OWNER_ROLES] } }, select: { id: true, name: true } })
      ).map((u) => [u.id, u.name]),
    );
    const problems = input.actions.flatMap((a, i) =>
      owners.has(a.ownerId)
        ? []
        : [{ code: "unknown_owner", field: `actions[${i}].ownerId`, message: "Choose an active person who may act as the owner (not a viewer)." }],
    );
    if (problems.length) throw new ProjectRefusal({ ok: false, status: 400, message: problems[0]!.message, problems });

    const doneBefore = new Map(before.actions.map((a) => [a.title, a.doneAt]));
    await tx.actionItem.deleteMany({ where: { retrospectiveId: id } });
    await tx.actionItem.createMany({
      data: input.actions.map((a, position) => ({
        projectId,
        retrospectiveId: id,
        position,
        title: a.title,
        ownerId: a.ownerId,
        dueDate: a.dueDate,
        link: a.link,
        // An item kept under the same words keeps its state.
        doneAt: doneBefore.get(a.title) ?? null,
      })),
    });
    await tx.retrospective.update({
      where: { id },
      data: {
        expected: input.expected,
        happened: input.happened,
        whys: input.whys,
        differently: input.differently,
        writtenAt: before.writtenAt ?? now,
        writtenById: before.writtenAt ? undefined : actor.id,
      },
      select: { id: true },
    });
    await tx.lesson.deleteMany({ where: { retrospectiveId: id } });
    await tx.lesson.create({
      data: {
        projectId,
        retrospectiveId: id,
        outcome: before.trigger,
        stage: before.stage,
        teamId: before.project.teamId,
        text: input.differently,
        createdAt: now,
      },
    });
    const text = (r: { expected: string | null; happened: string | null; whys: string[]; differently: string | null; actions: string[] }) => ({
      expected: r.expected,
      happened: r.happened,
      whys: r.whys.map((w, i) => `${i + 1}. ${w}`).join("\n") || null,
      differently: r.differently,
      actions: r.actions.join("\n") || null,
    });
    const changes = diffFields(
      text({ ...before, whys: whysOf(before.whys), actions: before.actions.map((a) => actionLine({ ...a, ownerName: a.owner.name })) }),
      text({ ...input, actions: input.actions.map((a) => actionLine({ ...a, ownerName: owners.get(a.ownerId)! })) }),
      ["expected", "happened", "whys", "differently", "actions"],
    );
    return {
      id,
      entity: "retrospective",
      action: before.writtenAt ? "retrospective.edited" : "retrospective.written",
      data: { trigger: before.trigger, stage: before.stage, changes },
    };
  });
}

/** Marks one of a retrospective's action items done, or open again. */
export async function markActionItem(
  db: Db,
  actor: Person,
  projectId: string,
  actionId: string,
  done: boolean,
  now = new Date(),
): Promise<Result<{ id: string }>> {
  try {
    return await db.$transaction(async (tx) => {
      const item = await tx.actionItem.findFirst({
        where: { id: actionId, projectId },
        select: {
          id: true,
          title: true,
          ownerId: true,
          doneAt: true,
          retrospectiveId: true,
          retrospective: { select: { project: { select: PROJECT_PEOPLE } } },
        },
      });
      if (!item) throw new ProjectRefusal({ ok: false, status: 404, message: "There is no such action item on this project." });
      if (!canMarkActionItem(actor, item.retrospective.project, item)) {
        throw new ProjectRefusal({ ok: false, status: 403, message: "Only the action's owner, the project's owner and administrators mark it done." });
      }
      if ((item.doneAt !== null) === done) return { ok: true as const, id: item.id };
      await tx.actionItem.update({ where: { id: item.id }, data: { doneAt: done ? now : null }, select: { id: true } });
      await writeAudit(tx, {
        actorId: actor.id,
        projectId,
        entity: "action_item",
        entityId: item.id,
        action: done ? "action_item.done" : "action_item.reopened",
        data: { retrospectiveId: item.retrospectiveId, title: item.title },
      });
      return { ok: true as const, id: item.id };
    });
  } catch (error) {
    if (error instanceof ProjectRefusal) return error.result;
    throw error;
  }
}

import { projectCreated } from "~/modules/notifications/events.server";
import type { Refusal } from "~/modules/result";
import { PLAN_STAGE, STAGE_NAMES, stageDefinition } from "~/modules/lifecycle/stages";
import { canOnProject, whoMay } from "~/modules/people/authorize";
import { PROJECT_PEOPLE } from "~/modules/people/project-people.server";
import { Prisma } from "~/generated/prisma/client";
import { writeAudit } from "~/modules/audit/audit.server";
import { FACT_COLUMNS_SELECT } from "~/modules/lifecycle/queries.server";
import { refreshGateStatus } from "~/modules/lifecycle/gate.server";
import { isBusyError, type Db, type Tx } from "~/utils/db.server";
import { z } from "zod";
import { diffFields, PROJECT_TEXT_FIELDS, toProjectData, type ForkSchema, type ProjectFields } from "./project-form";

const EDITABLE = ["title", "teamId", "launchedAt", ...PROJECT_TEXT_FIELDS] as const;
const EDITABLE_SELECT = {
  title: true,
  teamId: true,
  ...FACT_COLUMNS_SELECT,
} as const satisfies Prisma.ProjectSelect & Record<(typeof EDITABLE)[number], true>;

type Actor = { id: string; role: "admin" | "member" | "viewer" };

/** A new project at stage 1, proposed by the actor; its key is the next number. A fork names its parent. */
export type ProjectWriteRefusal = Refusal & { status: 400; field: "teamId" };

const UNKNOWN_TEAM: ProjectWriteRefusal = {
  ok: false,
  status: 400,
  field: "teamId",
  message: "Choose a team from the list: that team does not exist or is archived.",
};

/**
 * A team named by a form must exist and be open when the write happens (checked in the writing
 * transaction); a project already in a team that was archived since may stay in it.
 */
async function teamMissing(tx: Tx, teamId: string | null | undefined, currentTeamId?: string | null): Promise<boolean> {
  if (!teamId) return false;
  // No id holds a NUL character, and PostgreSQL cannot even compare one.
  if (teamId.includes("\u0000")) return true;
  const team = await tx.team.findUnique({ where: { id: teamId }, select: { id: true, archivedAt: true } });
  return team === null || (team.archivedAt !== null && teamId !== currentTeamId);
}

export async function createProject(
  db: Db,
  actor: Actor,
  fields: ProjectFields,
  parent?: { id: string; key: string },
): Promise<{ ok: true; id: string; key: string } | ProjectWriteRefusal> {
  const data = toProjectData(fields);
  // Two creators racing for the same number: the unique index (or the write lock) refuses one, which retries.
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.$transaction(async (tx) => {
        if (await teamMissing(tx, data.teamId)) return UNKNOWN_TEAM;
        const last = await tx.project.findFirst({ orderBy: { number: "desc" }, select: { number: true } });
        const number = (last?.number ?? 0) + 1;
        const project = await tx.project.create({
          data: { ...data, number, key: `GP-${number}`, proposerId: actor.id, parentId: parent?.id ?? null },
          select: { id: true, key: true },
        });
        await writeAudit(tx, {
          actorId: actor.id,
          projectId: project.id,
          entity: "project",
          entityId: project.id,
          action: parent ? "project.forked" : "project.created",
          data: { title: data.title, toVersion: 1, parent: parent?.key },
        });
        await projectCreated(tx, { projectId: project.id, actorId: actor.id });
        if (parent) {
          await writeAudit(tx, {
            actorId: actor.id,
            projectId: parent.id,
            entity: "project",
            entityId: parent.id,
            action: "project.fork_created",
            data: { fork: project.key, title: data.title },
          });
        }
        await refreshGateStatus(tx, [project.id]);
        return { ok: true as const, ...project };
      });
    } catch (error) {
      if (attempt < 8 && ((error as { code?: string }).code === "P2002" || isBusyError(error))) {
        // Back off a little, at random, so the winner can commit before the next try.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 25 * (attempt + 1)));
        continue;
      }
      throw error;
    }
  }
}

export type ProjectChange = { at: string; actor: string | null; action: string; changes: { field: string; before: unknown; after: unknown }[] };

/**
 * Saves the edited facts only if nobody saved since `expectedVersion`; otherwise nothing is
 * written and the changes made since that version are returned so the editor can see them.
 */
export async function updateProject(db: Db, actor: Actor, projectId: string, expectedVersion: number, fields: ProjectFields) {
  const data = toProjectData(fields);
  return db.$transaction(async (tx) => {
    const found = await tx.project.findUnique({ where: { id: projectId }, select: { id: true, version: true, ...EDITABLE_SELECT, ...PROJECT_PEOPLE } });
    if (!found) return { ok: false as const, reason: "not_found" as const };
    if (!canOnProject(actor, found, "edit_facts"))
      return { ok: false as const, reason: "forbidden" as const, message: `Only ${whoMay("edit_facts")} edit its facts.` };
    const { ownerId: _owner, proposerId: _proposer, roles: _roles, ...current } = found;
    if (await teamMissing(tx, data.teamId, current.teamId)) return { ...UNKNOWN_TEAM, reason: "invalid" as const };
    if (current.version !== expectedVersion) {
      return { ok: false as const, reason: "conflict" as const, since: await changesSince(tx, projectId, expectedVersion), currentVersion: current.version };
    }
    const { id: _id, version: _version, ...before } = current;
    const changes = diffFields<Record<string, string | Date | null>>(before, data, EDITABLE);
    if (changes.length === 0) return { ok: true as const, version: current.version, changed: 0 };
    const { count } = await tx.project.updateMany({ where: { id: projectId, version: expectedVersion }, data: { ...data, version: { increment: 1 } } });
    if (count !== 1)
      return {
        ok: false as const,
        reason: "conflict" as const,
        since: await changesSince(tx, projectId, expectedVersion),
        currentVersion: expectedVersion + 1,
      };
    await writeAudit(tx, {
      actorId: actor.id,
      projectId,
      entity: "project",
      entityId: projectId,
      action: "project.updated",
      data: { fromVersion: expectedVersion, toVersion: expectedVersion + 1, changes } as Prisma.InputJsonValue,
    });
    await refreshGateStatus(tx, [projectId]);
    return { ok: true as const, version: expectedVersion + 1, changed: changes.length };
  });
}

/** Audit events that moved the project past `version`: edits (with their field changes) and gate decisions. */
async function changesSince(tx: Tx, projectId: string, version: number): Promise<ProjectChange[]> {
  const events = await tx.auditEvent.findMany({
    where: { projectId, entity: { in: ["project", "gate_review"] } },
    orderBy: { id: "desc" },
    take: 50,
    select: { at: true, actorId: true, action: true, data: true },
  });
  const names = new Map(
    (
      await tx.user.findMany({
        where: { id: { in: events.map((e) => e.actorId).filter((id): id is string => Boolean(id)) } },
        select: { id: true, name: true },
      })
    ).map((u) => [u.id, u.name]),
  );
  return events
    .filter((e) => {
      const d = e.data as { fromVersion?: number } | null;
      return typeof d?.fromVersion === "number" && d.fromVersion >= version;
    })
    .reverse()
    .map((e) => ({
      at: e.at.toISOString(),
      actor: e.actorId ? (names.get(e.actorId) ?? null) : null,
      action: e.action,
      changes: ((e.data as { changes?: ProjectChange["changes"] }).changes ?? []).map((c) => ({ ...c })),
    }));
}

export async function getProjectForEdit(db: Db, key: string) {
  return db.project.findUnique({
    where: { key },
    select: {
      id: true,
      key: true,
      version: true,
      ...PROJECT_PEOPLE,
      ...EDITABLE_SELECT,
    },
  });
}

/** Every team, archived ones included (filters and history read them). */
export function listTeams(db: Db) {
  return db.team.findMany({ orderBy: { name: "asc" }, select: { id: true, slug: true, name: true } });
}

/** The teams a project can be put in: open ones, and the project's own team even if archived since. */
export function listOpenTeams(db: Db, keepTeamId?: string | null) {
  return db.team.findMany({
    where: { OR: [{ archivedAt: null }, ...(keepTeamId ? [{ id: keepTeamId }] : [])] },
    orderBy: { name: "asc" },
    select: { id: true, slug: true, name: true },
  });
}

/** From Plan, scope that is cut becomes a new stage-1 project linked to its parent. */
export async function forkProject(db: Db, actor: Actor, parentId: string, fields: z.infer<typeof ForkSchema>) {
  const parent = await db.project.findUnique({
    where: { id: parentId },
    select: { id: true, key: true, stage: true, status: true, ...PROJECT_PEOPLE },
  });
  if (!parent) return { ok: false as const, status: 404 as const, message: "No such project." };
  // Forking cut scope is part of the plan.
  if (!canOnProject(actor, parent, "edit_plan")) {
    return { ok: false as const, status: 403 as const, message: `Only ${whoMay("edit_plan")} can fork it.` };
  }
  if (!stageDefinition(parent.stage).forkable || parent.status !== "active") {
    return { ok: false as const, status: 400 as const, message: `Scope is forked from an active project in ${STAGE_NAMES[PLAN_STAGE]}.` };
  }
  const { intent: _intent, ...rest } = fields;
  const fork = await createProject(db, actor, { ...rest, teamId: parent.teamId ?? undefined }, parent);
  if (!fork.ok) return fork;
  return { ok: true as const, key: fork.key };
}

/** A project by its key as given in a URL (GP-12; anything else finds nothing), with who may change it. */
export async function projectAccessByKey(db: Db, key: string | undefined) {
  if (!key || !/^GP-\d{1,9}$/.test(key)) return null;
  const project = await db.project.findUnique({
    where: { key },
    select: { id: true, key: true, title: true, stage: true, ...PROJECT_PEOPLE },
  });
  return project;
}

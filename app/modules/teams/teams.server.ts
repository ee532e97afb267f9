// Teams (issue 12, item 3): administrators create, rename and archive them, and choose each
// team's members and gatekeepers. Gatekeepers (with administrators) name the deciders of the
// team's projects (authorize.ts, deciderRefusal). Every change is one audited transaction.
import { writeAudit } from "~/modules/audit/audit.server";
import { can, type Person } from "~/modules/people/authorize";
import { refuse, type Result } from "~/modules/result";
import type { Db, Tx } from "~/utils/db.server";
import { teamSlug, type TeamRole } from "./team-form";

const FORBIDDEN = "Only administrators manage teams.";
const NO_TEAM = "There is no such team.";

/** Every team with its counts, open ones first. */
export async function listTeamsWithCounts(db: Db) {
  const teams = await db.team.findMany({
    orderBy: [{ archivedAt: { sort: "asc", nulls: "first" } }, { name: "asc" }],
    select: {
      id: true,
      slug: true,
      name: true,
      archivedAt: true,
      _count: { select: { projects: { where: { status: "active" } } } },
      members: { select: { role: true } },
    },
  });
  return teams.map(({ _count, members, ...t }) => ({
    ...t,
    activeProjects: _count.projects,
    members: members.length,
    gatekeepers: members.filter((m) => m.role === "gatekeeper").length,
  }));
}

/** One team, its people, and the active people who could join it. */
export async function getTeam(db: Db, slug: string) {
  const team = await db.team.findUnique({
    where: { slug },
    select: {
      id: true,
      slug: true,
      name: true,
      archivedAt: true,
      members: {
        orderBy: [{ role: "asc" }, { user: { name: "asc" } }],
        select: { role: true, user: { select: { id: true, name: true, email: true, role: true, deactivatedAt: true } } },
      },
    },
  });
  if (!team) return null;
  const memberIds = team.members.map((m) => m.user.id);
  const candidates = await db.user.findMany({
    where: { deactivatedAt: null, id: { notIn: memberIds } },
    orderBy: { name: "asc" },
    select: { id: true, name: true, email: true },
  });
  return { team, candidates };
}

async function uniqueSlug(tx: Tx, name: string): Promise<string> {
  const base = teamSlug(name);
  for (let n = 1; ; n++) {
    const slug = n === 1 ? base : `${base}-${n}`;
    if (!(await tx.team.findUnique({ where: { slug }, select: { id: true } }))) return slug;
  }
}

async function nameTaken(tx: Tx, name: string, exceptId?: string) {
  const same = await tx.team.findMany({ where: { id: exceptId ? { not: exceptId } : undefined }, select: { name: true } });
  return same.some((t) => t.name.toLowerCase() === name.toLowerCase());
}

export async function createTeam(db: Db, actor: Person, input: { name: string }): Promise<Result<{ slug: string }>> {
  if (!can(actor.role, "team:manage")) return refuse(403, FORBIDDEN);
  return db.$transaction(async (tx) => {
    if (await nameTaken(tx, input.name)) return refuse(409, `There is already a team called ${input.name}.`, "name");
    const team = await tx.team.create({ data: { name: input.name, slug: await uniqueSlug(tx, input.name) }, select: { id: true, slug: true } });
    await writeAudit(tx, { actorId: actor.id, entity: "team", entityId: team.id, action: "team.created", data: { name: input.name, slug: team.slug } });
    return { ok: true as const, slug: team.slug };
  });
}

/** Renaming keeps the team's address (its slug), so links to it keep working. */
export async function renameTeam(db: Db, actor: Person, teamId: string, input: { name: string }): Promise<Result> {
  if (!can(actor.role, "team:manage")) return refuse(403, FORBIDDEN);
  return db.$transaction(async (tx) => {
    const team = await tx.team.findUnique({ where: { id: teamId }, select: { id: true, name: true } });
    if (!team) return refuse(404, NO_TEAM);
    if (team.name === input.name) return { ok: true as const };
    if (await nameTaken(tx, input.name, team.id)) return refuse(409, `There is already a team called ${input.name}.`, "name");
    await tx.team.update({ where: { id: team.id }, data: { name: input.name } });
    await writeAudit(tx, { actorId: actor.id, entity: "team", entityId: team.id, action: "team.renamed", data: { before: team.name, after: input.name } });
    return { ok: true as const };
  });
}

/** An archived team keeps its projects and history; it takes no new projects. */
export async function setTeamArchived(db: Db, actor: Person, teamId: string, archived: boolean, now = new Date()): Promise<Result> {
  if (!can(actor.role, "team:manage")) return refuse(403, FORBIDDEN);
  return db.$transaction(async (tx) => {
    const team = await tx.team.findUnique({ where: { id: teamId }, select: { id: true, archivedAt: true } });
    if (!team) return refuse(404, NO_TEAM);
    if ((team.archivedAt !== null) === archived) return { ok: true as const };
    await tx.team.update({ where: { id: team.id }, data: { archivedAt: archived ? now : null } });
    await writeAudit(tx, { actorId: actor.id, entity: "team", entityId: team.id, action: archived ? "team.archived" : "team.unarchived" });
    return { ok: true as const };
  });
}

async function openTeam(tx: Tx, teamId: string) {
  const team = await tx.team.findUnique({ where: { id: teamId }, select: { id: true, archivedAt: true } });
  if (!team) return refuse(404, NO_TEAM);
  if (team.archivedAt) return refuse(409, "The team is archived: reopen it to change its people.");
  return null;
}

/** Why `teamId` takes no one in as `role` now (a closed team, a viewer as gatekeeper), or null; inside the caller's transaction. */
export async function teamRefusal(tx: Tx, teamId: string, person: { name: string; role: string }, role: TeamRole) {
  const closed = await openTeam(tx, teamId);
  if (closed) return closed;
  if (role === "gatekeeper" && person.role === "viewer") return refuse(400, `${person.name} is a viewer and cannot be a gatekeeper.`, "role");
  return null;
}

/** Puts a person in a team, with its audit event, inside the caller's transaction (after teamRefusal). */
export async function joinTeam(tx: Tx, actor: Person, teamId: string, person: { id: string; name: string }, role: TeamRole) {
  const row = await tx.teamMember.create({ data: { teamId, userId: person.id, role }, select: { id: true } });
  await writeAudit(tx, {
    actorId: actor.id,
    entity: "team",
    entityId: teamId,
    action: "team.member_added",
    data: { memberId: row.id, userId: person.id, name: person.name, role },
  });
}

export async function addTeamMember(db: Db, actor: Person, teamId: string, input: { userId: string; role: TeamRole }): Promise<Result> {
  if (!can(actor.role, "team:manage")) return refuse(403, FORBIDDEN);
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: input.userId }, select: { id: true, name: true, role: true, deactivatedAt: true } });
    const closed = await openTeam(tx, teamId);
    if (closed) return closed;
    if (!user || user.deactivatedAt) return refuse(400, "Choose a person from the list.", "userId");
    const refused = await teamRefusal(tx, teamId, user, input.role);
    if (refused) return refused;
    if (await tx.teamMember.findUnique({ where: { teamId_userId: { teamId, userId: user.id } }, select: { id: true } })) {
      return refuse(409, `${user.name} is already in this team.`, "userId");
    }
    await joinTeam(tx, actor, teamId, user, input.role);
    return { ok: true as const };
  });
}

export async function setTeamMemberRole(db: Db, actor: Person, teamId: string, input: { userId: string; role: TeamRole }): Promise<Result> {
  if (!can(actor.role, "team:manage")) return refuse(403, FORBIDDEN);
  return db.$transaction(async (tx) => {
    const closed = await openTeam(tx, teamId);
    if (closed) return closed;
    const member = await tx.teamMember.findUnique({
      where: { teamId_userId: { teamId, userId: input.userId } },
      select: { id: true, role: true, user: { select: { name: true, role: true } } },
    });
    if (!member) return refuse(404, "That person is no longer in this team.");
    if (member.role === input.role) return { ok: true as const };
    if (input.role === "gatekeeper" && member.user.role === "viewer") return refuse(400, `${member.user.name} is a viewer and cannot be a gatekeeper.`, "role");
    await tx.teamMember.update({ where: { id: member.id }, data: { role: input.role } });
    await writeAudit(tx, {
      actorId: actor.id,
      entity: "team",
      entityId: teamId,
      action: "team.member_role",
      data: { userId: input.userId, before: member.role, after: input.role },
    });
    return { ok: true as const };
  });
}

/** Leaving a team does not take anyone off a project: deciders named by a gatekeeper stay named. */
export async function removeTeamMember(db: Db, actor: Person, teamId: string, userId: string): Promise<Result> {
  if (!can(actor.role, "team:manage")) return refuse(403, FORBIDDEN);
  return db.$transaction(async (tx) => {
    const closed = await openTeam(tx, teamId);
    if (closed) return closed;
    const member = await tx.teamMember.findUnique({ where: { teamId_userId: { teamId, userId } }, select: { id: true, role: true } });
    if (!member) return refuse(404, "That person is no longer in this team.");
    await tx.teamMember.delete({ where: { id: member.id } });
    await writeAudit(tx, { actorId: actor.id, entity: "team", entityId: teamId, action: "team.member_removed", data: { userId, role: member.role } });
    return { ok: true as const };
  });
}

/** Whether a person is a gatekeeper of a project's team (an archived team's gatekeepers no longer are). */
/** The open teams `userId` is a gatekeeper of: for deciding over many projects at once (the table). */
export async function gatekeeperTeamIds(db: Db | Tx, userId: string): Promise<Set<string>> {
  const rows = await db.teamMember.findMany({ where: { userId, role: "gatekeeper", team: { archivedAt: null } }, select: { teamId: true } });
  return new Set(rows.map((r) => r.teamId));
}

export async function isGatekeeperOf(db: Db | Tx, userId: string, teamId: string | null): Promise<boolean> {
  if (!teamId) return false;
  const row = await db.teamMember.findFirst({ where: { teamId, userId, role: "gatekeeper", team: { archivedAt: null } }, select: { id: true } });
  return row !== null;
}

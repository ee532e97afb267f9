// People of the workspace (issue 12): administrators invite them (an account and a one-time
// sign-up link to hand over), change their role, deactivate and reactivate them. Deactivating
// ends every session and revokes every API token of that person in the same transaction. The
// workspace never loses its last active administrator.
import { writeAudit } from "~/modules/audit/audit.server";
import { refreshGateStatus, voidLostSignatures } from "~/modules/lifecycle/gate.server";
import type { UserRole } from "~/modules/lifecycle/stages";
import { refuse, type Result } from "~/modules/result";
import type { Db, Tx } from "~/utils/db.server";
import { can, type Person } from "./authorize";
import { hashPassword } from "./password.server";
import { organisationName } from "./organisation.server";
import { passwordProblem } from "./password-policy.server";
import { randomSecret, sha256Hex } from "~/utils/hash.server";

import { INVITE_DAYS, RESET_HOURS } from "./people-form";
import { joinTeam, teamRefusal } from "~/modules/teams/teams.server";
import type { TeamRole } from "~/modules/teams/team-form";
export { INVITE_DAYS, RESET_HOURS };
const DAY_MS = 86_400_000;
const FORBIDDEN = "Only administrators manage people.";
const LAST_ADMIN = "The workspace needs an active administrator: make someone else an administrator first.";

/** Everyone, active first, for the people page. */
export function listPeople(db: Db) {
  return db.user.findMany({
    orderBy: [{ deactivatedAt: { sort: "asc", nulls: "first" } }, { name: "asc" }],
    select: {
      id: true,
      name: true,
      email: true,
      role: true,
      deactivatedAt: true,
      createdAt: true,
      userTokens: { where: { kind: "invite", usedAt: null }, select: { expiresAt: true }, orderBy: { createdAt: "desc" }, take: 1 },
    },
  });
}

/** Creates the account (no usable password yet) and a sign-up link; the secret is in the result only. */
export async function invitePerson(
  db: Db,
  actor: Person,
  input: { email: string; name: string; role: UserRole; teamId?: string; teamRole?: TeamRole },
  now = new Date(),
): Promise<Result<{ userId: string; token: string; team: string | null }>> {
  if (!can(actor.role, "user:manage")) return refuse(403, FORBIDDEN);
  const token = randomSecret();
  // Nobody knows this password: the account is usable only through the link.
  const passwordHash = await hashPassword(randomSecret());
  return db.$transaction(async (tx) => {
    if (await tx.user.findUnique({ where: { email: input.email }, select: { id: true } })) {
      return refuse(409, `${input.email} already has an account.`, "email");
    }
    // The team is checked before anything is written: a refused team leaves no half-made account.
    const teamRole = input.teamRole ?? "member";
    if (input.teamId) {
      const refused = await teamRefusal(tx, input.teamId, input, teamRole);
      if (refused)
        return refused.status === 404
          ? refuse(400, "Choose a team from the list.", "teamId")
          : { ...refused, field: refused.field === "role" ? "teamRole" : "teamId" };
    }
    const user = await tx.user.create({ data: { email: input.email, name: input.name, role: input.role, passwordHash }, select: { id: true } });
    const team = input.teamId ? await tx.team.findUnique({ where: { id: input.teamId }, select: { name: true } }) : null;
    if (input.teamId) await joinTeam(tx, actor, input.teamId, { id: user.id, name: input.name }, teamRole);
    await tx.userToken.create({
      data: { userId: user.id, kind: "invite", tokenHash: sha256Hex(token), expiresAt: new Date(now.getTime() + INVITE_DAYS * DAY_MS), createdById: actor.id },
    });
    await writeAudit(tx, { actorId: actor.id, entity: "user", entityId: user.id, action: "user.invited", data: { email: input.email, role: input.role } });
    return { ok: true as const, userId: user.id, token, team: team?.name ?? null };
  });
}

const LINK_KINDS = ["invite", "reset"] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

const BAD_LINK = "This link does not work: it was used, it expired, or it is not the whole link. Ask an administrator for a new one.";

/** The person behind a one-time link (an invitation or a password reset) that still works, or null. */
export async function oneTimeLink(db: Db | Tx, token: string, now = new Date()) {
  const row = await db.userToken.findUnique({
    where: { tokenHash: sha256Hex(token) },
    select: { id: true, kind: true, usedAt: true, expiresAt: true, user: { select: { id: true, name: true, email: true, deactivatedAt: true } } },
  });
  if (!row || !(LINK_KINDS as readonly string[]).includes(row.kind) || row.usedAt || row.expiresAt <= now || row.user.deactivatedAt) return null;
  return { tokenId: row.id, kind: row.kind as LinkKind, user: row.user };
}

/**
 * The person chooses their password with a one-time link, and the link is spent. An invitation
 * also takes their name as they write it; a reset ends every session they had.
 */
export async function followLink(db: Db, input: { token: string; name?: string; password: string }, now = new Date()): Promise<Result<{ userId: string }>> {
  const found = await oneTimeLink(db, input.token, now);
  if (!found) return refuse(400, BAD_LINK);
  if (found.kind === "invite" && !input.name) return refuse(400, "Give your name", "name");
  const organisation = await organisationName(db);
  const problem = passwordProblem(input.password, { email: found.user.email, name: input.name ?? found.user.name, organisation });
  if (problem) return refuse(400, problem, "password");
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    // Spent only where still unspent: a second tab or a replay finds nothing to spend.
    const spent = await tx.userToken.updateMany({ where: { id: found.tokenId, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
    if (spent.count !== 1) return refuse(400, BAD_LINK);
    const userId = found.user.id;
    if (found.kind === "invite") {
      await tx.user.update({ where: { id: userId }, data: { passwordHash, name: input.name } });
      await writeAudit(tx, { actorId: userId, entity: "user", entityId: userId, action: "user.joined", data: { email: found.user.email } });
    } else {
      await tx.user.update({ where: { id: userId }, data: { passwordHash } });
      const ended = await tx.session.deleteMany({ where: { userId } });
      await writeAudit(tx, { actorId: userId, entity: "user", entityId: userId, action: "user.password_reset", data: { sessionsEnded: ended.count } });
    }
    return { ok: true as const, userId };
  });
}

/** A password-reset link for an active person, replacing any earlier unused one; the secret is in the result only. */
export async function issuePasswordReset(
  db: Db,
  actor: Person,
  userId: string,
  now = new Date(),
): Promise<Result<{ token: string; name: string; email: string }>> {
  if (!can(actor.role, "user:manage")) return refuse(403, FORBIDDEN);
  const token = randomSecret();
  return db.$transaction(async (tx) => {
    const person = await tx.user.findUnique({ where: { id: userId }, select: { id: true, name: true, email: true, deactivatedAt: true } });
    if (!person) return refuse(404, "There is no such person.");
    if (person.deactivatedAt) return refuse(409, `${person.name} is deactivated: reactivate them first.`);
    await tx.userToken.updateMany({ where: { userId, kind: "reset", usedAt: null }, data: { usedAt: now } });
    await tx.userToken.create({
      data: { userId, kind: "reset", tokenHash: sha256Hex(token), expiresAt: new Date(now.getTime() + RESET_HOURS * 3_600_000), createdById: actor.id },
    });
    await writeAudit(tx, { actorId: actor.id, entity: "user", entityId: userId, action: "user.reset_link", data: { email: person.email } });
    return { ok: true as const, token, name: person.name, email: person.email };
  });
}

/** Re-judges the stored gate status of every project on which the person holds a role. */
async function refreshTheirProjects(tx: Tx, userId: string) {
  const roles = await tx.projectRole.findMany({ where: { userId }, select: { projectId: true } });
  await refreshGateStatus(tx, [...new Set(roles.map((r) => r.projectId))]);
}

/** Whether `userId` is the only active administrator. */
async function isLastAdmin(tx: Tx, userId: string) {
  const admins = await tx.user.findMany({ where: { role: "admin", deactivatedAt: null }, select: { id: true }, take: 2 });
  return admins.length === 1 && admins[0]!.id === userId;
}

export async function changeRole(db: Db, actor: Person, userId: string, role: UserRole): Promise<Result> {
  if (!can(actor.role, "user:manage")) return refuse(403, FORBIDDEN);
  return db.$transaction(async (tx) => {
    const person = await tx.user.findUnique({ where: { id: userId }, select: { id: true, role: true, email: true } });
    if (!person) return refuse(404, "There is no such person.");
    if (person.role === role) return refuse(400, `They are already ${role === "admin" ? "an administrator" : `a ${role}`}.`, "role");
    if (person.role === "admin" && (await isLastAdmin(tx, userId))) return refuse(409, LAST_ADMIN, "role");
    await tx.user.update({ where: { id: userId }, data: { role } });
    await writeAudit(tx, {
      actorId: actor.id,
      entity: "user",
      entityId: userId,
      action: "user.role_changed",
      data: { email: person.email, from: person.role, to: role },
    });
    // An administrator who signed as the organisation's gatekeeper, or a decider made a viewer, no longer counts.
    await voidLostSignatures(tx, actor.id, userId);
    return { ok: true as const };
  });
}

/**
 * Deactivates a person: their sessions end, their API tokens and unused sign-up links stop
 * working, all in this one transaction; or reactivates them (they sign in with their password).
 */
export async function setActive(db: Db, actor: Person, userId: string, active: boolean, now = new Date()): Promise<Result> {
  if (!can(actor.role, "user:manage")) return refuse(403, FORBIDDEN);
  return db.$transaction(async (tx) => {
    const person = await tx.user.findUnique({ where: { id: userId }, select: { id: true, email: true, deactivatedAt: true } });
    if (!person) return refuse(404, "There is no such person.");
    if (active === (person.deactivatedAt === null)) return refuse(409, active ? "They are already active." : "They are already deactivated.");
    if (!active && userId === actor.id) return refuse(409, "You cannot deactivate yourself: ask another administrator.");
    if (!active && (await isLastAdmin(tx, userId))) return refuse(409, LAST_ADMIN);
    if (active) {
      await tx.user.update({ where: { id: userId }, data: { deactivatedAt: null } });
      await refreshTheirProjects(tx, userId);
      await writeAudit(tx, { actorId: actor.id, entity: "user", entityId: userId, action: "user.reactivated", data: { email: person.email } });
      return { ok: true as const };
    }
    await tx.user.update({ where: { id: userId }, data: { deactivatedAt: now } });
    const sessions = await tx.session.deleteMany({ where: { userId } });
    const tokens = await tx.apiToken.updateMany({ where: { createdById: userId, revokedAt: null }, data: { revokedAt: now } });
    await tx.userToken.updateMany({ where: { userId, usedAt: null }, data: { usedAt: now } });
    // Projects they own or decide show it at once: a deactivated owner or decider no longer counts,
    // nor do their signatures on open reviews.
    await refreshTheirProjects(tx, userId);
    await voidLostSignatures(tx, actor.id, userId);
    await writeAudit(tx, {
      actorId: actor.id,
      entity: "user",
      entityId: userId,
      action: "user.deactivated",
      data: { email: person.email, sessionsEnded: sessions.count, tokensRevoked: tokens.count },
    });
    return { ok: true as const };
  });
}

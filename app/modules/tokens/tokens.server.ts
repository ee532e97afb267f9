// API tokens: created by administrators, scoped to one project or the whole organisation,
// shown once and stored as a SHA-256 hash (a random 32-byte secret needs no slow hash).
import { randomBytes } from "node:crypto";
import { writeAudit } from "~/modules/audit/audit.server";
import { refuse, type Result } from "~/modules/result";
import type { CreateToken } from "~/modules/tokens/token-form";
import type { UserRole } from "~/modules/lifecycle/stages";
import { canOnProject } from "~/modules/people/authorize";
import { PROJECT_PEOPLE } from "~/modules/people/project-people.server";
import type { Db } from "~/utils/db.server";
import { effectiveScope } from "./token-scope";
import { sha256Hex } from "~/utils/hash.server";

export type ApiToken = {
  id: string;
  prefix: string;
  projectId: string | null;
  createdById: string;
  lastUsedAt: Date | null;
  /** "read" reads the API; "write" also records metric values. */
  access: "read" | "write";
  /** The maker's account role now: a token acts with its maker's current rights (issue 23). */
  makerRole: UserRole;
};

/**
 * A new token for the organisation (scope null) or for the project with that key; the secret is
 * in the result only, never stored. An unknown project is a refusal naming the scope field.
 */
export async function createToken(db: Db, actorId: string, input: CreateToken): Promise<Result<{ id: string; secret: string; prefix: string }>> {
  const secret = `gp_${randomBytes(32).toString("base64url")}`;
  const prefix = secret.slice(0, 10);
  return db.$transaction(async (tx) => {
    const project = input.scope ? await tx.project.findUnique({ where: { key: input.scope }, select: { id: true } }) : null;
    if (input.scope && !project) return refuse(400, `There is no project ${input.scope}`, "scope");
    const projectId = project?.id ?? null;
    const token = await tx.apiToken.create({
      data: { name: input.name, tokenHash: sha256Hex(secret), prefix, projectId, createdById: actorId, scope: input.access },
      select: { id: true },
    });
    await writeAudit(tx, {
      actorId,
      projectId,
      entity: "api_token",
      entityId: token.id,
      action: "token.created",
      data: { name: input.name, prefix, access: input.access },
    });
    return { ok: true as const, id: token.id, secret, prefix };
  });
}

export async function revokeToken(db: Db, actorId: string, tokenId: string): Promise<Result> {
  return db.$transaction(async (tx) => {
    const token = await tx.apiToken.findUnique({ where: { id: tokenId }, select: { id: true, name: true, prefix: true, projectId: true, revokedAt: true } });
    if (!token) return refuse(404, "There is no such token.");
    if (token.revokedAt) return refuse(409, "This token is already revoked.");
    await tx.apiToken.update({ where: { id: tokenId }, data: { revokedAt: new Date() } });
    await writeAudit(tx, {
      actorId,
      projectId: token.projectId,
      entity: "api_token",
      entityId: token.id,
      action: "token.revoked",
      data: { name: token.name, prefix: token.prefix },
    });
    return { ok: true as const };
  });
}

/** How many projects `userId` may write values to now: those they own (or proposed, before there was an owner) or contribute to. */
function writableProjectCount(db: Db, userId: string): Promise<number> {
  return db.project.count({
    where: { OR: [{ ownerId: userId }, { ownerId: null, proposerId: userId }, { roles: { some: { userId, role: "contributor" } } }] },
  });
}

/** Every token, newest first, each with what it may write now, its maker's current rights being its own. */
export async function listTokens(db: Db) {
  const tokens = await db.apiToken.findMany({
    orderBy: [{ revokedAt: { sort: "asc", nulls: "first" } }, { createdAt: "desc" }],
    select: {
      id: true,
      name: true,
      prefix: true,
      createdAt: true,
      lastUsedAt: true,
      revokedAt: true,
      scope: true,
      project: { select: { key: true, title: true, ...PROJECT_PEOPLE } },
      createdBy: { select: { id: true, name: true, role: true, deactivatedAt: true } },
    },
  });
  // How many projects each member who made an organisation-wide token may write to now: one count per maker.
  const members = [...new Set(tokens.filter((t) => !t.project && t.createdBy.role === "member").map((t) => t.createdBy.id))];
  const writable = new Map(await Promise.all(members.map(async (id) => [id, await writableProjectCount(db, id)] as const)));
  return tokens.map(({ project, createdBy, scope: access, ...t }) => ({
    ...t,
    access,
    project: project && { key: project.key, title: project.title },
    createdBy: { name: createdBy.name },
    scope: effectiveScope({
      revoked: t.revokedAt !== null,
      access: access === "read" ? "read" : "write",
      maker: { name: createdBy.name, role: createdBy.role, deactivated: createdBy.deactivatedAt !== null },
      project: project && { key: project.key, writable: canOnProject({ id: createdBy.id, role: createdBy.role }, project, "write") },
      writableProjects: writable.get(createdBy.id) ?? 0,
    }),
  }));
}

/** The live token a request's "Authorization: Bearer …" names, or why there is none (always a 401). */
export async function authenticate(db: Db, header: string | null): Promise<{ ok: true; token: ApiToken } | { ok: false; message: string }> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  if (!match) return { ok: false, message: 'Send an API token as "Authorization: Bearer <token>".' };
  const token = await db.apiToken.findUnique({
    where: { tokenHash: sha256Hex(match[1]!) },
    select: {
      id: true,
      prefix: true,
      projectId: true,
      createdById: true,
      revokedAt: true,
      lastUsedAt: true,
      scope: true,
      createdBy: { select: { role: true, deactivatedAt: true } },
    },
  });
  if (!token) return { ok: false, message: "This API token is not valid." };
  if (token.revokedAt) return { ok: false, message: "This API token was revoked." };
  if (token.createdBy.deactivatedAt) return { ok: false, message: "The person who made this API token is deactivated; it no longer opens the API." };
  return {
    ok: true,
    token: {
      id: token.id,
      prefix: token.prefix,
      projectId: token.projectId,
      createdById: token.createdById,
      lastUsedAt: token.lastUsedAt,
      access: token.scope === "read" ? "read" : "write",
      makerRole: token.createdBy.role,
    },
  };
}

/**
 * Notes that a token was used, after a request it authenticated succeeded (a refused request
 * writes nothing). Kept to the minute, so a busy token does not write on every request.
 */
export async function markTokenUsed(db: Db, token: ApiToken, now = new Date()): Promise<void> {
  if (token.lastUsedAt && now.getTime() - token.lastUsedAt.getTime() <= 60_000) return;
  await db.apiToken.updateMany({ where: { id: token.id, revokedAt: null }, data: { lastUsedAt: now } });
}

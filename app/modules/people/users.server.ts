import crypto from "node:crypto";
import type { Db } from "~/utils/db.server";
import { writeAudit } from "~/modules/audit/audit.server";
import { hashPassword, verifyPassword } from "./password.server";
import { organisationName } from "./organisation.server";
import { passwordProblem } from "./password-policy.server";
import { refuse, type Result } from "~/modules/result";

// An unknown or deactivated address is verified against this hash, made with the same
// parameters as every account's, so both paths do the same work and take the same time.
// It is made once, ahead of the first sign-in, so that attempt is not slower either.
let dummyHash: Promise<string> | undefined;
export function loginDummyHash(): Promise<string> {
  dummyHash ??= hashPassword(crypto.randomBytes(24).toString("base64"));
  return dummyHash;
}

/** The active user with this email and password, or null. Exactly one argon2 verify either way. */
export async function verifyLogin(db: Db, email: string, password: string) {
  const user = await db.user.findUnique({ where: { email: email.toLowerCase() } });
  const active = user && !user.deactivatedAt ? user : null;
  const matches = await verifyPassword(active ? active.passwordHash : await loginDummyHash(), password);
  return active && matches ? active : null;
}

export type CreateAdminResult = Result<{ id: string }>;
type AdminInput = { email: string; name: string; password: string; organisation?: string | null };

/** The checked fields of a new administrator, with the password hashed (argon2id), or the field that is wrong. */
export async function administratorFields(input: AdminInput): Promise<Result<{ email: string; name: string; passwordHash: string }>> {
  const email = input.email.trim().toLowerCase();
  const name = input.name.trim();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 254) return refuse(400, "Give a valid email address.", "email");
  if (name.length === 0 || name.length > 120) return refuse(400, "Give a name of 1 to 120 characters.", "name");
  const problem = passwordProblem(input.password, { email, name, organisation: input.organisation });
  if (problem) return refuse(400, problem, "password");
  return { ok: true, email, name, passwordHash: await hashPassword(input.password) };
}

/** Creates an administrator (the first one of an empty workspace, from the command line), audited. */
export async function createAdministrator(db: Db, input: AdminInput): Promise<CreateAdminResult> {
  const organisation = await organisationName(db);
  const fields = await administratorFields({ organisation, ...input });
  if (!fields.ok) return fields;
  const { email, name, passwordHash } = fields;
  return db.$transaction(async (tx) => {
    if (await tx.user.findUnique({ where: { email }, select: { id: true } })) return refuse(409, `${email} already has an account.`, "email");
    const user = await tx.user.create({ data: { email, name, passwordHash, role: "admin" }, select: { id: true } });
    await writeAudit(tx, { actorId: null, entity: "user", entityId: user.id, action: "user.created", data: { email, role: "admin", via: "command line" } });
    return { ok: true as const, id: user.id };
  });
}

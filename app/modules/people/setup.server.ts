// First start without the demo (issue 12): an empty workspace is set up once, in the browser, by
// whoever holds the setup token the server printed at start (as Grafana and Gitea do). The token
// is kept only as its SHA-256; setting up clears it in the same transaction that creates the
// first administrator, so a reused token, a second tab or two people at once get a refusal.
import { writeAuditMany } from "~/modules/audit/audit.server";
import { refuse, type Result } from "~/modules/result";
import { isBusyError, type Db } from "~/utils/db.server";
import type { SetupInput } from "./setup-form";
import { administratorFields } from "./users.server";
import { randomSecret, sha256Hex } from "~/utils/hash.server";

/** Whether the workspace still needs its first administrator. */
export async function needsSetup(db: Db): Promise<boolean> {
  return (await db.user.count({ where: { role: "admin" } })) === 0;
}

/**
 * A new setup token for an empty workspace (or the one given, for automated installs), stored as
 * its hash; each start replaces the last one. Null once an administrator exists.
 */
export async function issueSetupToken(db: Db, given?: string): Promise<string | null> {
  if (!(await needsSetup(db))) return null;
  const token = given ?? randomSecret();
  const setupTokenHash = sha256Hex(token);
  await db.workspace.upsert({ where: { id: 1 }, create: { id: 1, setupTokenHash }, update: { setupTokenHash } });
  return token;
}

/** Creates the organisation's first administrator and names the workspace, once, for the holder of the token. */
export async function completeSetup(db: Db, input: SetupInput): Promise<Result<{ userId: string }>> {
  const fields = await administratorFields(input);
  if (!fields.ok) return fields;
  const presented = sha256Hex(input.token);
  try {
    return await claimAndCreate(db, input, fields, presented);
  } catch (error) {
    // Two setups at once from two connections: the database let one through; the other is told.
    if (isBusyError(error)) return refuse(409, "Someone else is setting up this workspace at this moment: reload the page.");
    throw error;
  }
}

async function claimAndCreate(
  db: Db,
  input: SetupInput,
  fields: { email: string; name: string; passwordHash: string },
  presented: string,
): Promise<Result<{ userId: string }>> {
  return db.$transaction(async (tx) => {
    if ((await tx.user.count({ where: { role: "admin" } })) > 0) return refuse(409, "This workspace is already set up: sign in instead.");
    if (await tx.user.findUnique({ where: { email: fields.email }, select: { id: true } }))
      return refuse(409, `${fields.email} already has an account.`, "email");
    // Clearing the hash only where it still matches is what makes the token good for one setup;
    // nothing is written before it, so a refusal here leaves the workspace as it was.
    const claimed = await tx.workspace.updateMany({ where: { id: 1, setupTokenHash: presented }, data: { setupTokenHash: null, name: input.organisation } });
    if (claimed.count !== 1) return refuse(400, "That is not the setup token this server printed at its last start.", "token");
    const user = await tx.user.create({
      data: { email: fields.email, name: fields.name, passwordHash: fields.passwordHash, role: "admin" },
      select: { id: true },
    });
    await writeAuditMany(tx, [
      { actorId: user.id, entity: "workspace", entityId: "1", action: "workspace.set_up", data: { organisation: input.organisation } },
      { actorId: user.id, entity: "user", entityId: user.id, action: "user.created", data: { email: fields.email, role: "admin", via: "setup page" } },
    ]);
    return { ok: true as const, userId: user.id };
  });
}

// The organisation's name (the one Workspace row): what a password is measured against and what
// emails are signed with.
import type { Db, Tx } from "~/utils/db.server";

/** The organisation's name, or null before the workspace has one. */
export async function organisationName(db: Db | Tx): Promise<string | null> {
  return (await db.workspace.findUnique({ where: { id: 1 }, select: { name: true } }))?.name || null;
}

import type { UserRole } from "~/modules/lifecycle/stages";
import type { Db } from "~/utils/db.server";
import { hashPassword, verifyPassword } from "./password.server";

// Verifying against a real hash when the email is unknown keeps response times alike.
let dummyHash: Promise<string> | undefined;

/** The active user with this email and password, or null. */
export async function verifyLogin(db: Db, email: string, password: string) {
  const user = await db.user.findUnique({ where: { email: email.toLowerCase() } });
  if (!user || user.deactivatedAt) {
    dummyHash ??= hashPassword("not-a-real-password");
    await verifyPassword(await dummyHash, password);
    return null;
  }
  return (await verifyPassword(user.passwordHash, password)) ? user : null;
}

/** Active people by name, for the pickers of roles, owners and milestones (raw: pages read it on every request, decision 24). */
export function listUsers(db: Db) {
  return db.$queryRaw<{ id: string; name: string; email: string; role: UserRole }[]>`
    SELECT u."id", u."name", u."email", u."role" FROM "User" u WHERE u."deactivatedAt" IS NULL ORDER BY u."name"`;
}

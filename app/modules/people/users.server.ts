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

export function listUsers(db: Db) {
  return db.user.findMany({
    where: { deactivatedAt: null },
    select: { id: true, name: true, email: true, role: true },
    orderBy: { name: "asc" },
  });
}

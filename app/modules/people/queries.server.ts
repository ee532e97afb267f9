// Every raw SQL read of the people domain, in one place: the pickers' list of active people and
// a person's preferences, which pages read on every request. Rows are parsed where they arrive.
import { Prisma } from "~/generated/prisma/client";
import type { Db } from "~/utils/db.server";
import { col, queryRows } from "~/utils/rows.server";
import { z } from "zod";
import { USER_ROLES } from "~/modules/lifecycle/stages";

/** Active people by name, for the pickers of roles, owners and milestones. */
export function listUsers(db: Db) {
  return queryRows(
    db,
    z.object({ id: col.text, name: col.text, email: col.text, role: col.oneOf(USER_ROLES) }),
    Prisma.sql`SELECT u."id", u."name", u."email", u."role" FROM "User" u WHERE u."deactivatedAt" IS NULL ORDER BY u."name"`,
  );
}

/** One of the person's preferences, or null. */
export async function getPreference(db: Db, userId: string, key: string): Promise<unknown> {
  const [row] = await queryRows(
    db,
    z.object({ value: col.json }),
    Prisma.sql`SELECT p."value" FROM "UserPreference" p WHERE p."userId" = ${userId} AND p."key" = ${key}`,
  );
  return row?.value ?? null;
}

/** Several of the person's preferences in one statement (the root reads two on every page), by key. */
export async function getPreferences(db: Db, userId: string, keys: readonly string[]): Promise<Map<string, unknown>> {
  const rows = await queryRows(
    db,
    z.object({ key: col.text, value: col.json }),
    Prisma.sql`SELECT p."key", p."value" FROM "UserPreference" p WHERE p."userId" = ${userId} AND p."key" IN (${Prisma.join(keys)})`,
  );
  return new Map(rows.map((r) => [r.key, r.value]));
}

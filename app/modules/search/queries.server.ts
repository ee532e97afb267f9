// The global search (issue 13, item 7): projects, artifacts, metrics and people whose name holds
// the words typed, a few of each, newest first where it matters. Case-insensitive LIKE with the
// wildcards of the text taken literally, as the table's filter does; each a statement over a
// bounded number of rows.
import { Prisma } from "~/generated/prisma/client";
import { STAGES } from "~/modules/lifecycle/stages";
import { escapeLike } from "~/modules/projects/queries.server";
import type { Db } from "~/utils/db.server";
import { dialectOf } from "~/utils/dialect.server";
import { col, queryRows } from "~/utils/rows.server";
import { z } from "zod";

/** How many of each kind a search shows. */
export const SEARCH_LIMIT = 8;

export async function searchEverything(db: Db, text: string, limit = SEARCH_LIMIT) {
  const q = text.trim().slice(0, 200);
  if (!q) return null;
  const like = `%${escapeLike(q)}%`;
  const d = dialectOf(db);
  const match = (column: Prisma.Sql) => d.matches(column, like);
  const [projects, artifacts, metrics, people] = await Promise.all([
    queryRows(
      db,
      z.object({ key: col.text, title: col.text, stage: col.oneOf(STAGES), status: col.text }),
      Prisma.sql`
      SELECT p."key", p."title", p."stage", p."status" FROM "Project" p
      WHERE ${match(Prisma.sql`p."title"`)} OR ${match(Prisma.sql`p."customer"`)} OR p."key" = ${q.toUpperCase()}
      ORDER BY (p."key" = ${q.toUpperCase()}) DESC, p."number" DESC LIMIT ${limit}`,
    ),
    queryRows(
      db,
      z.object({ id: col.text, title: col.text, kind: col.text, projectKey: col.text }),
      Prisma.sql`
      SELECT a."id", a."title", a."kind", p."key" AS "projectKey" FROM "Artifact" a JOIN "Project" p ON p."id" = a."projectId"
      WHERE a."state" <> 'withdrawn' AND ${match(Prisma.sql`a."title"`)} ORDER BY a."updatedAt" DESC LIMIT ${limit}`,
    ),
    queryRows(
      db,
      z.object({ id: col.text, name: col.text, projectKey: col.text }),
      Prisma.sql`
      SELECT m."id", m."name", p."key" AS "projectKey" FROM "Metric" m JOIN "Project" p ON p."id" = m."projectId"
      WHERE m."retiredAt" IS NULL AND ${match(Prisma.sql`m."name"`)} ORDER BY m."createdAt" DESC LIMIT ${limit}`,
    ),
    queryRows(
      db,
      z.object({ id: col.text, name: col.text, email: col.text }),
      Prisma.sql`
      SELECT u."id", u."name", u."email" FROM "User" u
      WHERE u."deactivatedAt" IS NULL AND (${match(Prisma.sql`u."name"`)} OR ${match(Prisma.sql`u."email"`)}) ORDER BY u."name" LIMIT ${limit}`,
    ),
  ]);
  return { q, projects, artifacts, metrics, people };
}

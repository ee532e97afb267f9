// The lessons library's SQL: a search over the lesson's text and its project's title, matched
// regardless of case on both databases (the dialect's LIKE), a page at a time, newest first.
import { Prisma } from "~/generated/prisma/client";
import { STAGES } from "~/modules/lifecycle/stages";
import { escapeLike } from "~/modules/projects/queries.server";
import type { Db } from "~/utils/db.server";
import { dialectOf } from "~/utils/dialect.server";
import { col, queryRows } from "~/utils/rows.server";
import { z } from "zod";
import type { LessonParams } from "./lesson-params";
import { LESSON_OUTCOMES } from "./retrospective";

const LessonRow = z.object({
  id: col.text,
  text: col.text,
  stage: col.oneOf(STAGES),
  outcome: col.oneOf(LESSON_OUTCOMES),
  category: col.textOrNull,
  createdAt: col.date,
  retrospectiveId: col.textOrNull,
  artifactId: col.textOrNull,
  projectKey: col.text,
  projectTitle: col.text,
  teamName: col.textOrNull,
});

/** Up to `take` lessons matching the search, skipping `skip`, newest first. */
export async function lessonRows(db: Db, params: LessonParams, skip: number, take: number) {
  const d = dialectOf(db);
  const like = params.q ? `%${escapeLike(params.q)}%` : null;
  const conditions = [
    params.stage ? Prisma.sql`l."stage" = ${params.stage}` : null,
    params.outcome ? Prisma.sql`l."outcome" = ${params.outcome}` : null,
    params.team ? Prisma.sql`l."teamId" = ${params.team}` : null,
    like ? Prisma.sql`(${d.matches(Prisma.sql`l."text"`, like)} OR ${d.matches(Prisma.sql`p."title"`, like)})` : null,
  ].filter((c): c is Prisma.Sql => c !== null);
  return queryRows(
    db,
    LessonRow,
    Prisma.sql`
    SELECT l."id", l."text", l."stage", l."outcome", l."category", l."createdAt", l."retrospectiveId", l."artifactId",
           p."key" AS "projectKey", p."title" AS "projectTitle", t."name" AS "teamName"
    FROM "Lesson" l JOIN "Project" p ON p."id" = l."projectId" LEFT JOIN "Team" t ON t."id" = l."teamId"
    ${conditions.length ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}` : Prisma.empty}
    ORDER BY l."createdAt" DESC, l."id" DESC LIMIT ${take} OFFSET ${skip}`,
  );
}

// The lessons library (issue 26, item 5): what retrospectives would do differently, each tagged
// with its stage, team and how the project went; searched in /lessons, and shown on a project's
// overview from earlier projects that stopped or recycled at the stage it is in (same team first).
import type { StageKey } from "~/modules/lifecycle/stages";
import type { Db } from "~/utils/db.server";
import { readCache } from "~/utils/read-cache.server";
import type { LessonParams } from "./lesson-params";
import { lessonRows } from "./queries.server";

export const LESSONS_PAGE = 25;

const LESSON_VIEW = {
  id: true,
  text: true,
  stage: true,
  outcome: true,
  createdAt: true,
  retrospectiveId: true,
  project: { select: { key: true, title: true, team: { select: { name: true } } } },
} as const;

/** One page of lessons matching the search, newest first, with whether there are more. */
export async function searchLessons(db: Db, params: LessonParams) {
  const rows = await lessonRows(db, params, (params.page - 1) * LESSONS_PAGE, LESSONS_PAGE + 1);
  return { lessons: rows.slice(0, LESSONS_PAGE), more: rows.length > LESSONS_PAGE };
}

const forStage = readCache<{ lessons: Awaited<ReturnType<typeof stageLessons>> }>({ max: 2_000, ttlMs: 10 * 60_000 });

async function stageLessons(db: Db, stage: StageKey, teamId: string | null, projectId: string, take: number) {
  const where = { stage, outcome: { in: ["stop", "recycle"] }, projectId: { not: projectId } };
  const mine = teamId ? await db.lesson.findMany({ where: { ...where, teamId }, orderBy: { createdAt: "desc" }, take, select: LESSON_VIEW }) : [];
  if (mine.length >= take) return mine;
  const others = await db.lesson.findMany({
    where: { ...where, ...(teamId ? { OR: [{ teamId: { not: teamId } }, { teamId: null }] } : {}) },
    orderBy: { createdAt: "desc" },
    take: take - mine.length,
    select: LESSON_VIEW,
  });
  return [...mine, ...others];
}

/**
 * The few lessons a project at `stage` should read: from earlier projects that stopped or recycled
 * at that stage, its own team's first, newest first. Kept until the data changes (decision 23).
 */
export async function lessonsAtStage(db: Db, project: { id: string; stage: StageKey; teamId: string | null }, take = 3) {
  return (
    await forStage(db, `${project.id}|${project.stage}|${project.teamId ?? ""}|${take}`, async () => ({
      lessons: await stageLessons(db, project.stage, project.teamId, project.id, take),
    }))
  ).lessons;
}

// The organisation-wide artifact library: filtered, sorted and paged in the database.
import type { Prisma } from "~/generated/prisma/client";
import type { Db } from "~/utils/db.server";
import type { LibraryParams } from "./library-params";

function where(params: LibraryParams, userId: string): Prisma.ArtifactWhereInput {
  return {
    ...(params.kind ? { kind: params.kind } : {}),
    ...(params.stage ? { stage: params.stage } : {}),
    ...(params.author ? { authorId: params.author } : {}),
    ...(params.team ? { project: { team: { slug: params.team } } } : {}),
    ...(params.q ? { title: { contains: params.q } } : {}),
    // The review queue: artifacts waiting for this user's review.
    ...(params.review === "me" ? { reviewerId: userId, state: "in_review" as const } : params.state ? { state: params.state } : {}),
  };
}

export async function listArtifacts(db: Db, params: LibraryParams, userId: string) {
  const filter = where(params, userId);
  const total = await db.artifact.count({ where: filter });
  const pages = Math.max(1, Math.ceil(total / params.size));
  const page = Math.min(params.page, pages);
  const orderBy: Prisma.ArtifactOrderByWithRelationInput[] = [
    params.sort === "updated" ? { updatedAt: params.dir } : { [params.sort]: params.dir },
    { id: "asc" },
  ];
  const rows = await db.artifact.findMany({
    where: filter,
    orderBy,
    skip: (page - 1) * params.size,
    take: params.size,
    select: {
      id: true,
      title: true,
      kind: true,
      state: true,
      stage: true,
      version: true,
      approvedVersion: true,
      checksPassed: true,
      updatedAt: true,
      author: { select: { name: true } },
      reviewer: { select: { name: true } },
      project: { select: { key: true, title: true, team: { select: { name: true } } } },
    },
  });
  return { rows, total, pages, page };
}

/** How many artifacts wait for this user's review: the badge of the queue link. */
export function reviewQueueCount(db: Db, userId: string) {
  return db.artifact.count({ where: { reviewerId: userId, state: "in_review" } });
}

export function listAuthors(db: Db) {
  return db.user.findMany({ where: { authoredArtifacts: { some: {} } }, select: { id: true, name: true }, orderBy: { name: "asc" } });
}

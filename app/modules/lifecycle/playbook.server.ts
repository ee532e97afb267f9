import { Prisma } from "~/generated/prisma/client";
import type { Db, Tx } from "~/utils/db.server";
import { DEFAULT_PLAYBOOK, parsePlaybook, retrospectivesRequired, type Playbook } from "./playbook";
import { DEFAULT_RETROSPECTIVE_REQUIRED } from "~/modules/learning/retrospective";
import { playbookToFile } from "./playbook-file";
import { newestPlaybookVersion } from "./queries.server";

type Client = Db | Tx;

// Versions never change once written, so a parsed version is cached by number.
const cache = new Map<number, Playbook>();

/** The playbook every project is judged by now: the newest version. */
export async function loadCurrentPlaybook(db: Client): Promise<Playbook> {
  // Every request that judges a gate asks this: one raw statement, then the parsed version from the cache.
  const latest = await newestPlaybookVersion(db);
  if (latest === null) throw new Error("No playbook version exists; start the app once to create the default playbook.");
  return loadPlaybookVersion(db, latest);
}

export async function loadPlaybookVersion(db: Client, version: number): Promise<Playbook> {
  const hit = cache.get(version);
  if (hit) return hit;
  const row = await db.playbookVersion.findUniqueOrThrow({
    where: { version },
    include: { stages: { include: { criteria: { orderBy: { position: "asc" } } } } },
  });
  const order = DEFAULT_PLAYBOOK.stages.map((s) => s.stage);
  const playbook = parsePlaybook({
    version: row.version,
    doneDonePeriods: row.doneDonePeriods,
    // Only when it differs from the default, so a playbook without the setting reads as it was written.
    ...(row.retrospectiveRequired === DEFAULT_RETROSPECTIVE_REQUIRED.join(",")
      ? {}
      : { retrospectiveRequired: row.retrospectiveRequired.split(",").filter(Boolean) }),
    stages: [...row.stages]
      .sort((a, b) => order.indexOf(a.stage) - order.indexOf(b.stage))
      .map((s) => ({
        stage: s.stage,
        name: s.name,
        expectedDays: s.expectedDays,
        quorum: s.quorum,
        // Only when set, so a playbook without the setting reads as it was written.
        ...(s.resolveThreadsFirst ? { resolveThreadsFirst: true } : {}),
        criteria: s.criteria.map((c) => ({
          key: c.key,
          label: c.label,
          level: c.level,
          weight: c.weight,
          rule: c.rule,
          params: c.params,
          artifactKinds: c.artifactKinds,
        })),
      })),
  });
  cache.set(version, playbook);
  return playbook;
}

/** Writes a playbook as the next version with its change note. */
export async function savePlaybookVersion(tx: Tx, playbook: Playbook, note: string, actorId: string | null): Promise<number> {
  const latest = await tx.playbookVersion.findFirst({ orderBy: { version: "desc" }, select: { version: true } });
  const version = (latest?.version ?? 0) + 1;
  await tx.playbookVersion.create({
    data: {
      version,
      note,
      doneDonePeriods: playbook.doneDonePeriods,
      retrospectiveRequired: retrospectivesRequired(playbook).join(","),
      createdById: actorId,
      stages: {
        create: playbook.stages.map((s) => ({
          stage: s.stage,
          name: s.name,
          expectedDays: s.expectedDays,
          quorum: s.quorum,
          resolveThreadsFirst: s.resolveThreadsFirst ?? false,
          criteria: {
            create: s.criteria.map((c, position) => ({
              key: c.key,
              position,
              label: c.label,
              level: c.level,
              weight: c.weight,
              rule: c.rule,
              params: c.params as Prisma.InputJsonValue,
              artifactKinds: c.artifactKinds,
            })),
          },
        })),
      },
    },
  });
  return version;
}

/** Creates version 1 from the built-in playbook when the workspace has none. */
export async function ensureDefaultPlaybook(db: Db): Promise<void> {
  await db.$transaction(async (tx) => {
    if ((await tx.playbookVersion.count()) > 0) return;
    await savePlaybookVersion(tx, DEFAULT_PLAYBOOK, "The built-in default playbook", null);
  });
}

export function listPlaybookVersions(db: Db, take = 20) {
  return db.playbookVersion.findMany({
    orderBy: { version: "desc" },
    take,
    select: { version: true, note: true, createdAt: true, createdBy: { select: { name: true } } },
  });
}

/** The current playbook as a downloadable file. */
export async function playbookExport(db: Db, format: "yaml" | "json"): Promise<Response> {
  const playbook = await loadCurrentPlaybook(db);
  return new Response(playbookToFile(playbook, format), {
    headers: {
      "Content-Type": format === "json" ? "application/json; charset=utf-8" : "application/yaml; charset=utf-8",
      "Content-Disposition": `attachment; filename="gatepath-playbook-v${playbook.version}.${format}"`,
      "Cache-Control": "no-store",
    },
  });
}

// What the project table needs to edit in place and in bulk (issue 27, item 4): who may change
// each row's team and owner (people/authorize.ts), the one row whose cell is open (?edit=GP-12&
// field=owner) with the choices it offers, and the bar's choices. The rules are the ones the
// change itself checks again (bulk.server.ts); this only decides what to offer.
import { z } from "zod";
import { canOnProject, roleCandidates, type Person } from "~/modules/people/authorize";
import { PROJECT_PEOPLE } from "~/modules/people/project-people.server";
import { listUsers } from "~/modules/people/queries.server";
import { prisma } from "~/utils/db.server";
import { gatekeeperTeamIds } from "~/modules/teams/teams.server";
import { readCache } from "~/utils/read-cache.server";
import { listOpenTeams } from "./projects.server";

// The open teams and the active people the table's forms offer: the same for everyone, so kept
// per data version like the table's rows, not read again on every view of the table.
const choices = readCache<{ teams: Awaited<ReturnType<typeof listOpenTeams>>; people: Awaited<ReturnType<typeof listUsers>> }>({
  max: 1,
  ttlMs: 60_000,
});

const EditParams = z.object({ edit: z.string().regex(/^GP-\d{1,9}$/), field: z.enum(["team", "owner"]) });

type Row = { key: string; ownerId: string | null; proposerId: string | null; teamId: string | null };

export async function tableEditing(user: Person, rows: readonly Row[], search: URLSearchParams) {
  const none: Record<string, { team: boolean; owner: boolean }> = {};
  if (user.role === "viewer") return { mayEdit: false as const, rights: none, editing: null, teams: [], people: [] };
  const [gatekeeper, { teams, people }] = await Promise.all([
    user.role === "member" ? gatekeeperTeamIds(prisma, user.id) : new Set<string>(),
    choices(prisma, "table", async () => ({ teams: await listOpenTeams(prisma), people: await listUsers(prisma) })),
  ]);
  // Rows carry their owner, proposer and team: enough for the team (the owner's) and the owner (the owner's, a gatekeeper's).
  const who = (row: Row) => ({ ...user, gatekeeper: row.teamId !== null && gatekeeper.has(row.teamId) });
  const people0 = (row: Row) => ({ ownerId: row.ownerId, proposerId: row.proposerId, roles: [] });
  const rights: Record<string, { team: boolean; owner: boolean }> = Object.fromEntries(
    rows.map((row) => [row.key, { team: canOnProject(who(row), people0(row), "edit_facts"), owner: canOnProject(who(row), people0(row), "hand_over") }]),
  );
  const asked = EditParams.safeParse({ edit: search.get("edit"), field: search.get("field") });
  const row = asked.success ? rows.find((r) => r.key === asked.data.edit) : undefined;
  const editing = asked.success && row && rights[row.key]?.[asked.data.field] ? await inlineChoices(user, row, asked.data.field, { teams, people }) : null;
  return {
    mayEdit: true as const,
    rights,
    editing,
    teams: teams.map((t) => ({ id: t.id, name: t.name })),
    people: people.filter((p) => p.role !== "viewer").map((p) => ({ id: p.id, name: p.name })),
  };
}

export type InlineChoices = { key: string; field: "team" | "owner"; current: string | null; choices: { id: string; name: string }[]; note: string | null };

/**
 * What a row's (or a project page's) open cell offers: the open teams, or the people who may own
 * the project, with the People tab's note on who is left out. `lists` when the caller has them.
 */
export async function inlineChoices(
  user: Person,
  row: Row,
  field: "team" | "owner",
  lists?: { teams: { id: string; name: string }[]; people: Awaited<ReturnType<typeof listUsers>> },
): Promise<InlineChoices> {
  if (field === "team") {
    const teams = lists?.teams ?? (await listOpenTeams(prisma));
    return { key: row.key, field, current: row.teamId, choices: teams.map((t) => ({ id: t.id, name: t.name })), note: null };
  }
  // The owner's choices are the People tab's: never a viewer, a decider of the project or its present owner.
  const [project, people] = await Promise.all([
    prisma.project.findUnique({ where: { key: row.key }, select: PROJECT_PEOPLE }),
    lists?.people ?? listUsers(prisma),
  ]);
  const { offered, note } = roleCandidates(user, project ?? { ownerId: row.ownerId, proposerId: row.proposerId, roles: [] }, "owner", people);
  return { key: row.key, field, current: null, choices: offered.map((p) => ({ id: p.id, name: p.name })), note };
}

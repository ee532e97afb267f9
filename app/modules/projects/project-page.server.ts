// What every tab of the project page (routes/projects+/$key*.tsx) needs before it does anything:
// the project named in the address, and the checks that say who may change it. The rules
// themselves live in people/authorize.ts; this file only applies them to a request.
import { z } from "zod";
import { canOnProject, whoMay, type ProjectAction, type ProjectPeople } from "~/modules/people/authorize";
import { isGatekeeperOf } from "~/modules/teams/teams.server";
import { getProjectByKey, getProjectFrame } from "./queries.server";
import { requireUserWithPermission } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { forbidden, notFound } from "~/utils/http.server";

const KeySchema = z.string().regex(/^GP-\d{1,9}$/);

/** Who sends a project page's forms. */
export type Editor = { id: string; role: "admin" | "member" | "viewer" };

export type PageProject = NonNullable<Awaited<ReturnType<typeof getProjectByKey>>>;

async function byKey<T>(key: string | undefined, read: (db: typeof prisma, key: string) => Promise<T | null>): Promise<T> {
  const parsed = KeySchema.safeParse(key);
  const project = parsed.success ? await read(prisma, parsed.data) : null;
  if (!project) throw notFound(`There is no project ${key ?? ""}.`);
  return project;
}

/** The project named by `key` with everything its tabs show, or a 404 naming what was asked for. */
export function findProject(key: string | undefined): Promise<PageProject> {
  return byKey(key, getProjectByKey);
}

/** The project named by `key` with what the page's frame shows around its tabs, or a 404. */
export function findProjectFrame(key: string | undefined) {
  return byKey(key, getProjectFrame);
}

/** The page's project as the authorization table reads it (people/authorize.ts). */
export function peopleOf(project: Pick<PageProject, "owner" | "proposer" | "roles">): ProjectPeople {
  return {
    ownerId: project.owner?.id ?? null,
    proposerId: project.proposer?.id ?? null,
    roles: project.roles.map((r) => ({ userId: r.user.id, role: r.role })),
  };
}

/** Whether `user` may do `action` to the page's project. */
export function userMay(user: Editor & { gatekeeper?: boolean }, project: Pick<PageProject, "owner" | "proposer" | "roles">, action: ProjectAction) {
  return canOnProject(user, peopleOf(project), action);
}

/** The project a change is for, once its sender may make that kind of change (checked before what they sent). */
export async function editableProject(request: Request, key: string | undefined, user: Editor, action: ProjectAction) {
  await requireUserWithPermission(request, "project:write");
  const project = await findProject(key);
  if (!userMay(user, project, action)) throw forbidden(`Only ${whoMay(action)} can do this.`);
  return project;
}

/**
 * Roles are changed by the project's owner, administrators and the team's gatekeepers (who also
 * name deciders without being on the project); checked before what they sent, and the roles
 * module decides which role each may give.
 */
export async function roleManagedProject(request: Request, key: string | undefined, user: Editor) {
  await requireUserWithPermission(request, "project:write");
  const project = await findProject(key);
  const gatekeeper = await isGatekeeperOf(prisma, user.id, project.teamId);
  if (!userMay({ ...user, gatekeeper }, project, "manage_people")) throw forbidden(`Only ${whoMay("manage_people")} change its people.`);
  return project;
}

/** What every intent's function of a project tab gets: the request, the project's key, the form and who sent it. */
export type ProjectIntentArgs = { request: Request; key: string | undefined; form: FormData; user: Editor; intent: string };

// The one place that decides who may do what (issue 11). Pure: given a person and what they
// want to do to a thing, it answers; loaders, actions and modules ask it and never decide
// themselves. Table-tested in authorize.test.ts.
//
// Two layers: what an account role allows anywhere (PERMISSIONS, for pages and whole-workspace
// actions), and what a person may do to one project, artifact or gate given who holds which
// role on it.
import type { ProjectStatus, UserRole } from "~/modules/lifecycle/stages";

export type Person = { id: string; role: UserRole };

/** Which account roles hold each permission. */
const PERMISSIONS = {
  "project:read": ["admin", "member", "viewer"],
  "project:write": ["admin", "member"],
  "gate:request": ["admin", "member"],
  "gate:decide": ["admin", "member"],
  "gate:override": ["admin"],
  "playbook:edit": ["admin"],
  "token:manage": ["admin"],
  "user:manage": ["admin"],
  "team:manage": ["admin"],
  "audit:verify": ["admin"],
} as const satisfies Record<string, readonly UserRole[]>;

export type Permission = keyof typeof PERMISSIONS;

/** Whether an account role holds a permission anywhere in the workspace. */
export function can(role: UserRole, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly UserRole[]).includes(role);
}

/** Who is on a project: its proposer and everyone holding a role on it. */
export type ProjectPeople = { proposerId: string | null; roleUserIds: readonly string[] };

/** Administrators edit any project; members the ones they proposed or hold a role on; viewers none. */
export function canEditProject(person: Person, project: ProjectPeople): boolean {
  if (person.role === "admin") return true;
  if (person.role !== "member") return false;
  return project.proposerId === person.id || project.roleUserIds.includes(person.id);
}

/**
 * Members write artifacts of projects they are on (`onProject`: a role, the proposal, or an
 * administrator) and their own; administrators any; viewers none.
 */
export function canWriteArtifact(person: Person & { onProject: boolean }, artifact?: { authorId: string }): boolean {
  if (person.role === "admin") return true;
  if (person.role !== "member") return false;
  return person.onProject || artifact?.authorId === person.id;
}

export type GateRights = { ok: true } | { ok: false; code: "project_not_active" | "not_a_decider" | "decides_own_project"; message: string };

/**
 * Whether a person may decide a project's gate at all: the project is active, the person is a
 * decider (administrators decide as the organisation's gatekeepers, viewers never), and the
 * person is neither the project's owner nor its proposer: gatekeepers are independent of the
 * work, administrators included.
 */
export function decisionRights(input: {
  project: { status: ProjectStatus; ownerId: string | null; proposerId: string | null };
  deciderIds: readonly string[];
  actor: Person;
}): GateRights {
  const { project, deciderIds, actor } = input;
  if (project.status !== "active") {
    return {
      ok: false,
      code: "project_not_active",
      message: `The project is ${project.status.replace("_", " ")}; only an active project's gate can be decided.`,
    };
  }
  if (actor.id === project.ownerId || actor.id === project.proposerId) {
    const who = actor.id === project.ownerId ? "owner" : "proposer";
    return { ok: false, code: "decides_own_project", message: `You are this project's ${who}; its gate is decided by someone independent of the work.` };
  }
  const isDecider = actor.role !== "viewer" && (actor.role === "admin" || deciderIds.includes(actor.id));
  if (!isDecider) return { ok: false, code: "not_a_decider", message: "You are not a decider on this project." };
  return { ok: true };
}

/**
 * Who names and removes deciders: administrators and the gatekeepers of the project's team
 * (`gatekeeper`), never for themselves, and never the project's owner or proposer (decisions 30
 * and 37). A gatekeeper who owns or proposed the project does not name its deciders either.
 * `userId` is the person being named; null when a decider is being removed.
 */
export function deciderRefusal(
  person: Person & { gatekeeper: boolean },
  project: { ownerId: string | null; proposerId: string | null },
  userId: string | null,
): string | null {
  const gatekeeper = person.gatekeeper && person.role === "member" && person.id !== project.ownerId && person.id !== project.proposerId;
  if (person.role !== "admin" && !gatekeeper) return "Only administrators and the team's gatekeepers name or remove a project's deciders.";
  if (userId === null) return null;
  if (userId === person.id) return "Nobody names themselves a decider: ask another gatekeeper or an administrator.";
  if (userId === project.ownerId) return "The project's owner cannot be one of its deciders.";
  if (userId === project.proposerId) return "The project's proposer cannot be one of its deciders.";
  return null;
}

/**
 * Anyone holding a role on the project, its proposer, or an administrator may ask for its gate
 * review; viewers never (PRODUCT.md: the owner, or the proposer before there is one, requests it,
 * and anyone on the project can ask for one).
 */
export function canRequestGateReview(person: Person, project: ProjectPeople): boolean {
  if (!can(person.role, "gate:request")) return false;
  return person.role === "admin" || project.proposerId === person.id || project.roleUserIds.includes(person.id);
}

// The one place that decides who may do what (issue 11). Pure: given a person and what they
// want to do to a thing, it answers; loaders, actions and modules ask it and never decide
// themselves. Table-tested in authorize.test.ts.
//
// Two layers: what an account role allows anywhere (PERMISSIONS, for pages and whole-workspace
// actions), and what a person may do to one project, artifact or gate given who holds which
// role on it.
import type { ProjectRoleKind, ProjectStatus, UserRole } from "~/modules/lifecycle/stages";

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
  "webhook:manage": ["admin"],
  "user:manage": ["admin"],
  "team:manage": ["admin"],
  "category:manage": ["admin"],
  "audit:verify": ["admin"],
} as const satisfies Record<string, readonly UserRole[]>;

export type Permission = keyof typeof PERMISSIONS;

/** Whether an account role holds a permission anywhere in the workspace. */
export function can(role: UserRole, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly UserRole[]).includes(role);
}

/** Who is on a project: its owner, its proposer and everyone holding a role on it. */
export type ProjectPeople = { ownerId: string | null; proposerId: string | null; roles: readonly { userId: string; role: ProjectRoleKind }[] };

/**
 * What a person is to one project (issue 23): "owner" while they own it (its proposer before it
 * has an owner), each project role they hold, and "gatekeeper" for the gatekeepers of its team.
 */
export type Capacity = "owner" | "contributor" | "decider" | "stakeholder" | "consulted" | "gatekeeper";

/**
 * What each capacity may do to a project: the table of shared/PRODUCT.md "People and access".
 * Administrators may do all of it; viewers none of it, whatever role they hold; a member with no
 * capacity reads only. Deciders are named by deciderRefusal and gates signed by decisionRights.
 */
export const PROJECT_ACTIONS = {
  /** Title, customer, problem, why now, team: the project's facts. */
  edit_facts: ["owner"],
  /** Tenets, milestones, scope, forks and metric definitions. */
  edit_plan: ["owner", "contributor"],
  /** Artifacts and metric values. */
  write: ["owner", "contributor"],
  /** Notes on a metric's period (and, later, comments): everyone on the project. */
  comment: ["owner", "contributor", "decider", "stakeholder", "consulted", "gatekeeper"],
  /** Name or remove contributors, stakeholders and people consulted. */
  manage_people: ["owner", "gatekeeper"],
  /** Name a new owner, who then accepts: the owner hands over, a gatekeeper reassigns. */
  hand_over: ["owner", "gatekeeper"],
  request_review: ["owner", "contributor"],
  /** A retrospective's text and action items (issue 26): the owner, who answers for the project. */
  write_retrospective: ["owner"],
} as const satisfies Record<string, readonly Capacity[]>;

export type ProjectAction = keyof typeof PROJECT_ACTIONS;

/** Who may, in words, for refusals: "the project's owner, its contributors and administrators". */
export function whoMay(action: ProjectAction): string {
  const words: Record<Capacity, string> = {
    owner: "the project's owner",
    contributor: "its contributors",
    decider: "its deciders",
    stakeholder: "its stakeholders",
    consulted: "the people it consults",
    gatekeeper: "the team's gatekeepers",
  };
  return [...PROJECT_ACTIONS[action].map((c) => words[c]), "administrators"].join(", ").replace(/, ([^,]*)$/, " and $1");
}

/** Every capacity `person` holds on the project. */
export function capacitiesOn(person: Person & { gatekeeper?: boolean }, project: ProjectPeople): Set<Capacity> {
  const held = new Set<Capacity>();
  if (project.ownerId ? project.ownerId === person.id : project.proposerId === person.id) held.add("owner");
  for (const r of project.roles) if (r.userId === person.id && r.role !== "owner") held.add(r.role);
  if (person.gatekeeper) held.add("gatekeeper");
  return held;
}

/** Whether `person` may do `action` to the project. */
export function canOnProject(person: Person & { gatekeeper?: boolean }, project: ProjectPeople, action: ProjectAction): boolean {
  if (person.role === "admin") return true;
  if (person.role !== "member") return false;
  const held = capacitiesOn(person, project);
  return (PROJECT_ACTIONS[action] as readonly Capacity[]).some((c) => held.has(c));
}

/** Which capacity a role names or removes needs: the owner role is handed over, deciders are named elsewhere (deciderRefusal). */
export function roleChangeAction(role: ProjectRoleKind): ProjectAction | null {
  if (role === "owner") return "hand_over";
  if (role === "decider") return null;
  return "manage_people";
}

/** The roles `person` may give or take on the project, in PROJECT_ROLE_KINDS order. */
export function rolesManagedBy(person: Person & { gatekeeper: boolean }, project: ProjectPeople, kinds: readonly ProjectRoleKind[]): ProjectRoleKind[] {
  return kinds.filter((role) => {
    const action = roleChangeAction(role);
    return action === null ? deciderRefusal(person, project, null) === null : canOnProject(person, project, action);
  });
}

/**
 * Those who write to the project (`onProject`: canOnProject "write") write its artifacts, and an
 * artifact's author their own; administrators any; viewers none.
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

/** Why someone is not offered for a role (issue 27, item 2); the picker and the refusal say the same. */
export type Exclusion = "self" | "owner" | "proposer" | "viewer" | "decider" | "holds";

/**
 * Why `candidate` cannot be given `role` on the project by `person` (who may give that role), or
 * null when they can: nobody names themselves, the owner or the proposer a decider; viewers are
 * never owner or decider; a decider does not become the owner; nobody holds a role twice.
 */
export function candidateExclusion(person: Person, project: ProjectPeople, role: ProjectRoleKind, candidate: Person): Exclusion | null {
  if (candidate.role === "viewer" && (role === "owner" || role === "decider")) return "viewer";
  if (role === "decider") {
    if (candidate.id === person.id) return "self";
    if (candidate.id === project.ownerId) return "owner";
    if (candidate.id === project.proposerId) return "proposer";
  }
  const holds = (kind: ProjectRoleKind) => project.roles.some((r) => r.userId === candidate.id && r.role === kind);
  if (role === "owner" && project.ownerId === candidate.id) return "holds";
  if (holds(role)) return "holds";
  if (role === "owner" && holds("decider")) return "decider";
  return null;
}

/** The refusal for one exclusion, naming the person: the field message when such a pick is sent anyway. */
export function exclusionMessage(exclusion: Exclusion, name: string, role: ProjectRoleKind): string {
  const asRole = role === "owner" ? "the owner" : role === "decider" ? "a decider" : `a ${role}`;
  switch (exclusion) {
    case "self":
      return "Nobody names themselves a decider: ask another gatekeeper or an administrator.";
    case "owner":
      return "The project's owner cannot be one of its deciders.";
    case "proposer":
      return "The project's proposer cannot be one of its deciders.";
    case "viewer":
      return `${name} is a viewer and cannot be ${asRole}.`;
    case "decider":
      return `${name} is a decider on this project; an administrator must remove that role before they can own it.`;
    case "holds":
      return `${name} already holds this role.`;
  }
}

const EXCLUSION_NOTES: Record<Exclusion, string> = {
  self: "nobody names themselves",
  owner: "the owner",
  proposer: "the proposer",
  viewer: "viewers",
  decider: "a decider",
  holds: "already",
};

/**
 * The people who may be given `role`, and a sentence saying who is left out and why, so a short
 * list explains itself ("Not offered: Sam Owner (the owner), Pia (already), 2 viewers.").
 */
export function roleCandidates<P extends Person & { name: string }>(
  person: Person,
  project: ProjectPeople,
  role: ProjectRoleKind,
  people: readonly P[],
): { offered: P[]; note: string | null } {
  const offered: P[] = [];
  const left: string[] = [];
  let viewers = 0;
  for (const candidate of people) {
    const exclusion = candidateExclusion(person, project, role, candidate);
    if (exclusion === null) offered.push(candidate);
    else if (exclusion === "viewer") viewers++;
    else left.push(exclusion === "self" ? `You (${EXCLUSION_NOTES.self})` : `${candidate.name} (${EXCLUSION_NOTES[exclusion]})`);
  }
  if (viewers) left.push(`${viewers} ${viewers === 1 ? "viewer" : "viewers"} (viewers are never ${role === "owner" ? "the owner" : "deciders"})`);
  return { offered, note: left.length ? `Not offered: ${left.join(", ")}.` : null };
}

/**
 * Who may sign the project's gate (decisionRights): its deciders and the administrators, never
 * its owner or proposer, never a viewer. `people` are the workspace's active people.
 */
export function possibleSigners<P extends Person>(project: ProjectPeople, people: readonly P[]): P[] {
  const deciderIds = project.roles.filter((r) => r.role === "decider").map((r) => r.userId);
  const gate = { status: "active" as const, ownerId: project.ownerId, proposerId: project.proposerId };
  return people.filter((p) => decisionRights({ project: gate, deciderIds, actor: p }).ok);
}

/**
 * Who may own a piece of work (a milestone, an action item of a retrospective or a COE): someone
 * who may act on it, so never a viewer (issue 27, item 2). Pickers offer only them; a pick of
 * anyone else is refused by field.
 */
export const WORK_OWNER_ROLES = ["admin", "member"] as const satisfies readonly UserRole[];
export const mayOwnWork = (person: { role: UserRole }) => (WORK_OWNER_ROLES as readonly UserRole[]).includes(person.role);

/** Who may comment, reply and mention (issue 24): everyone who may read the project except viewers. */
export function canComment(person: Person): boolean {
  return person.role === "admin" || person.role === "member";
}

/** Edit and delete: one's own comments only, and not as a viewer (a demoted author's words stay as they were). */
export function canChangeComment(person: Person, comment: { authorId: string }): boolean {
  return canComment(person) && comment.authorId === person.id;
}

/**
 * Who may resolve or reopen a thread (issue 24): the one who started it, and the one who must
 * answer it: on a document its author and its reviewer; on the project or a gate review the
 * project's owner (its proposer before it has one).
 */
export function canResolveThread(
  person: Person,
  thread: { authorId: string },
  subject: { documentAuthorId: string | null; reviewerId: string | null; ownerId: string | null; proposerId: string | null; onDocument: boolean },
): boolean {
  if (!canComment(person)) return false;
  if (thread.authorId === person.id) return true;
  if (subject.onDocument) return person.id === subject.documentAuthorId || person.id === subject.reviewerId;
  return person.id === (subject.ownerId ?? subject.proposerId);
}

/** Who may mark a retrospective's action item done or open again: its own owner, and whoever may write the retrospective. */
export function canMarkActionItem(person: Person, project: ProjectPeople, item: { ownerId: string }): boolean {
  if (person.role === "viewer") return false;
  return item.ownerId === person.id || canOnProject(person, project, "write_retrospective");
}

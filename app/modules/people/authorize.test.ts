// Who may do what, as tables: each row a person, a thing and the answer.
import { describe, expect, it } from "vitest";
import type { UserRole } from "~/modules/lifecycle/stages";
import { PROJECT_ROLE_KINDS } from "~/modules/lifecycle/stages";
import {
  can,
  canOnProject,
  canWriteArtifact,
  deciderRefusal,
  decisionRights,
  PROJECT_ACTIONS,
  canMarkActionItem,
  candidateExclusion,
  mayOwnWork,
  possibleSigners,
  roleCandidates,
  rolesManagedBy,
  whoMay,
  type Permission,
  type Person,
  type ProjectAction,
} from "./authorize";

const admin: Person = { id: "ada", role: "admin" };
const owner: Person = { id: "olu", role: "member" };
const proposer: Person = { id: "pia", role: "member" };
const decider: Person = { id: "dee", role: "member" };
const contributor: Person = { id: "cal", role: "member" };
const consulted: Person = { id: "con", role: "member" };
const stakeholder: Person = { id: "sam", role: "member" };
const outsider: Person = { id: "oli", role: "member" };
const viewer: Person = { id: "vic", role: "viewer" };
const viewerStakeholder: Person = { id: "vis", role: "viewer" };
const project = {
  proposerId: proposer.id,
  ownerId: owner.id,
  roles: [
    { userId: owner.id, role: "owner" as const },
    { userId: decider.id, role: "decider" as const },
    { userId: contributor.id, role: "contributor" as const },
    { userId: consulted.id, role: "consulted" as const },
    { userId: stakeholder.id, role: "stakeholder" as const },
    { userId: viewerStakeholder.id, role: "stakeholder" as const },
  ],
  deciderIds: [decider.id],
};

describe("can: what an account role allows anywhere", () => {
  const table: [Permission, UserRole[]][] = [
    ["project:read", ["admin", "member", "viewer"]],
    ["project:write", ["admin", "member"]],
    ["gate:request", ["admin", "member"]],
    ["gate:decide", ["admin", "member"]],
    ["gate:override", ["admin"]],
    ["playbook:edit", ["admin"]],
    ["token:manage", ["admin"]],
    ["user:manage", ["admin"]],
    ["team:manage", ["admin"]],
    ["category:manage", ["admin"]],
    ["audit:verify", ["admin"]],
  ];
  it.each(table)("%s is held by %j", (permission, roles) => {
    expect((["admin", "member", "viewer"] as const).filter((r) => can(r, permission))).toEqual(roles);
  });
});

describe("on one project", () => {
  const people = [admin, owner, proposer, decider, stakeholder, outsider, viewer, viewerStakeholder];
  const names = new Map(people.map((p) => [p, p.id]));
  const who = (test: (p: Person) => boolean) => people.filter(test).map((p) => names.get(p));

  // shared/PRODUCT.md "People and access", one row per action: who of these may (issue 23).
  const everyone = [admin, owner, proposer, contributor, decider, stakeholder, consulted, outsider, viewer, viewerStakeholder];
  const gatekeeper: Person & { gatekeeper: boolean } = { id: "gus", role: "member", gatekeeper: true };
  const viewerGatekeeper: Person & { gatekeeper: boolean } = { id: "vig", role: "viewer", gatekeeper: true };
  const matrix: [ProjectAction, string[]][] = [
    ["edit_facts", ["ada", "olu"]],
    ["edit_plan", ["ada", "olu", "cal"]],
    ["write", ["ada", "olu", "cal"]],
    ["comment", ["ada", "olu", "cal", "dee", "sam", "con", "gus"]],
    ["manage_people", ["ada", "olu", "gus"]],
    ["hand_over", ["ada", "olu", "gus"]],
    ["request_review", ["ada", "olu", "cal"]],
    ["write_retrospective", ["ada", "olu"]],
  ];
  it.each(matrix)("%s: %j", (action, allowed) => {
    expect([...everyone, gatekeeper, viewerGatekeeper].filter((p) => canOnProject(p, project, action)).map((p) => p.id)).toEqual(allowed);
  });

  it("covers every action of the table, and says in words who may", () => {
    expect(matrix.map(([action]) => action).sort()).toEqual(Object.keys(PROJECT_ACTIONS).sort());
    expect(whoMay("edit_plan")).toBe("the project's owner, its contributors and administrators");
    expect(whoMay("manage_people")).toBe("the project's owner, the team's gatekeepers and administrators");
  });

  it("before there is an owner, the proposer holds the owner's rights; after, only the owner does", () => {
    const unowned = { ...project, ownerId: null, roles: project.roles.filter((r) => r.role !== "owner") };
    expect(canOnProject(proposer, unowned, "edit_facts")).toBe(true);
    expect(canOnProject(owner, unowned, "edit_facts")).toBe(false);
    expect(canOnProject(proposer, project, "edit_facts")).toBe(false);
    expect(canOnProject(proposer, project, "comment")).toBe(false);
  });

  it("each person gives and takes only the roles the table lets them", () => {
    const managed = (p: Person, isGatekeeper = false) => rolesManagedBy({ ...p, gatekeeper: isGatekeeper }, project, PROJECT_ROLE_KINDS);
    expect(managed(admin)).toEqual(["owner", "decider", "contributor", "consulted", "stakeholder"]);
    expect(managed(owner)).toEqual(["owner", "contributor", "consulted", "stakeholder"]);
    expect(managed(gatekeeper, true)).toEqual(["owner", "decider", "contributor", "consulted", "stakeholder"]);
    for (const p of [proposer, contributor, decider, stakeholder, consulted, outsider, viewer]) expect(managed(p), p.id).toEqual([]);
  });

  it("a retrospective's action item is marked by its own owner and by whoever writes the retrospective, never by a viewer", () => {
    const item = { ownerId: stakeholder.id };
    expect(everyone.filter((p) => canMarkActionItem(p, project, item)).map((p) => p.id)).toEqual(["ada", "olu", "sam"]);
    expect(canMarkActionItem(viewerStakeholder, project, { ownerId: viewerStakeholder.id })).toBe(false);
  });

  it("those who write to it, and an artifact's author, write its artifacts", () => {
    const onProject = (p: Person) => ({ ...p, onProject: canOnProject(p, project, "write") });
    expect(everyone.filter((p) => canWriteArtifact(onProject(p))).map((p) => p.id)).toEqual(["ada", "olu", "cal"]);
    expect(everyone.filter((p) => canWriteArtifact(onProject(p), { authorId: outsider.id })).map((p) => p.id)).toEqual(["ada", "olu", "cal", "oli"]);
    expect(canWriteArtifact(onProject(viewer), { authorId: viewer.id })).toBe(false);
  });

  it("deciders and administrators decide the gate, never the owner or the proposer", () => {
    const rights = (p: Person) =>
      decisionRights({ project: { status: "active", ownerId: project.ownerId, proposerId: project.proposerId }, deciderIds: project.deciderIds, actor: p });
    expect(who((p) => rights(p).ok)).toEqual(["ada", "dee"]);
    expect(
      people.map((p) => {
        const r = rights(p);
        return r.ok ? "ok" : r.code;
      }),
    ).toEqual(["ok", "decides_own_project", "decides_own_project", "ok", "not_a_decider", "not_a_decider", "not_a_decider", "not_a_decider"]);
    // An administrator who owns or proposed the project does not decide it either.
    expect(decisionRights({ project: { status: "active", ownerId: admin.id, proposerId: null }, deciderIds: [], actor: admin })).toMatchObject({
      ok: false,
      code: "decides_own_project",
    });
  });

  it("no gate is decided on a project that is not active", () => {
    for (const status of ["on_hold", "stopped", "done"] as const) {
      expect(decisionRights({ project: { status, ownerId: owner.id, proposerId: proposer.id }, deciderIds: [decider.id], actor: admin })).toMatchObject({
        ok: false,
        code: "project_not_active",
      });
    }
  });

  it("without team gatekeepers only administrators name deciders: never themselves, the owner or the proposer", () => {
    const naming = (p: Person, userId: string) => deciderRefusal({ ...p, gatekeeper: false }, project, userId);
    expect(who((p) => naming(p, outsider.id) === null)).toEqual(["ada"]);
    expect(naming(admin, admin.id)).toMatch(/themselves/);
    expect(naming(admin, owner.id)).toMatch(/owner/);
    expect(naming(admin, proposer.id)).toMatch(/proposer/);
    expect(naming(owner, owner.id)).toMatch(/Only administrators and the team's gatekeepers/);
    // Removing a decider: administrators only.
    expect(who((p) => deciderRefusal({ ...p, gatekeeper: false }, project, null) === null)).toEqual(["ada"]);
  });

  it("a team gatekeeper names deciders too, unless they own or proposed the project or are a viewer", () => {
    // Everyone as a gatekeeper of the project's team: who may name an outsider, and remove a decider?
    const asGatekeeper = (p: Person, userId: string | null) => deciderRefusal({ ...p, gatekeeper: true }, project, userId);
    expect(who((p) => asGatekeeper(p, outsider.id) === null)).toEqual(["ada", "dee", "sam"]);
    expect(who((p) => asGatekeeper(p, null) === null)).toEqual(["ada", "dee", "sam", "oli"]);
    expect(asGatekeeper(outsider, outsider.id)).toMatch(/themselves/);
    expect(asGatekeeper(outsider, owner.id)).toMatch(/owner/);
    expect(asGatekeeper(outsider, proposer.id)).toMatch(/proposer/);
    expect(asGatekeeper(owner, decider.id)).toMatch(/Only administrators/);
    expect(asGatekeeper(viewer, decider.id)).toMatch(/Only administrators/);
  });
});

describe("pickers offer only those who may hold the role (issue 27, item 2)", () => {
  const named = (p: Person) => ({ ...p, name: p.id.toUpperCase() });
  const everyone = [admin, owner, proposer, decider, contributor, consulted, stakeholder, outsider, viewer, viewerStakeholder].map(named);

  it("a decider is never the one naming, the owner, the proposer, a viewer or someone already deciding; the note says why", () => {
    const { offered, note } = roleCandidates(admin, project, "decider", everyone);
    expect(offered.map((p) => p.id)).toEqual(["cal", "con", "sam", "oli"]);
    expect(note).toBe(
      "Not offered: You (nobody names themselves), OLU (the owner), PIA (the proposer), DEE (already), 2 viewers (viewers are never deciders).",
    );
  });

  it("the owner is never a viewer, the present owner or a decider", () => {
    expect(roleCandidates(owner, project, "owner", everyone).offered.map((p) => p.id)).toEqual(["ada", "pia", "cal", "con", "sam", "oli"]);
    expect(candidateExclusion(owner, project, "owner", decider)).toBe("decider");
  });

  it("every pick the picker leaves out is refused, and every pick it offers is not", () => {
    for (const role of PROJECT_ROLE_KINDS) {
      const { offered } = roleCandidates(admin, project, role, everyone);
      for (const p of everyone) expect(candidateExclusion(admin, project, role, p) === null).toBe(offered.includes(p));
    }
  });

  it("nothing is left out when everyone may be named, so no note", () => {
    expect(roleCandidates(admin, { ownerId: null, proposerId: null, roles: [] }, "contributor", [named(outsider)]).note).toBeNull();
  });

  it("those who may sign a gate are its deciders and the administrators, not the owner, the proposer or a viewer", () => {
    const viewerDecider: Person = { id: "vid", role: "viewer" };
    const withViewer = { ...project, roles: [...project.roles, { userId: viewerDecider.id, role: "decider" as const }] };
    expect(possibleSigners(withViewer, [...everyone, viewerDecider]).map((p) => p.id)).toEqual(["ada", "dee"]);
    // An administrator who proposed the project does not sign it.
    expect(possibleSigners({ ...project, proposerId: admin.id }, everyone).map((p) => p.id)).toEqual(["dee"]);
  });
});

describe("owners of work", () => {
  it("are people who may act on it: administrators and members, never viewers", () => {
    const everyone = [admin, owner, proposer, decider, contributor, consulted, stakeholder, outsider, viewer, viewerStakeholder];
    expect(everyone.filter(mayOwnWork).map((p) => p.id)).toEqual(["ada", "olu", "pia", "dee", "cal", "con", "sam", "oli"]);
  });
});

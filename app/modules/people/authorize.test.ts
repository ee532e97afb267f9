// Who may do what, as tables: each row a person, a thing and the answer.
import { describe, expect, it } from "vitest";
import type { UserRole } from "~/modules/lifecycle/stages";
import { can, canEditProject, canRequestGateReview, canWriteArtifact, deciderRefusal, decisionRights, type Permission, type Person } from "./authorize";

const admin: Person = { id: "ada", role: "admin" };
const owner: Person = { id: "olu", role: "member" };
const proposer: Person = { id: "pia", role: "member" };
const decider: Person = { id: "dee", role: "member" };
const stakeholder: Person = { id: "sam", role: "member" };
const outsider: Person = { id: "oli", role: "member" };
const viewer: Person = { id: "vic", role: "viewer" };
const viewerStakeholder: Person = { id: "vis", role: "viewer" };
const project = {
  proposerId: proposer.id,
  ownerId: owner.id,
  roleUserIds: [owner.id, decider.id, stakeholder.id, viewerStakeholder.id],
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

  it("the project's people and administrators edit it; viewers never, even with a role", () => {
    expect(who((p) => canEditProject(p, project))).toEqual(["ada", "olu", "pia", "dee", "sam"]);
  });

  it("they, and an artifact's author, write its artifacts", () => {
    const onProject = (p: Person) => ({ ...p, onProject: canEditProject(p, project) });
    expect(who((p) => canWriteArtifact(onProject(p)))).toEqual(["ada", "olu", "pia", "dee", "sam"]);
    expect(who((p) => canWriteArtifact(onProject(p), { authorId: outsider.id }))).toEqual(["ada", "olu", "pia", "dee", "sam", "oli"]);
    expect(canWriteArtifact(onProject(viewer), { authorId: viewer.id })).toBe(false);
  });

  it("people with a role on it and its proposer ask for a gate review; viewers never", () => {
    expect(who((p) => canRequestGateReview(p, project))).toEqual(["ada", "olu", "pia", "dee", "sam"]);
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

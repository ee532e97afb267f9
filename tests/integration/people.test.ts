// Issue 12, item 2: administrators invite people, change their role, deactivate and reactivate
// them; an invitation link works once, until it expires; deactivating ends sessions and revokes
// API tokens in the same transaction; the workspace keeps an active administrator.
import { beforeAll, describe, expect, it } from "vitest";
import { changeRole, followLink, invitePerson, issuePasswordReset, oneTimeLink, setActive } from "~/modules/people/people.server";
import { verifyLogin } from "~/modules/people/users.server";
import { authenticate } from "~/modules/tokens/tokens.server";
import type { Db } from "~/utils/db.server";
import { createApiToken, createProject, createTeam, createUser, createUsers, withTestDb, type TestUser } from "../factories";
import { refreshGateStatus } from "~/modules/lifecycle/gate.server";

const t = withTestDb();
let db: Db;
let u: Record<"admin" | "member", TestUser>;
const PASSWORD = "pallet-ramp-quietly-42";
let seq = 0;
const invitee = () => ({ email: `new.${++seq}@northwind.test`, name: `New Person ${seq}`, role: "member" as const });

beforeAll(async () => {
  db = t.db;
  u = await createUsers(db, { admin: "admin", member: "member" });
});

async function invited() {
  const result = await invitePerson(db, u.admin, invitee());
  if (!result.ok) throw new Error(result.message);
  return result;
}

describe("inviting people", () => {
  it("creates an account nobody can sign in to until the link sets a password; the link then works no more", async () => {
    const person = invitee();
    const result = await invitePerson(db, u.admin, person);
    if (!result.ok) throw new Error(result.message);
    expect(await db.auditEvent.findFirst({ where: { action: "user.invited", entityId: result.userId } })).toMatchObject({ actorId: u.admin.id });
    expect(await oneTimeLink(db, result.token)).toMatchObject({ user: { email: person.email } });

    expect(await followLink(db, { token: result.token, name: "Nadia New", password: PASSWORD })).toEqual({ ok: true, userId: result.userId });
    expect(await verifyLogin(db, person.email, PASSWORD)).toMatchObject({ id: result.userId, name: "Nadia New" });
    expect(await followLink(db, { token: result.token, name: "Mallory", password: "another-strong-passphrase" })).toMatchObject({
      ok: false,
      status: 400,
    });
    expect(await verifyLogin(db, person.email, PASSWORD)).not.toBeNull();
  });

  it("refuses a forged link, an expired one and a weak password, writing nothing", async () => {
    const { token, userId } = await invited();
    const events = await db.auditEvent.count();
    expect(await followLink(db, { token: `${token}x`, name: "X", password: PASSWORD })).toMatchObject({ ok: false, status: 400 });
    expect(await followLink(db, { token, name: "X", password: "password1234" })).toMatchObject({ ok: false, status: 400, field: "password" });
    const later = new Date(Date.now() + 8 * 86_400_000);
    expect(await followLink(db, { token, name: "X", password: PASSWORD }, later)).toMatchObject({ ok: false, status: 400 });
    expect(await db.auditEvent.count()).toBe(events);
    expect(await db.userToken.findFirstOrThrow({ where: { userId } })).toMatchObject({ usedAt: null });
  });

  it("joins the team chosen with the invitation, in its role, in the same transaction; a closed team or a viewer as gatekeeper leaves no account", async () => {
    const team = await createTeam(db, { name: "Outbound" });
    const person = invitee();
    const result = await invitePerson(db, u.admin, { ...person, teamId: team.id, teamRole: "gatekeeper" });
    if (!result.ok) throw new Error(result.message);
    expect(result.team).toBe("Outbound");
    expect(await db.teamMember.findMany({ where: { teamId: team.id }, select: { userId: true, role: true } })).toEqual([
      { userId: result.userId, role: "gatekeeper" },
    ]);
    expect(await db.auditEvent.count({ where: { entityId: team.id, action: "team.member_added" } })).toBe(1);

    const viewer = { ...invitee(), role: "viewer" as const };
    expect(await invitePerson(db, u.admin, { ...viewer, teamId: team.id, teamRole: "gatekeeper" })).toMatchObject({
      ok: false,
      status: 400,
      field: "teamRole",
    });
    expect(await invitePerson(db, u.admin, { ...viewer, teamId: "no-such-team" })).toMatchObject({ ok: false, status: 400, field: "teamId" });
    await db.team.update({ where: { id: team.id }, data: { archivedAt: new Date() } });
    expect(await invitePerson(db, u.admin, { ...viewer, teamId: team.id })).toMatchObject({ ok: false, status: 409, field: "teamId" });
    expect(await db.user.count({ where: { email: viewer.email } })).toBe(0);
  });

  it("refuses an address that already has an account, and anyone but an administrator (403)", async () => {
    expect(await invitePerson(db, u.admin, { ...invitee(), email: u.member.email })).toMatchObject({ ok: false, status: 409, field: "email" });
    expect(await invitePerson(db, u.member, invitee())).toMatchObject({ ok: false, status: 403 });
  });
});

describe("password-reset links", () => {
  it("sets a new password once, ending every session; an earlier link stops working when a new one is made", async () => {
    const person = await createUser(db, { name: "Forgetful Person" });
    await db.session.create({ data: { userId: person.id, expiresAt: new Date(Date.now() + 3_600_000) } });
    const first = await issuePasswordReset(db, u.admin, person.id);
    const second = await issuePasswordReset(db, u.admin, person.id);
    if (!first.ok || !second.ok) throw new Error("issuePasswordReset refused");
    expect(await oneTimeLink(db, first.token)).toBeNull();
    expect(await oneTimeLink(db, second.token)).toMatchObject({ kind: "reset", user: { id: person.id } });

    expect(await followLink(db, { token: second.token, password: PASSWORD })).toEqual({ ok: true, userId: person.id });
    expect(await verifyLogin(db, person.email, PASSWORD)).toMatchObject({ id: person.id, name: "Forgetful Person" });
    expect(await db.session.count({ where: { userId: person.id } })).toBe(0);
    expect(await followLink(db, { token: second.token, password: "another-strong-passphrase" })).toMatchObject({ ok: false, status: 400 });
    const later = new Date(Date.now() + 25 * 3_600_000);
    const third = await issuePasswordReset(db, u.admin, person.id);
    if (!third.ok) throw new Error(third.message);
    expect(await followLink(db, { token: third.token, password: "another-strong-passphrase" }, later)).toMatchObject({ ok: false, status: 400 });
  });

  it("is for administrators (403), for people who exist (404) and are active (409)", async () => {
    const gone = await createUser(db, { deactivated: true });
    expect(await issuePasswordReset(db, u.member, u.admin.id)).toMatchObject({ ok: false, status: 403 });
    expect(await issuePasswordReset(db, u.admin, "no-such-person")).toMatchObject({ ok: false, status: 404 });
    expect(await issuePasswordReset(db, u.admin, gone.id)).toMatchObject({ ok: false, status: 409 });
  });

  it("an invitation needs the name, a reset does not", async () => {
    const { token } = await invited();
    expect(await followLink(db, { token, password: PASSWORD })).toMatchObject({ ok: false, field: "name" });
  });
});

describe("roles and deactivation", () => {
  it("deactivating ends the person's sessions, revokes their API tokens and unused links at once; reactivating lets them sign in", async () => {
    const admin2 = await createUser(db, { role: "admin", name: "Second Admin", passwordHash: "x" });
    await db.session.create({ data: { userId: admin2.id, expiresAt: new Date(Date.now() + 3_600_000) } });
    const token = await createApiToken(db, admin2.id, { name: "Exporter of the second admin" });
    expect(await authenticate(db, `Bearer ${token.secret}`)).toMatchObject({ ok: true });

    expect(await setActive(db, u.admin, admin2.id, false)).toEqual({ ok: true });
    expect(await db.session.count({ where: { userId: admin2.id } })).toBe(0);
    expect(await authenticate(db, `Bearer ${token.secret}`)).toMatchObject({ ok: false });
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: "user.deactivated", entityId: admin2.id } });
    expect(event.data).toMatchObject({ sessionsEnded: 1, tokensRevoked: 1 });

    expect(await setActive(db, u.admin, admin2.id, false)).toMatchObject({ ok: false, status: 409 });
    expect(await setActive(db, u.admin, admin2.id, true)).toEqual({ ok: true });
    expect((await db.user.findUniqueOrThrow({ where: { id: admin2.id } })).deactivatedAt).toBeNull();
  });

  it("a project whose owner is deactivated shows gate debt at once, and loses it when they are back", async () => {
    const owner = await createUser(db, { name: "Leaving Owner" });
    const project = await createProject(db, { stage: "plan", owner, roles: [{ user: u.admin, role: "decider" }] });
    await refreshGateStatus(db, [project.id]);
    const debt = async () => (await db.project.findUniqueOrThrow({ where: { id: project.id } })).gateDebt;
    const before = await debt();
    expect(await setActive(db, u.admin, owner.id, false)).toEqual({ ok: true });
    expect(await debt()).toBe(before + 1);
    expect(await setActive(db, u.admin, owner.id, true)).toEqual({ ok: true });
    expect(await debt()).toBe(before);
  });

  it("deactivating an invited person kills their link", async () => {
    const { token, userId } = await invited();
    expect(await setActive(db, u.admin, userId, false)).toEqual({ ok: true });
    expect(await oneTimeLink(db, token)).toBeNull();
  });

  it("never leaves the workspace without an active administrator, and nobody deactivates themselves", async () => {
    const solo = await createTestWorkspaceAdmin();
    expect(await setActive(db, solo, solo.id, false)).toMatchObject({ ok: false, status: 409 });
    expect(await changeRole(db, solo, solo.id, "member")).toMatchObject({ ok: false, status: 409 });
  });

  it("changes a role, audited; a member cannot (403); the same role is a field error", async () => {
    const person = await createUser(db, { role: "viewer" });
    expect(await changeRole(db, u.member, person.id, "member")).toMatchObject({ ok: false, status: 403 });
    expect(await changeRole(db, u.admin, person.id, "viewer")).toMatchObject({ ok: false, status: 400, field: "role" });
    expect(await changeRole(db, u.admin, person.id, "member")).toEqual({ ok: true });
    expect(await db.auditEvent.findFirstOrThrow({ where: { action: "user.role_changed", entityId: person.id } })).toMatchObject({
      data: { from: "viewer", to: "member" },
    });
  });
});

/** Deactivates every other administrator of this file's database, so `u.admin` is the only active one. */
async function createTestWorkspaceAdmin(): Promise<TestUser> {
  const others = await db.user.findMany({ where: { role: "admin", deactivatedAt: null, NOT: { id: u.admin.id } }, select: { id: true } });
  for (const o of others) await setActive(db, u.admin, o.id, false);
  return u.admin;
}

// Teams (issue 12, item 3) on a real database: administrators create, rename and archive them and
// choose their members and gatekeepers; every change is audited, every refusal writes nothing.
import { beforeAll, describe, expect, it } from "vitest";
import { createProject } from "~/modules/projects/projects.server";
import {
  addTeamMember,
  createTeam,
  getTeam,
  listTeamsWithCounts,
  removeTeamMember,
  renameTeam,
  setTeamArchived,
  setTeamMemberRole,
} from "~/modules/teams/teams.server";
import type { Db } from "~/utils/db.server";
import { createUsers, withTestDb, type TestUser } from "../factories";

const t = withTestDb();
let db: Db;
let u: Record<"admin" | "ann" | "viewer" | "gone", TestUser>;
const admin = () => ({ id: u.admin.id, role: "admin" as const });

beforeAll(async () => {
  db = t.db;
  u = await createUsers(db, { admin: "admin", ann: "member", viewer: "viewer", gone: "member" });
  await db.user.update({ where: { id: u.gone.id }, data: { deactivatedAt: new Date() } });
});

const teamAudit = (teamId: string) => db.auditEvent.findMany({ where: { entity: "team", entityId: teamId }, orderBy: { id: "asc" }, select: { action: true } });

describe("teams", () => {
  it("an administrator creates, renames, archives and reopens a team; a member is refused and nothing is written", async () => {
    expect(await createTeam(db, { id: u.ann.id, role: "member" }, { name: "Returns" })).toMatchObject({ ok: false, status: 403 });
    expect(await db.team.count()).toBe(0);

    const created = await createTeam(db, admin(), { name: "Returns & Refunds" });
    expect(created).toEqual({ ok: true, slug: "returns-refunds" });
    // Names are unique whatever their case; a second team with a clashing slug gets its own.
    expect(await createTeam(db, admin(), { name: "returns & refunds" })).toMatchObject({ ok: false, status: 409, field: "name" });
    expect(await createTeam(db, admin(), { name: "Returns, Refunds" })).toEqual({ ok: true, slug: "returns-refunds-2" });

    const team = await db.team.findUniqueOrThrow({ where: { slug: "returns-refunds" } });
    expect(await renameTeam(db, admin(), team.id, { name: "Returns" })).toEqual({ ok: true });
    expect(await renameTeam(db, admin(), team.id, { name: "Returns, Refunds" })).toMatchObject({ ok: false, status: 409 });
    expect((await db.team.findUniqueOrThrow({ where: { id: team.id } })).slug).toBe("returns-refunds");

    expect(await setTeamArchived(db, admin(), team.id, true)).toEqual({ ok: true });
    // An archived team takes no new project, and its people cannot be changed.
    const refused = await createProject(db, admin(), { title: "Faster refunds", teamId: team.id });
    expect(refused).toMatchObject({ ok: false, status: 400, field: "teamId" });
    expect(await addTeamMember(db, admin(), team.id, { userId: u.ann.id, role: "member" })).toMatchObject({ ok: false, status: 409 });
    expect((await listTeamsWithCounts(db)).map((x) => [x.name, x.archivedAt !== null])).toEqual([
      ["Returns, Refunds", false],
      ["Returns", true],
    ]);
    expect(await setTeamArchived(db, admin(), team.id, false)).toEqual({ ok: true });
    expect(await createProject(db, admin(), { title: "Faster refunds", teamId: team.id })).toMatchObject({ ok: true });
    expect((await teamAudit(team.id)).map((e) => e.action)).toEqual(["team.created", "team.renamed", "team.archived", "team.unarchived"]);
  });

  it("members and gatekeepers: viewers are never gatekeepers, deactivated people are not added, nobody twice", async () => {
    const made = await createTeam(db, admin(), { name: "Sortation" });
    const team = await db.team.findUniqueOrThrow({ where: { slug: made.ok ? made.slug : "" } });
    expect(await addTeamMember(db, admin(), team.id, { userId: u.viewer.id, role: "gatekeeper" })).toMatchObject({ ok: false, status: 400, field: "role" });
    expect(await addTeamMember(db, admin(), team.id, { userId: u.gone.id, role: "member" })).toMatchObject({ ok: false, status: 400, field: "userId" });
    expect(await addTeamMember(db, admin(), team.id, { userId: u.viewer.id, role: "member" })).toEqual({ ok: true });
    expect(await addTeamMember(db, admin(), team.id, { userId: u.ann.id, role: "member" })).toEqual({ ok: true });
    expect(await addTeamMember(db, admin(), team.id, { userId: u.ann.id, role: "gatekeeper" })).toMatchObject({ ok: false, status: 409 });
    expect(await setTeamMemberRole(db, admin(), team.id, { userId: u.viewer.id, role: "gatekeeper" })).toMatchObject({ ok: false, status: 400 });
    expect(await setTeamMemberRole(db, admin(), team.id, { userId: u.ann.id, role: "gatekeeper" })).toEqual({ ok: true });
    expect(await setTeamMemberRole(db, { id: u.ann.id, role: "member" }, team.id, { userId: u.ann.id, role: "member" })).toMatchObject({
      ok: false,
      status: 403,
    });

    const page = await getTeam(db, "sortation");
    // Gatekeepers first.
    expect(page?.team.members.map((m) => [m.user.name, m.role])).toEqual([
      ["ann", "gatekeeper"],
      ["viewer", "member"],
    ]);
    // Only active people not yet in the team can be added.
    expect(page?.candidates.map((c) => c.name)).toEqual(["admin"]);

    expect(await removeTeamMember(db, admin(), team.id, u.viewer.id)).toEqual({ ok: true });
    expect(await removeTeamMember(db, admin(), team.id, u.viewer.id)).toMatchObject({ ok: false, status: 404 });
    expect((await teamAudit(team.id)).map((e) => e.action)).toEqual([
      "team.created",
      "team.member_added",
      "team.member_added",
      "team.member_role",
      "team.member_removed",
    ]);
  });
});

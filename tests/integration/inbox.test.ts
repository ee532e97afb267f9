// My work (issue 12, item 6) on a real database: each kind of item reaches the right person,
// links to its project or artifact, and leaves the inbox when it is done, or when the clock says so.
import { beforeAll, describe, expect, it } from "vitest";
import { applyDecision, requestReview } from "~/modules/lifecycle/gate.server";
import { countNow, inboxCount, inboxFor } from "~/modules/inbox/inbox.server";
import { acknowledgeRole } from "~/modules/projects/roles.server";
import { requestArtifactReview, reviewArtifact, setActionItemDone } from "~/modules/artifacts/artifacts.server";
import { writeAudit } from "~/modules/audit/audit.server";
import type { Db } from "~/utils/db.server";
import { overdueFlag } from "~/modules/projects/list.server";
import { listProjects } from "~/modules/projects/queries.server";
import { parseListParams } from "~/modules/projects/list-params";
import { createArtifact, createProject, createUsers, withTestDb, type TestUser } from "../factories";

const t = withTestDb();
let db: Db;
let u: Record<"owner" | "ann" | "ben" | "sam" | "admin", TestUser>;
const DAY = 86_400_000;

beforeAll(async () => {
  db = t.db;
  u = await createUsers(db, { owner: "member", ann: "member", ben: "member", sam: "member", admin: "admin" });
});

async function named(user: TestUser) {
  return { id: user.id, name: (await db.user.findUniqueOrThrow({ where: { id: user.id } })).name };
}

describe("my work", () => {
  it("a requested Plan review waits for each decider until they sign, and leaves both inboxes when the quorum decides", async () => {
    const project = await createProject(db, {
      stage: "plan",
      owner: u.owner,
      roles: [
        { user: u.ann, role: "decider" },
        { user: u.ben, role: "decider" },
      ],
    });
    const [ann, ben] = [await named(u.ann), await named(u.ben)];
    expect((await inboxFor(db, ann)).reviews).toEqual([]);
    expect(await requestReview(db, { projectId: project.id, actor: { id: u.owner.id, role: "member" }, confirmed: true })).toMatchObject({ ok: true });
    for (const who of [ann, ben])
      expect((await inboxFor(db, who)).reviews.map((r) => [r.project.key, r.stage, r.signatures])).toEqual([[project.key, "plan", 0]]);
    // The owner is told nothing to decide.
    expect((await inboxFor(db, await named(u.owner))).reviews).toEqual([]);

    const hold = { kind: "hold" as const, rationale: "After the budget", revisitDate: new Date(Date.now() + 30 * DAY) };
    await applyDecision(db, { projectId: project.id, expectedVersion: 1, actor: { id: u.ann.id, role: "member" }, request: hold });
    expect((await inboxFor(db, ann)).reviews).toEqual([]);
    expect((await inboxFor(db, ben)).reviews.map((r) => r.signatures)).toEqual([1]);
    await applyDecision(db, { projectId: project.id, expectedVersion: 2, actor: { id: u.ben.id, role: "member" }, request: hold });
    expect((await inboxFor(db, ben)).reviews).toEqual([]);
  });

  it("acknowledgements, artifact reviews and COE action items wait for their person until done", async () => {
    const sam = await named(u.sam);
    const project = await createProject(db, { stage: "understand", owner: u.owner, roles: [{ user: u.sam, role: "stakeholder" }] });
    const artifact = await createArtifact(db, project, u.owner, { kind: "prfaq", stage: "understand", title: "Returns PR/FAQ", state: "draft" });
    const owner = { id: u.owner.id, role: "member" as const };
    expect(await requestArtifactReview(db, owner, artifact.id, u.sam.id)).toMatchObject({ ok: true });
    const coe = await createArtifact(db, project, u.owner, { kind: "coe", stage: "understand", title: "Dock outage COE", state: "draft" });
    const item = await db.coeActionItem.create({
      data: { artifactId: coe.id, projectId: project.id, position: 0, title: "Add a dock alarm", ownerName: sam.name, dueDate: new Date(Date.now() - DAY) },
    });

    let inbox = await inboxFor(db, sam);
    expect(inbox.acks.map((a) => [a.project.key, a.role])).toEqual([[project.key, "stakeholder"]]);
    expect(inbox.artifactReviews.map((r) => r.artifact.title)).toEqual(["Returns PR/FAQ"]);
    expect(inbox.coe.map((c) => [c.title, c.overdue])).toEqual([["Add a dock alarm", true]]);
    const before = await inboxCount(db, sam);
    expect(before).toBeGreaterThanOrEqual(3);

    const role = await db.projectRole.findFirstOrThrow({ where: { projectId: project.id, userId: u.sam.id } });
    await acknowledgeRole(db, { id: u.sam.id, role: "member" }, project.id, role.id);
    const version = (await db.artifact.findUniqueOrThrow({ where: { id: artifact.id } })).version;
    expect(await reviewArtifact(db, { id: u.sam.id, role: "member" }, artifact.id, { outcome: "approved", version })).toMatchObject({ ok: true });
    expect(await setActionItemDone(db, owner, coe.id, item.id, true)).toMatchObject({ ok: true });
    inbox = await inboxFor(db, sam);
    expect([inbox.acks, inbox.artifactReviews, inbox.coe]).toEqual([[], [], []]);
    expect(await inboxCount(db, sam)).toBe(before - 3);
  });

  it("a hold comes due with the clock alone; what others changed is not work, and the count leaves it out", async () => {
    const owner = await named(u.owner);
    const now = new Date();
    const project = await createProject(db, { stage: "execute", owner: u.owner, data: { revisitAt: new Date(now.getTime() + 10 * DAY) } });
    const holdsOf = async (at: Date) => (await inboxFor(db, owner, at)).flags.filter((f) => f.key === project.key).map((f) => [f.kind, f.overdue]);
    expect(await holdsOf(now)).toEqual([]);
    expect(await holdsOf(new Date(now.getTime() + 5 * DAY))).toEqual([["hold", false]]);
    expect(await holdsOf(new Date(now.getTime() + 12 * DAY))).toEqual([["hold", true]]);
    const stored = await db.project.findUniqueOrThrow({ where: { id: project.id } });
    expect(stored.version).toBe(1);

    // Another person's change on a project I own is a notification, not work: the count stays.
    const count = await countNow(db, owner);
    await db.$transaction((tx) =>
      writeAudit(tx, { actorId: u.admin.id, projectId: project.id, entity: "project", entityId: project.id, action: "project.updated" }),
    );
    expect(await countNow(db, owner)).toBe(count);
  });
  it("a milestone not done past its due day is in its owner's My work and flagged overdue on the project's card and page, until it is done", async () => {
    const project = await createProject(db, { stage: "execute", owner: u.owner });
    const owner = await named(u.owner);
    const now = new Date("2026-12-06T12:00:00Z");
    const late = await db.milestone.create({
      data: { projectId: project.id, title: "Carrier API live", dueDate: new Date("2026-11-16T00:00:00Z"), state: "in_progress", ownerId: u.sam.id },
    });
    // Owned by nobody: the project's owner is asked; due in three days: due soon, not overdue.
    await db.milestone.create({ data: { projectId: project.id, title: "Pilot warehouse", dueDate: new Date("2026-12-09T00:00:00Z"), state: "planned" } });
    // Done or far off: nobody is asked.
    await db.milestone.create({
      data: { projectId: project.id, title: "Kick-off", dueDate: new Date("2026-10-01T00:00:00Z"), state: "done", ownerId: u.sam.id },
    });
    await db.milestone.create({
      data: { projectId: project.id, title: "Rollout", dueDate: new Date("2027-03-01T00:00:00Z"), state: "planned", ownerId: u.sam.id },
    });

    const sam = await named(u.sam);
    expect((await inboxFor(db, sam, now)).milestones.map((m) => [m.title, m.overdue])).toEqual([["Carrier API live", true]]);
    expect((await inboxFor(db, owner, now)).milestones.map((m) => [m.title, m.overdue])).toEqual([["Pilot warehouse", false]]);
    expect(await countNow(db, sam, now)).toBe(1);

    const params = parseListParams(new URLSearchParams({ q: project.key }));
    if (!params.ok) throw new Error("list params");
    const [row] = (await listProjects(db, params.params, u.owner.id)).rows;
    expect(overdueFlag(row!, now)).toEqual({ kind: "milestone", date: new Date("2026-11-16T00:00:00Z") });
    // On the day itself it is not yet late.
    expect(overdueFlag(row!, new Date("2026-11-16T23:00:00Z"))).toBeNull();

    await db.milestone.update({ where: { id: late.id }, data: { state: "done" } });
    expect((await inboxFor(db, sam, now)).milestones).toEqual([]);
    const [after] = (await listProjects(db, params.params, u.owner.id)).rows;
    expect(overdueFlag(after!, now)).toBeNull();
  });
});

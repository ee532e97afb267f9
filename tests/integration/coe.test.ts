// COEs as records (issue 26, items 3 and 4) against a real database: the categories administrators
// keep, who keeps a COE's record, what a save writes in its one transaction (root causes, action
// items owned by people, checks judged again, a lesson, an audit event with values), refusals
// that name the field and change nothing, and "once fixed, it remains fixed".
import { beforeAll, describe, expect, it } from "vitest";
import { getDashboard } from "~/modules/dashboard/dashboard.server";
import { countNow, inboxFor } from "~/modules/inbox/inbox.server";
import type { CoeRecordInput } from "~/modules/learning/coe";
import { addCategory, migrateCoeDocuments, reviewRecurrence, saveCoeRecord, setCategoryArchived } from "~/modules/learning/coe.server";
import { sampleBody } from "~/modules/artifacts/samples";
import { DEFAULT_PLAYBOOK } from "~/modules/lifecycle/playbook";
import type { Db } from "~/utils/db.server";
import { createArtifact, createProject, createTeam, createUsers, withTestDb, type TestUser } from "../factories";

const t = withTestDb();
let db: Db;
let u: Record<"author" | "owner" | "fixer" | "outsider" | "admin" | "viewer", TestUser>;
let deploy: string;
let capacity: string;

beforeAll(async () => {
  db = t.db;
  u = await createUsers(db, { author: "member", owner: "member", fixer: "member", outsider: "member", admin: "admin", viewer: "viewer" });
  const d = await addCategory(db, u.admin, { name: "Deployment" });
  const c = await addCategory(db, u.admin, { name: "Capacity", description: "Not enough of something" });
  if (!d.ok || !c.ok) throw new Error("categories");
  [deploy, capacity] = [d.id, c.id];
});

async function coe(title = "Double picks on 2 November", teamSlug?: string) {
  const team = teamSlug ? await createTeam(db, { name: teamSlug }) : null;
  const project = await createProject(db, { owner: u.owner, data: team ? { teamId: team.id } : {} });
  const artifact = await createArtifact(db, project, u.author, { kind: "coe", stage: "identify", title });
  return { project, artifact, team };
}

const input = (over: Partial<CoeRecordInput> = {}): CoeRecordInput => ({
  impactCount: 1200,
  impactMetricId: null,
  startedAt: "2026-11-02T14:05",
  detectedAt: "2026-11-02T14:40",
  mitigatedAt: "2026-11-02T16:00",
  resolvedAt: null,
  chains: [{ problem: "Orders were picked twice", whys: ["The retry ran after a timeout", "Stop: the timeout is the carrier's"] }],
  rootCauses: [{ text: "The deploy skipped the canary stage", categoryId: deploy }],
  actions: [{ title: "Add a canary stage", ownerId: u.fixer.id, dueDate: new Date(Date.now() + 3 * 86_400_000), link: "https://tickets.example.com/OPS-1" }],
  lesson: "Canary every deploy, even the small ones",
  ...over,
});

describe("root-cause categories", () => {
  it("are told apart regardless of case, and archived ones are not offered to a new root cause", async () => {
    expect(await addCategory(db, u.admin, { name: "deployment" })).toMatchObject({ ok: false, status: 400, problems: [{ field: "name" }] });
    const c = await addCategory(db, u.admin, { name: "Old network" });
    if (!c.ok) throw new Error("category");
    expect(await setCategoryArchived(db, u.admin, c.id, true)).toMatchObject({ ok: true });
    const { artifact } = await coe();
    const result = await saveCoeRecord(db, u.author, artifact.id, input({ rootCauses: [{ text: "A switch failed", categoryId: c.id }] }), "UTC");
    expect(result).toMatchObject({ ok: false, status: 400, problems: [{ field: "rootCauses[0].categoryId" }] });
    expect(await db.auditEvent.count({ where: { entityId: c.id, action: "category.archived" } })).toBe(1);
  });
});

describe("a COE's record", () => {
  it("is kept by the COE's author and the project's people; someone else and a viewer are refused, and nothing is written", async () => {
    const { artifact } = await coe();
    for (const actor of [u.outsider, u.viewer]) expect(await saveCoeRecord(db, actor, artifact.id, input(), "UTC")).toMatchObject({ ok: false, status: 403 });
    expect(await db.coeRecord.count({ where: { artifactId: artifact.id } })).toBe(0);
  });

  it("refuses an owner or a metric the workspace does not know, on its field, and writes nothing", async () => {
    const { artifact } = await coe();
    const bad = input({
      impactMetricId: "no-such-metric",
      actions: [
        { title: "Fix", ownerId: "nobody", dueDate: new Date(), link: null },
        { title: "Watch", ownerId: u.viewer.id, dueDate: new Date(), link: null },
      ],
    });
    const result = await saveCoeRecord(db, u.author, artifact.id, bad, "UTC");
    expect(result).toMatchObject({ ok: false, status: 400 });
    expect(result.ok ? [] : result.problems?.map((p) => p.field)).toEqual(["actions[0].ownerId", "actions[1].ownerId", "impactMetricId"]);
    expect(await db.coeRecord.count({ where: { artifactId: artifact.id } })).toBe(0);
    expect(await db.coeActionItem.count({ where: { artifactId: artifact.id } })).toBe(0);
  });

  it("saves the record in the writer's time zone, its action items owned by people, its lesson, its checks and an audit event with values", async () => {
    const { artifact, project } = await coe("Late labels", "Fulfilment");
    expect(await saveCoeRecord(db, u.author, artifact.id, input(), "Asia/Tokyo")).toMatchObject({ ok: true, recurring: 0 });
    const record = await db.coeRecord.findUniqueOrThrow({ where: { artifactId: artifact.id }, include: { rootCauses: true } });
    // 14:05 in Tokyo is 05:05 UTC.
    expect(record.startedAt.toISOString()).toBe("2026-11-02T05:05:00.000Z");
    expect(record.rootCauses.map((r) => [r.text, r.categoryId])).toEqual([["The deploy skipped the canary stage", deploy]]);
    const [item] = await db.coeActionItem.findMany({ where: { artifactId: artifact.id } });
    expect(item).toMatchObject({ title: "Add a canary stage", ownerId: u.fixer.id, ownerName: u.fixer.name, doneAt: null });
    // In the fixer's My work by who they are, and the project's Done-Done waits for it.
    expect((await inboxFor(db, u.fixer)).coe.map((c) => c.id)).toContain(item!.id);
    expect(await db.lesson.findFirst({ where: { artifactId: artifact.id }, select: { outcome: true, category: true, text: true, teamId: true } })).toEqual({
      outcome: "coe",
      category: "Deployment",
      text: "Canary every deploy, even the small ones",
      teamId: (await db.project.findUniqueOrThrow({ where: { id: project.id } })).teamId,
    });
    // The document's checks now read the record's parts: the why-chain says why it stops, so it passes.
    const checks = (await db.artifact.findUniqueOrThrow({ where: { id: artifact.id } })).checks as { key: string; passed: boolean }[];
    expect(checks.find((c) => c.key === "why_chains_deep")?.passed).toBe(true);
    expect(checks.find((c) => c.key === "root_causes_actioned")?.passed).toBe(true);
    const event = await db.auditEvent.findFirstOrThrow({ where: { entityId: artifact.id, action: "coe.recorded" } });
    expect((event.data as { changes: { field: string; after: unknown }[] }).changes).toContainEqual({
      field: "startedAt",
      before: null,
      after: "2026-11-02 05:05 UTC",
    });
  });
});

describe("once fixed, it remains fixed", () => {
  it("a COE naming a category an earlier, closed COE fixed is flagged recurring; the earlier one is asked about again, and the dashboard lists it", async () => {
    const first = await coe("Canary skipped in March", "Returns");
    expect(await saveCoeRecord(db, u.author, first.artifact.id, input({ rootCauses: [{ text: "No canary", categoryId: deploy }] }), "UTC")).toMatchObject({
      ok: true,
    });
    // Still open: a second COE in the category is not a recurrence yet.
    const early = await coe("Canary skipped in April");
    expect(await saveCoeRecord(db, u.author, early.artifact.id, input(), "UTC")).toMatchObject({ ok: true, recurring: 0 });
    await db.coeActionItem.updateMany({ where: { artifactId: first.artifact.id }, data: { doneAt: new Date() } });

    const before = await countNow(db, u.author);
    const again = await coe("Canary skipped again in November");
    const saved = await saveCoeRecord(
      db,
      u.author,
      again.artifact.id,
      input({
        rootCauses: [
          { text: "The canary was skipped", categoryId: deploy },
          { text: "Too few pickers", categoryId: capacity },
        ],
      }),
      "UTC",
    );
    expect(saved).toMatchObject({ ok: true, recurring: 1 });
    expect(await db.coeRecord.findUniqueOrThrow({ where: { artifactId: again.artifact.id } })).toMatchObject({ recurring: true });
    expect(await db.coeRecurrence.findMany({ where: { coeId: again.artifact.id }, select: { earlierId: true, categoryId: true } })).toEqual([
      { earlierId: first.artifact.id, categoryId: deploy },
    ]);
    expect((await db.coeRecord.findUniqueOrThrow({ where: { artifactId: first.artifact.id } })).reopenedAt).not.toBeNull();
    expect(await countNow(db, u.author)).toBe(before + 1);
    expect((await inboxFor(db, u.author)).recurred.map((r) => r.id)).toEqual([first.artifact.id]);
    expect(await db.auditEvent.count({ where: { entityId: first.artifact.id, action: "coe.recurred" } })).toBe(1);

    // Saved again: the pair is not recorded twice, and the earlier COE is not asked again.
    expect(await reviewRecurrence(db, u.author, first.artifact.id)).toMatchObject({ ok: true });
    expect(await saveCoeRecord(db, u.author, again.artifact.id, input({ impactCount: 1300 }), "UTC")).toMatchObject({ ok: true, recurring: 1 });
    expect(await db.coeRecurrence.count({ where: { coeId: again.artifact.id } })).toBe(1);
    expect((await db.coeRecord.findUniqueOrThrow({ where: { artifactId: first.artifact.id } })).reopenedAt).toBeNull();
    expect(await reviewRecurrence(db, u.outsider, first.artifact.id)).toMatchObject({ ok: false, status: 403 });

    const dashboard = await getDashboard(db, { team: null, period: "12m", playbook: DEFAULT_PLAYBOOK });
    const deployment = dashboard.recurring.find((g) => g.category === "Deployment");
    expect(deployment?.coes.map((c) => [c.coeTitle, c.earlierTitle])).toEqual([["Canary skipped again in November", "Canary skipped in March"]]);
  });
});

describe("old COE documents", () => {
  it("become records where their text gives every part, and stay documents, each with why, where not", async () => {
    const project = await createProject(db, { owner: u.owner });
    const whole = sampleBody("coe", "Uploads failed")
      .replace(
        "- 09:12 the deploy started and errors began.\n- 09:20 an alarm detected the error rate.\n- 09:59 the rollback mitigated the impact.",
        "- 2026-10-05 09:12 the deploy started and errors began.\n- 2026-10-05 09:20 an alarm detected the error rate.\n- 2026-10-05 09:59 the rollback mitigated the impact.",
      )
      .replace("- RC1: The deploy tool", "- RC1: Deployment: the deploy tool")
      .replace("Owner: Max Member", `Owner: ${u.fixer.name}`);
    const made = await createArtifact(db, project, u.author, { kind: "coe", stage: "identify", title: "Uploads failed", body: whole });
    const left = await createArtifact(db, project, u.author, { kind: "coe", stage: "identify", title: "Times without dates", body: sampleBody("coe", "x") });

    const result = await migrateCoeDocuments(db, u.admin);
    if (!result.ok) throw new Error(result.message);
    expect(result.report.made.map((d) => d.id)).toContain(made.id);
    expect(result.report.left.find((d) => d.id === left.id)?.reasons).toEqual([
      "The timeline gives no date and time (2026-11-02 14:05) for: started, detected, mitigated.",
      "Root cause 1 names none of the categories.",
      "Action item 1 has no one owner who is a person of the workspace.",
    ]);
    const record = await db.coeRecord.findUniqueOrThrow({ where: { artifactId: made.id }, include: { rootCauses: true } });
    expect(record).toMatchObject({ impactCount: 1204 });
    expect(record.startedAt.toISOString()).toBe("2026-10-05T09:12:00.000Z");
    expect(record.rootCauses.map((r) => r.categoryId)).toEqual([deploy]);
    expect(await db.coeActionItem.findMany({ where: { artifactId: made.id }, select: { ownerId: true, dueDate: true } })).toEqual([
      { ownerId: u.fixer.id, dueDate: new Date("2027-01-15T00:00:00Z") },
    ]);
    expect(await db.coeRecord.count({ where: { artifactId: left.id } })).toBe(0);
  });
});

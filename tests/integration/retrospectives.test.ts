// Retrospectives and the lessons library (issue 26, items 2 and 5) against a real database: which
// decisions open one and which the playbook requires, who writes it, what a save records (the
// values it changed, its action items, its lesson), nothing half-saved on bad input, action items
// in their owner's My work, and the lessons a project at a stage is shown.
import { beforeAll, describe, expect, it } from "vitest";
import { countNow, inboxFor } from "~/modules/inbox/inbox.server";
import { lessonsAtStage, searchLessons } from "~/modules/learning/lessons.server";
import { LessonParamsSchema } from "~/modules/learning/lesson-params";
import type { RetrospectiveInput } from "~/modules/learning/retrospective";
import { markActionItem, projectRetrospectives, retrospectiveDue, writeRetrospective } from "~/modules/learning/retrospectives.server";
import { applyDecision } from "~/modules/lifecycle/gate.server";
import { DEFAULT_PLAYBOOK } from "~/modules/lifecycle/playbook";
import { loadCurrentPlaybook } from "~/modules/lifecycle/playbook.server";
import { savePlaybook } from "~/modules/lifecycle/publish-playbook.server";
import type { Db } from "~/utils/db.server";
import { createProject, createReadyProject, createTeam, createUsers, withTestDb, type TestUser } from "../factories";

const t = withTestDb();
let db: Db;
let u: Record<"owner" | "decider" | "contributor" | "helper" | "admin" | "viewer", TestUser>;

beforeAll(async () => {
  db = t.db;
  u = await createUsers(db, { owner: "member", decider: "member", contributor: "member", helper: "member", admin: "admin", viewer: "viewer" });
});

const decide = (projectId: string, request: Parameters<typeof applyDecision>[1]["request"], actor: TestUser = u.decider) =>
  applyDecision(db, { projectId, expectedVersion: 1, actor, request });

const readyProject = () => createReadyProject(db, { owner: u.owner, deciders: [u.decider], roles: [{ user: u.contributor, role: "contributor" }] });

const input = (over: Partial<RetrospectiveInput> = {}): RetrospectiveInput => ({
  expected: "Pickers finish their lists by noon",
  happened: "Lists came late every day of peak",
  whys: ["The lists were built after the wave", "The planner runs at 11"],
  differently: "Try the list with the night shift before committing",
  actions: [{ title: "Move the planner run to 9", ownerId: u.helper.id, dueDate: new Date(Date.now() + 2 * 86_400_000), link: null }],
  ...over,
});

describe("a decision opens a retrospective", () => {
  it("Stop opens a required one in the decision's transaction: audited, in the owner's My work, shown as what the closed project waits for", async () => {
    const project = await readyProject();
    const before = await countNow(db, u.owner);
    expect(await decide(project.id, { kind: "stop", rationale: "The carrier fixed it" })).toMatchObject({ ok: true, applied: true, status: "stopped" });
    const [retro] = await projectRetrospectives(db, project.id);
    expect(retro).toMatchObject({ trigger: "stop", stage: "identify", required: true, writtenAt: null });
    expect(await retrospectiveDue(db, project.id)).toMatchObject({ id: retro!.id });
    const opened = await db.auditEvent.findFirstOrThrow({ where: { entity: "retrospective", entityId: retro!.id } });
    expect(opened).toMatchObject({ action: "retrospective.opened", actorId: u.decider.id, projectId: project.id });
    expect(await countNow(db, u.owner)).toBe(before + 1);
    expect((await inboxFor(db, u.owner)).retros.map((r) => r.project.key)).toContain(project.key);
  });

  it("Recycle opens one the default playbook does not require; a Go that moves on and a Hold open none", async () => {
    const recycled = await createReadyProject(db, { owner: u.owner, deciders: [u.decider] });
    await db.project.update({ where: { id: recycled.id }, data: { stage: "understand", stageRank: 1 } });
    expect(await decide(recycled.id, { kind: "recycle", recycleTo: "identify", rationale: "Back to the problem" })).toMatchObject({ ok: true });
    expect(await projectRetrospectives(db, recycled.id)).toMatchObject([{ trigger: "recycle", required: false }]);
    expect(await retrospectiveDue(db, recycled.id)).toBeNull();

    const moved = await readyProject();
    expect(await decide(moved.id, { kind: "go", rationale: "Ready" })).toMatchObject({ ok: true, stage: "understand" });
    const held = await readyProject();
    expect(await decide(held.id, { kind: "hold", rationale: "Wait", revisitDate: new Date(Date.now() + 9 * 86_400_000) })).toMatchObject({ ok: true });
    expect(await db.retrospective.count({ where: { projectId: { in: [moved.id, held.id] } } })).toBe(0);
  });

  it("the playbook says which are required: with Recycle only, a Stop's retrospective is optional", async () => {
    const playbook = await loadCurrentPlaybook(db);
    const { version: _v, ...content } = playbook;
    await savePlaybook(db, u.admin.id, { ...content, retrospectiveRequired: ["recycle"] }, "Retrospectives on recycles only");
    try {
      expect((await loadCurrentPlaybook(db)).retrospectiveRequired).toEqual(["recycle"]);
      const project = await readyProject();
      await decide(project.id, { kind: "stop", rationale: "Not needed" });
      expect(await projectRetrospectives(db, project.id)).toMatchObject([{ trigger: "stop", required: false }]);
    } finally {
      const { version: _d, ...defaults } = DEFAULT_PLAYBOOK;
      await savePlaybook(db, u.admin.id, { ...content, stages: defaults.stages, retrospectiveRequired: undefined }, "Back to the default");
    }
    expect((await loadCurrentPlaybook(db)).retrospectiveRequired).toBeUndefined();
  });
});

describe("writing a retrospective", () => {
  async function stopped() {
    const team = await createTeam(db);
    const project = await createReadyProject(db, { owner: u.owner, deciders: [u.decider], roles: [{ user: u.contributor, role: "contributor" }] });
    await db.project.update({ where: { id: project.id }, data: { teamId: team.id } });
    await decide(project.id, { kind: "stop", rationale: "Stopped" });
    const [retro] = await projectRetrospectives(db, project.id);
    return { project, retro: retro!, team };
  }

  it("only the owner (and administrators) write it; a contributor and a viewer are refused and nothing changes", async () => {
    const { project, retro } = await stopped();
    for (const actor of [u.contributor, u.viewer, u.decider]) {
      expect(await writeRetrospective(db, actor, project.id, retro.id, input())).toMatchObject({ ok: false, status: 403 });
    }
    expect(await db.retrospective.findUniqueOrThrow({ where: { id: retro.id } })).toMatchObject({ writtenAt: null, expected: null });
    expect(await db.lesson.count({ where: { retrospectiveId: retro.id } })).toBe(0);
  });

  it("an action item owned by nobody the workspace knows is refused on its field, and nothing is half-saved", async () => {
    const { project, retro } = await stopped();
    const result = await writeRetrospective(
      db,
      u.owner,
      project.id,
      retro.id,
      input({
        actions: [
          { title: "A", ownerId: "no-such-person", dueDate: new Date(), link: null },
          // A viewer may not act on an action item: not an owner either.
          { title: "B", ownerId: u.viewer.id, dueDate: new Date(), link: null },
        ],
      }),
    );
    expect(result).toMatchObject({
      ok: false,
      status: 400,
      problems: [
        { field: "actions[0].ownerId", message: "Choose an active person who may act as the owner (not a viewer)." },
        { field: "actions[1].ownerId", message: "Choose an active person who may act as the owner (not a viewer)." },
      ],
    });
    expect(await db.retrospective.findUniqueOrThrow({ where: { id: retro.id } })).toMatchObject({ writtenAt: null, expected: null });
    expect(await db.actionItem.count({ where: { retrospectiveId: retro.id } })).toBe(0);
  });

  it("a save keeps the text, the why-chain and the action items, makes its lesson, audits the values, and the project closes", async () => {
    const { project, retro, team } = await stopped();
    expect(await writeRetrospective(db, u.owner, project.id, retro.id, input())).toMatchObject({ ok: true });
    const [saved] = await projectRetrospectives(db, project.id);
    expect(saved).toMatchObject({ expected: "Pickers finish their lists by noon", whys: ["The lists were built after the wave", "The planner runs at 11"] });
    expect(saved!.writtenAt).not.toBeNull();
    expect(saved!.actions.map((a) => [a.title, a.owner.name])).toEqual([["Move the planner run to 9", u.helper.name]]);
    expect(await retrospectiveDue(db, project.id)).toBeNull();
    expect(await db.lesson.findMany({ where: { retrospectiveId: retro.id }, select: { text: true, stage: true, outcome: true, teamId: true } })).toEqual([
      { text: "Try the list with the night shift before committing", stage: "identify", outcome: "stop", teamId: team.id },
    ]);
    const written = await db.auditEvent.findFirstOrThrow({ where: { entityId: retro.id, action: "retrospective.written" } });
    expect((written.data as { changes: { field: string; before: unknown; after: unknown }[] }).changes).toContainEqual({
      field: "whys",
      before: null,
      after: "1. The lists were built after the wave\n2. The planner runs at 11",
    });

    // Rewritten: the edit records old and new values; the done state of an item kept under the same words stays.
    const [item] = saved!.actions;
    expect(await markActionItem(db, u.helper, project.id, item!.id, true)).toMatchObject({ ok: true });
    const rewrite = input({ differently: "Pilot with the night shift first", actions: [{ ...input().actions[0]!, link: "https://tickets.example.com/9" }] });
    expect(await writeRetrospective(db, u.owner, project.id, retro.id, rewrite)).toMatchObject({ ok: true });
    const edited = await db.auditEvent.findFirstOrThrow({ where: { entityId: retro.id, action: "retrospective.edited" } });
    expect((edited.data as { changes: { field: string; before: unknown; after: unknown }[] }).changes.map((c) => c.field)).toEqual(["differently", "actions"]);
    const [again] = await projectRetrospectives(db, project.id);
    expect(again!.actions[0]!.doneAt).not.toBeNull();
    expect(await db.lesson.findMany({ where: { retrospectiveId: retro.id }, select: { text: true } })).toEqual([{ text: "Pilot with the night shift first" }]);
  });

  it("an action item is in its owner's My work until done; its owner marks it, someone else on the project may not", async () => {
    const { project, retro } = await stopped();
    await writeRetrospective(db, u.owner, project.id, retro.id, input());
    const [item] = (await projectRetrospectives(db, project.id))[0]!.actions;
    expect((await inboxFor(db, u.helper)).actions.map((a) => a.id)).toContain(item!.id);
    expect(await markActionItem(db, u.contributor, project.id, item!.id, true)).toMatchObject({ ok: false, status: 403 });
    expect(await markActionItem(db, u.viewer, project.id, item!.id, true)).toMatchObject({ ok: false, status: 403 });
    expect(await markActionItem(db, u.helper, project.id, item!.id, true)).toMatchObject({ ok: true });
    expect((await inboxFor(db, u.helper)).actions.map((a) => a.id)).not.toContain(item!.id);
    expect(await db.auditEvent.count({ where: { entityId: item!.id, action: "action_item.done", actorId: u.helper.id } })).toBe(1);
  });
});

describe("the lessons library", () => {
  it("a project at a stage sees lessons of earlier projects that stopped or recycled there, its own team's first, never its own or a finished one's", async () => {
    const [mine, other] = [await createTeam(db), await createTeam(db)];
    const lesson = async (teamId: string | null, outcome: string, stage: "plan" | "execute", text: string, at: number) => {
      const p = await createProject(db, { stage, data: { teamId } });
      await db.lesson.create({ data: { projectId: p.id, teamId, outcome, stage, text, createdAt: new Date(at) } });
      return p;
    };
    await lesson(other.id, "stop", "plan", "Other team, newest", 5_000);
    await lesson(mine.id, "recycle", "plan", "My team, older", 1_000);
    await lesson(mine.id, "done", "plan", "Finished, not a warning", 6_000);
    await lesson(mine.id, "stop", "execute", "Another stage", 7_000);
    const here = await lesson(mine.id, "stop", "plan", "Its own lesson", 8_000);
    const shown = await lessonsAtStage(db, { id: here.id, stage: "plan", teamId: mine.id }, 5);
    const texts = shown.map((l) => l.text);
    expect(texts.slice(0, 1)).toEqual(["My team, older"]);
    expect(texts).toContain("Other team, newest");
    expect(texts).not.toContain("Finished, not a warning");
    expect(texts).not.toContain("Another stage");
    expect(texts).not.toContain("Its own lesson");
  });

  it("searches words regardless of case, filters by stage and outcome, and pages", async () => {
    const p = await createProject(db, { title: "Dock scheduling" });
    for (let i = 0; i < 27; i++) {
      await db.lesson.create({
        data: { projectId: p.id, outcome: "recycle", stage: "understand", text: `Zebra crossing lesson ${i}`, createdAt: new Date(10_000 + i) },
      });
    }
    const params = (raw: Record<string, string>) => LessonParamsSchema.parse(raw);
    const first = await searchLessons(db, params({ q: "ZEBRA", stage: "understand" }));
    expect(first.lessons).toHaveLength(25);
    expect(first.more).toBe(true);
    expect(first.lessons[0]!.text).toBe("Zebra crossing lesson 26");
    const second = await searchLessons(db, params({ q: "zebra", page: "2" }));
    expect(second.lessons.map((l) => l.text)).toEqual(["Zebra crossing lesson 1", "Zebra crossing lesson 0"]);
    expect(second.more).toBe(false);
    expect((await searchLessons(db, params({ q: "dock sched", outcome: "recycle" }))).lessons).toHaveLength(25);
    expect((await searchLessons(db, params({ q: "zebra", outcome: "stop" }))).lessons).toHaveLength(0);
    // Anything unknown in the address is dropped, not refused.
    expect(params({ stage: "nowhere", page: "-3", outcome: "maybe" })).toEqual({ page: 1 });
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import { seedWorkspace } from "~/modules/demo/seed.server";
import { parseListParams, type ListParams } from "~/modules/projects/list-params";
import { getBoardPage, getTablePage } from "~/modules/projects/list.server";
import { BOARD_COLUMN_LIMIT, getBoard, listProjects, projectBatches } from "~/modules/projects/queries.server";
import type { Db } from "~/utils/db.server";
import { newProject } from "../factories/projects";
import { withTestDb } from "../factories";

const t = withTestDb();
let db: Db;
let member: string;

beforeAll(async () => {
  db = t.db;
  await seedWorkspace(db, { projects: 120, values: 500, anchor: new Date("2026-11-16T00:00:00Z"), password: "list-test-password" });
  member = (await db.user.findUniqueOrThrow({ where: { email: "member@example.com" } })).id;
}, 60_000);

function params(qs: string): ListParams {
  const parsed = parseListParams(new URLSearchParams(qs));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.params;
}

describe("project lists in SQL", () => {
  it("filters by stage and status with the same totals as the database", async () => {
    const list = await listProjects(db, params("stage=plan&status=active&size=100"), member);
    expect(list.total).toBe(await db.project.count({ where: { stage: "plan", status: "active" } }));
    expect(list.rows.every((r) => r.stage === "plan" && r.status === "active")).toBe(true);
  });

  it("sorts by each column, ties by key", async () => {
    const byTitle = (await listProjects(db, params("sort=title&dir=desc&size=100"), member)).rows.map((r) => r.title.toLowerCase());
    expect(byTitle).toEqual([...byTitle].sort().reverse());
    const byStage = (await listProjects(db, params("sort=stage&size=100"), member)).rows;
    const ranks = byStage.map((r) => ["identify", "understand", "owner", "plan", "execute", "adopt"].indexOf(r.stage));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    const byDays = (await listProjects(db, params("sort=days&dir=desc&size=100"), member)).rows.map((r) => r.stageEnteredAt.getTime());
    expect(byDays).toEqual([...byDays].sort((a, b) => a - b));
    const byOwner = (await listProjects(db, params("sort=owner&size=100"), member)).rows.map((r) => r.ownerName);
    const named = byOwner.filter((n): n is string => n !== null).map((n) => n.toLowerCase());
    expect(named).toEqual([...named].sort());
    expect(byOwner.slice(named.length).every((n) => n === null)).toBe(true);
  });

  it("groups rows by the grouping column first", async () => {
    const rows = (await listProjects(db, params("group=team&sort=title&size=100"), member)).rows;
    const teams = rows.map((r) => r.teamName?.toLowerCase());
    expect(teams).toEqual([...teams].sort());
  });

  it("searches title, customer and key, case-insensitively, with wildcards taken literally", async () => {
    const hit = await listProjects(db, params("q=LIVE%20PICK"), member);
    expect(hit.rows.map((r) => r.key)).toEqual(["GP-1"]);
    expect((await listProjects(db, params("q=gp-2"), member)).rows.map((r) => r.key)).toEqual(["GP-2"]);
    expect((await listProjects(db, params("q=%25"), member)).total).toBe(0);
    expect((await listProjects(db, params("q=_"), member)).total).toBe(0);
  });

  it("filters by team slug, owner and mine", async () => {
    const payments = await db.team.findUniqueOrThrow({ where: { slug: "payments" } });
    const byTeam = await listProjects(db, params("team=payments&size=100"), member);
    expect(byTeam.total).toBe(await db.project.count({ where: { teamId: payments.id } }));
    const byOwner = await listProjects(db, params(`owner=${member}&size=100`), member);
    expect(byOwner.total).toBe(await db.project.count({ where: { ownerId: member } }));
    const mine = await listProjects(db, params("mine=1&size=100"), member);
    expect(mine.total).toBe(await db.project.count({ where: { OR: [{ ownerId: member }, { proposerId: member }, { roles: { some: { userId: member } } }] } }));
    expect(mine.total).toBeGreaterThan(byOwner.total);
    // "I own" and "I decide" are narrower, and each is exactly its role.
    const own = await listProjects(db, params("mine=own&size=100"), member);
    expect(own.total).toBe(await db.project.count({ where: { ownerId: member } }));
    const decide = await listProjects(db, params("mine=decide&size=100"), member);
    expect(decide.total).toBe(await db.project.count({ where: { roles: { some: { userId: member, role: "decider" } } } }));
    expect(own.total + decide.total).toBeLessThanOrEqual(mine.total);
  });

  it("turns a page past the end into the last page", async () => {
    const list = await listProjects(db, params("size=50&page=99"), member);
    expect(list.page).toBe(list.pages);
    expect(list.rows.length).toBe(list.total - (list.pages - 1) * 50);
  });

  it("exports every row of the filter in batches, in table order", async () => {
    const rows = [];
    for await (const batch of projectBatches(db, params("sort=title"), member, 7)) rows.push(...batch);
    expect(rows.length).toBe(120);
    expect(rows.map((r) => r.key)).toEqual(
      (await listProjects(db, params("sort=title&size=100"), member)).rows
        .map((r) => r.key)
        .concat((await listProjects(db, params("sort=title&size=100&page=2"), member)).rows.map((r) => r.key)),
    );
  });

  it("builds the board: open projects per stage, counted in full, the longest in stage first", async () => {
    const board = await getBoard(db, params(""), member);
    for (const column of board) {
      expect(column.total).toBe(await db.project.count({ where: { stage: column.stage, status: { in: ["active", "on_hold"] } } }));
      expect(column.cards.length).toBe(Math.min(column.total, BOARD_COLUMN_LIMIT));
      const entered = column.cards.map((c) => c.stageEnteredAt.getTime());
      expect(entered).toEqual([...entered].sort((a, b) => a - b));
      expect(column.cards.every((c) => c.status === "active" || c.status === "on_hold")).toBe(true);
    }
    const stopped = await getBoard(db, params("status=stopped"), member);
    expect(stopped.reduce((n, c) => n + c.total, 0)).toBe(await db.project.count({ where: { status: "stopped" } }));
  });
});

describe("the cached board and table", () => {
  it('show a change as soon as it is written, and keep "mine" per person', async () => {
    const admin = (await db.user.findUniqueOrThrow({ where: { email: "admin@example.com" } })).id;
    const identify = async () => (await getBoardPage(db, params(""), member)).columns.find((c) => c.stage === "identify")!.total;
    const before = await identify();
    // The board shows open projects (active and on hold); the table every status unless one is chosen.
    expect(before).toBe(await db.project.count({ where: { stage: "identify", status: { in: ["active", "on_hold"] } } }));
    const table = (await getTablePage(db, params("stage=identify&size=100"), member)).list.total;
    expect(table).toBe(await db.project.count({ where: { stage: "identify" } }));

    const made = await newProject(db, { id: member, role: "member" }, { title: "Cache check", teamId: undefined });
    expect(await identify()).toBe(before + 1);
    const after = await getTablePage(db, params("stage=identify&sort=key&dir=desc"), member);
    expect(after.list.rows[0]!.key).toBe(made.key);
    expect(after.teams.length).toBeGreaterThan(0);

    // The member proposed it, so it is theirs and not the administrator's.
    const mine = (user: string) => getTablePage(db, params("mine=1&q=Cache%20check"), user);
    expect((await mine(member)).list.rows.map((r) => r.key)).toEqual([made.key]);
    expect((await mine(admin)).list.rows).toEqual([]);
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import { handleValuesRequest } from "~/modules/metrics/api.server";
import { changeRole } from "~/modules/people/people.server";
import { listTokens, revokeToken } from "~/modules/tokens/tokens.server";
import type { Db } from "~/utils/db.server";
import { createApiToken, createMetric, RATE, withTestDb } from "../factories";

const t = withTestDb();
let db: Db;
let admin = "";
const projects: { id: string; metricId: string }[] = [];
let projectToken = "";
let orgToken = "";

beforeAll(async () => {
  db = t.db;
  admin = (await db.user.create({ data: { email: "admin@api.test", name: "Admin", passwordHash: "x", role: "admin" } })).id;
  for (const n of [1, 2]) {
    const p = await db.project.create({ data: { number: n, key: `GP-${n}`, title: `API ${n}`, proposerId: admin } });
    const m = await createMetric(db, p, { name: "Orders on time", ...RATE });
    projects.push({ id: p.id, metricId: m.id });
  }
  projectToken = (await createApiToken(db, admin, { name: "Exporter", scope: "GP-1" })).secret;
  orgToken = (await createApiToken(db, admin, { name: "Warehouse" })).secret;
});

function post(path: string, body: unknown, token?: string) {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  return new Request(`http://localhost${path}`, {
    method: "POST",
    body: text,
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });
}

async function call(metricId: string | null, body: unknown, token?: string) {
  const response = await handleValuesRequest(db, post(metricId ? `/api/v1/metrics/${metricId}/values` : "/api/v1/values", body, token), metricId);
  return { status: response.status, body: (await response.json()) as { written?: number; error?: string; errors?: { path: string; message: string }[] } };
}

const values = () => db.metricValue.count();

describe("the values API", () => {
  it("refuses a request without a token, or with an unknown one (401)", async () => {
    expect((await call(projects[0]!.metricId, { periodStart: "2026-11-16", value: 0.95 })).status).toBe(401);
    expect((await call(projects[0]!.metricId, { periodStart: "2026-11-16", value: 0.95 }, "gp_not-a-real-token")).status).toBe(401);
    expect(await values()).toBe(0);
  });

  it("refuses a project token on another project's metric (403), writing nothing", async () => {
    const r = await call(projects[1]!.metricId, { periodStart: "2026-11-16", value: 0.95 }, projectToken);
    expect(r.status).toBe(403);
    const batch = await call(
      null,
      {
        values: [
          { metricId: projects[0]!.metricId, periodStart: "2026-11-16", value: 0.9 },
          { metricId: projects[1]!.metricId, periodStart: "2026-11-16", value: 0.9 },
        ],
      },
      projectToken,
    );
    expect(batch.status).toBe(403);
    expect(await values()).toBe(0);
  });

  it("refuses a malformed body with the field's path: strings for numbers, bad JSON, a bad period (400), writing nothing", async () => {
    const strings = await call(
      projects[0]!.metricId,
      {
        values: [
          { periodStart: "2026-11-09", value: 0.9 },
          { periodStart: "2026-11-16", value: "0.95" },
        ],
      },
      projectToken,
    );
    expect(strings).toMatchObject({ status: 400, body: { errors: [{ path: "values[1].value", message: "Expected number, received string" }] } });
    expect((await call(projects[0]!.metricId, "{not json", projectToken)).status).toBe(400);
    const tuesday = await call(
      projects[0]!.metricId,
      {
        values: [
          { periodStart: "2026-11-09", value: 0.9 },
          { periodStart: "2026-11-17", value: 0.95 },
        ],
      },
      projectToken,
    );
    expect(tuesday).toMatchObject({
      status: 400,
      body: { errors: [{ path: "values[1].periodStart", message: expect.stringContaining("does not start a week") }] },
    });
    expect(await values()).toBe(0);
  });

  it("writes a good batch once even when it is sent twice", async () => {
    const batch = {
      values: [
        { metricId: projects[0]!.metricId, periodStart: "2026-11-09", value: 0.91 },
        { metricId: projects[1]!.metricId, periodStart: "2026-11-09", value: 0.88 },
      ],
    };
    expect(await call(null, batch, orgToken)).toEqual({ status: 200, body: { written: 2 } });
    expect(await call(null, batch, orgToken)).toEqual({ status: 200, body: { written: 2 } });
    expect(await values()).toBe(2);
    expect(await db.auditEvent.count({ where: { action: "metric.values_recorded" } })).toBe(4);
    // A correction replaces the value of that period.
    expect((await call(projects[0]!.metricId, { periodStart: "2026-11-09", value: 0.93 }, projectToken)).status).toBe(200);
    expect((await db.metricValue.findFirstOrThrow({ where: { metricId: projects[0]!.metricId } })).value).toBe(0.93);
  });

  it("a revoked token is refused (401)", async () => {
    const { id, secret } = await createApiToken(db, admin, { name: "Short-lived" });
    expect((await call(projects[0]!.metricId, { periodStart: "2026-11-02", value: 0.9 }, secret)).status).toBe(200);
    await revokeToken(db, admin, id);
    expect(await call(projects[0]!.metricId, { periodStart: "2026-10-26", value: 0.9 }, secret)).toMatchObject({
      status: 401,
      body: { error: "This API token was revoked." },
    });
  });

  it("an unknown metric is a 404 on its own path", async () => {
    expect((await call("nope", { periodStart: "2026-11-16", value: 1 }, orgToken)).status).toBe(404);
  });

  it("refuses a rate above 1 and a period beyond the current one, naming both, and writes nothing (issue 13)", async () => {
    const before = await values();
    const r = await call(
      null,
      {
        values: [
          { metricId: projects[0]!.metricId, periodStart: "2026-11-09", value: 1.7 },
          { metricId: projects[0]!.metricId, periodStart: "2030-01-07", value: 0.9 },
        ],
      },
      orgToken,
    );
    expect(r.status).toBe(400);
    expect(r.body.errors).toEqual([
      { path: "values[0].value", message: '1.7 is not a share of 1: "Orders on time" is a rate, so 95% is 0.95' },
      {
        path: "values[1].periodStart",
        message: expect.stringMatching(/^2030-01-07 is in the future: the current week of "Orders on time" starts \d{4}-\d{2}-\d{2}$/),
      },
    ]);
    expect(await values()).toBe(before);
  });
});

describe("a token acts with its maker's current rights (issue 23)", () => {
  it("an administrator's organisation token narrows when they are demoted, ends when they are a viewer or deactivated, and comes back with their rights", async () => {
    const maker = await db.user.create({ data: { email: "maker@api.test", name: "Maker", passwordHash: "x", role: "admin" } });
    const token = (await createApiToken(db, maker.id, { name: "Maker's" })).secret;
    // The maker contributes to GP-1 and has no role on GP-2.
    await db.projectRole.create({ data: { projectId: projects[0]!.id, userId: maker.id, role: "contributor" } });
    const write = (metric: number, day: string) => call(projects[metric]!.metricId, { periodStart: day, value: 0.5 }, token);
    expect((await write(1, "2026-10-05")).status).toBe(200);

    await changeRole(db, { id: admin, role: "admin" }, maker.id, "member");
    const before = await values();
    const outside = await write(1, "2026-10-12");
    expect(outside.status).toBe(403);
    expect(outside.body.error).toMatch(/no longer writes to these metrics' projects/);
    expect((await write(0, "2026-10-12")).status).toBe(200);
    expect(await values()).toBe(before + 1);

    await changeRole(db, { id: admin, role: "admin" }, maker.id, "viewer");
    expect((await write(0, "2026-10-19")).status).toBe(403);
    await changeRole(db, { id: admin, role: "admin" }, maker.id, "admin");
    expect((await write(1, "2026-10-19")).status).toBe(200);

    // Deactivation revokes the token too; a token whose maker is deactivated is refused whatever its row says.
    await db.user.update({ where: { id: maker.id }, data: { deactivatedAt: new Date() } });
    const gone = await write(0, "2026-10-26");
    expect([gone.status, gone.body.error]).toEqual([401, "The person who made this API token is deactivated; it no longer opens the API."]);
    expect(await values()).toBe(before + 2);
  });

  it("the tokens list says what each token reads and writes now", async () => {
    const member = await db.user.create({ data: { email: "lister@api.test", name: "Lister", passwordHash: "x", role: "admin" } });
    await createApiToken(db, member.id, { name: "Lister org" });
    await createApiToken(db, member.id, { name: "Lister GP-2", scope: "GP-2" });
    const scopes = async () => Object.fromEntries((await listTokens(db)).filter((x) => x.name.startsWith("Lister")).map((x) => [x.name, x.scope]));
    expect(await scopes()).toEqual({
      "Lister org": "Reads every project; records values of every project.",
      "Lister GP-2": "Reads and records values of GP-2.",
    });
    await changeRole(db, { id: admin, role: "admin" }, member.id, "member");
    expect(await scopes()).toEqual({
      "Lister org": "Reads every project; records nothing now: Lister owns or contributes to no project.",
      "Lister GP-2": "Reads only: Lister no longer writes to GP-2 (an owner's or contributor's right).",
    });
    await db.projectRole.create({ data: { projectId: projects[1]!.id, userId: member.id, role: "contributor" } });
    expect(await scopes()).toEqual({
      "Lister org": "Reads every project; records values of the project Lister owns or contributes to.",
      "Lister GP-2": "Reads and records values of GP-2.",
    });
    await changeRole(db, { id: admin, role: "admin" }, member.id, "viewer");
    expect(await scopes()).toEqual({ "Lister org": "Reads only: Lister is a viewer now.", "Lister GP-2": "Reads only: Lister is a viewer now." });
  });
});

// The read API (issue 25, item 4) against a real database through its route modules: the OpenAPI
// document is valid OpenAPI 3.1, and every GET it documents answers as documented for a read
// token (the test walks the document: each path's 200 body is checked against the document's own
// schema with a JSON Schema validator, not with the zod schemas it was made from). Then what the
// document promises around it: ETags and If-None-Match, the one Error shape, cursors that refuse
// tampering, read and write scopes, and a project token that reads its own project only.
import { Validator } from "@seriousme/openapi-schema-validator";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { beforeAll, describe, expect, it } from "vitest";
import { handleValuesRequest } from "~/modules/metrics/api.server";
import type { Db } from "~/utils/db.server";
import * as openapiRoute from "~/routes/api.v1.openapi[.]json";
import { READS, serveRead } from "~/modules/api/read.server";
import { createApiToken, createArtifact, createMetric, createProject, createUsers, RATE, withTestDb, type TestUser } from "../factories";

const t = withTestDb();
let db: Db;
let u: Record<"admin" | "viewer" | "owner", TestUser>;
let read = "";
let write = "";
let projectToken = "";
const made = { key: "", otherKey: "", metricId: "", artifactId: "" };

function get(template: string, params: Record<string, string>, options: { token?: string; query?: string; headers?: Record<string, string> } = {}) {
  const path = template.replace(/\{(\w+)\}/g, (_m, name: string) => params[name]!);
  const request = new Request(`http://localhost/api/v1${path}${options.query ?? ""}`, {
    headers: { ...(options.token ? { authorization: `Bearer ${options.token}` } : {}), ...options.headers },
  });
  return serveRead(db, template as keyof typeof READS, request, params);
}

async function body(response: Response) {
  return (await response.json()) as Record<string, unknown>;
}

let document: {
  paths: Record<
    string,
    Record<string, { parameters?: { name: string; in: string }[]; responses: Record<string, { content?: Record<string, { schema: object }> }> }>
  >;
};

beforeAll(async () => {
  db = t.db;
  u = await createUsers(db, { admin: "admin", viewer: "viewer", owner: "member" });
  const project = await createProject(db, {
    owner: u.owner,
    title: "Dock doors",
    roles: [{ user: u.admin, role: "decider" }],
    data: { customer: "Night shift", problem: "Double-booked doors", whyNow: "Peak season" },
  });
  const other = await createProject(db, { owner: u.owner, title: "Label printer" });
  for (let i = 0; i < 5; i++) await createProject(db, { title: `Filler ${i}` });
  const metric = await createMetric(db, project, { name: "Doors on time", ...RATE });
  await db.metricValue.createMany({
    data: ["2026-10-05", "2026-10-12", "2026-10-19"].map((d, i) => ({ metricId: metric.id, periodStart: new Date(`${d}T00:00:00Z`), value: 0.8 + i / 20 })),
  });
  const artifact = await createArtifact(db, project, u.owner, { title: "Kick-off email", body: "# Why\n\nBecause." });
  await db.gateReview.create({
    data: {
      projectId: project.id,
      stage: "identify",
      requestedAt: new Date("2026-10-01T09:00:00Z"),
      decidedAt: new Date("2026-10-02T09:00:00Z"),
      decision: "go",
      rationale: "Facts in",
      decidedById: u.admin.id,
      quorum: 1,
    },
  });
  Object.assign(made, { key: project.key, otherKey: other.key, metricId: metric.id, artifactId: artifact.id });
  read = (await createApiToken(db, u.viewer.id, { name: "Reader", access: "read" })).secret;
  write = (await createApiToken(db, u.admin.id, { name: "Writer" })).secret;
  projectToken = (await createApiToken(db, u.admin.id, { name: "Dock exporter", scope: project.key, access: "read" })).secret;
  document = (await (await openapiRoute.loader()).json()) as typeof document;
});

describe("the OpenAPI document", () => {
  it("is valid OpenAPI 3.1", async () => {
    const validator = new Validator();
    const result = await validator.validate(document as unknown as Parameters<Validator["validate"]>[0]);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
  });

  it("documents a GET for every read route, and every documented GET answers 200 for a read token with a body its schema accepts", async () => {
    const gets = Object.entries(document.paths).filter(([, item]) => item.get);
    expect(gets.map(([path]) => path).sort()).toEqual(Object.keys(READS).sort());
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema({ $id: "gatepath", components: (document as unknown as { components: object }).components }, "gatepath");
    const params = { key: made.key, id: "" };
    for (const [path, item] of gets) {
      const id = path.startsWith("/metrics") ? made.metricId : made.artifactId;
      const response = await get(path, { ...params, id }, { token: read });
      expect(response.status, path).toBe(200);
      const schema = item.get!.responses["200"]!.content!["application/json"]!.schema;
      const json = await response.json();
      // The document's $refs point at #/components/schemas/…: resolved against the document itself.
      const validate = ajv.compile(JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"gatepath#/components/')));
      expect(validate(json) ? [] : JSON.stringify(validate.errors), path).toEqual([]);
    }
  });

  it("documents the Error shape for each refusal, and a refusal has it", async () => {
    expect(document.paths["/projects/{key}"]!.get!.responses["404"]!.content!["application/json"]!.schema).toEqual({ $ref: "#/components/schemas/Error" });
    const missing = await get("/projects/{key}", { key: "GP-999999" }, { token: read });
    expect(missing.status).toBe(404);
    expect(await body(missing)).toEqual({ error: "There is no project GP-999999.", errors: [] });
    const anonymous = await get("/projects", {});
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("www-authenticate")).toContain("Bearer");
    expect(Object.keys(await body(anonymous)).sort()).toEqual(["error", "errors"]);
  });
});

describe("GET /projects", () => {
  it("filters and sorts like the table, and pages with a cursor until the last page", async () => {
    const first = await body(await get("/projects", {}, { token: read, query: "?limit=3&sort=title&dir=desc" }));
    expect(first.total).toBe(7);
    const titles: string[] = (first.projects as { title: string }[]).map((p) => p.title);
    let next = first.next as string | null;
    while (next) {
      const page = await body(await get("/projects", {}, { token: read, query: `?limit=3&sort=title&dir=desc&cursor=${next}` }));
      titles.push(...(page.projects as { title: string }[]).map((p) => p.title));
      next = page.next as string | null;
    }
    expect(titles).toEqual([...titles].sort((a, b) => b.localeCompare(a)));
    expect(titles).toHaveLength(7);
    const dock = await body(await get("/projects", {}, { token: read, query: "?q=dock" }));
    expect((dock.projects as { key: string }[]).map((p) => p.key)).toEqual([made.key]);
  });

  it("names each wrong parameter, and refuses a cursor that was changed or made for other filters", async () => {
    const wrong = await get("/projects", {}, { token: read, query: "?stage=launch&limit=0&colour=red" });
    expect(wrong.status).toBe(400);
    const errors = ((await body(wrong)).errors as { path: string; message: string }[]).map((e) => e.path).sort();
    expect(errors).toEqual(["colour", "limit", "stage"]);
    const cursor = (await body(await get("/projects", {}, { token: read, query: "?limit=2" }))).next as string;
    const [payload, signature] = cursor.split(".");
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, "base64url").toString()), o: 0 })).toString("base64url");
    const tampered = await get("/projects", {}, { token: read, query: `?limit=2&cursor=${forged}.${signature}` });
    expect([tampered.status, (await body(tampered)).errors]).toEqual([400, [{ path: "cursor", message: expect.stringContaining("changed") }]]);
    const elsewhere = await get("/projects", {}, { token: read, query: `?limit=2&sort=title&cursor=${cursor}` });
    expect(elsewhere.status).toBe(400);
  });
});

describe("ETags", () => {
  it("every GET has one; sent back while it holds, the answer is a 304 without a body; a change makes a new one", async () => {
    const first = await get("/projects/{key}", { key: made.key }, { token: read });
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^W\/".+"$/);
    const again = await get("/projects/{key}", { key: made.key }, { token: read, headers: { "if-none-match": etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    await db.project.update({ where: { key: made.key }, data: { whyNow: "Peak season starts in six weeks" } });
    const changed = await get("/projects/{key}", { key: made.key }, { token: read, headers: { "if-none-match": etag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("etag")).not.toBe(etag);
  });
});

describe("scopes", () => {
  it("a read token records nothing; a write token reads too", async () => {
    const request = new Request(`http://localhost/api/v1/metrics/${made.metricId}/values`, {
      method: "POST",
      body: JSON.stringify({ periodStart: "2026-10-26", value: 0.9 }),
      headers: { "content-type": "application/json", authorization: `Bearer ${read}` },
    });
    const before = await db.metricValue.count();
    const refused = await handleValuesRequest(db, request, made.metricId);
    expect([refused.status, (await refused.json()).error]).toEqual([403, "This token reads only; make a token that records values to write them."]);
    expect(await db.metricValue.count()).toBe(before);
    expect((await get("/metrics/{id}", { id: made.metricId }, { token: write })).status).toBe(200);
  });

  it("a project's token reads that project and its things only", async () => {
    expect((await get("/projects/{key}", { key: made.key }, { token: projectToken })).status).toBe(200);
    expect((await get("/projects/{key}", { key: made.otherKey }, { token: projectToken })).status).toBe(403);
    expect((await get("/artifacts/{id}", { id: made.artifactId }, { token: projectToken })).status).toBe(200);
    const list = await body(await get("/projects", {}, { token: projectToken }));
    expect([(list.projects as { key: string }[]).map((p) => p.key), list.total]).toEqual([[made.key], 1]);
  });

  it("a metric's values between two dates, oldest first", async () => {
    const values = await body(await get("/metrics/{id}/values", { id: made.metricId }, { token: read, query: "?from=2026-10-10&to=2026-10-31" }));
    expect((values.values as { periodStart: string }[]).map((v) => v.periodStart)).toEqual(["2026-10-12", "2026-10-19"]);
    const wrong = await get("/metrics/{id}/values", { id: made.metricId }, { token: read, query: "?from=yesterday" });
    expect([wrong.status, ((await body(wrong)).errors as { path: string }[])[0]!.path]).toEqual([400, "from"]);
  });
});

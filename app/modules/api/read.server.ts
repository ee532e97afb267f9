// The read API (issue 25, item 4): GET /api/v1/projects (the table's filters and sort, a cursor
// per page), a project, its decisions, a metric and its values, an artifact. Every answer passes
// `answerGet`: the token is checked (read and write tokens both read; a project's token reads
// that project only), the body gets an ETag and an If-None-Match that still holds gets a 304,
// and every refusal has the one Error shape. The rate limit is the server's, per token, on /api/.
import crypto from "node:crypto";
import { json } from "@remix-run/node";
import type { z } from "zod";
import { listProjects } from "~/modules/projects/queries.server";
import { ListParamsSchema, type ListParams } from "~/modules/projects/list-params";
import { authenticate, markTokenUsed, type ApiToken } from "~/modules/tokens/tokens.server";
import { appUrl } from "~/modules/notifications/delivery.server";
import type { Db } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { sign, signedBy } from "~/utils/signature.server";
import {
  ProjectsQuery,
  ValuesQuery,
  type ApiErrorBody,
  type Artifact,
  type DecisionList,
  type Metric,
  type MetricValues,
  type Project,
  type ProjectPage,
} from "./schemas.server";

type Problem = { path: string; message: string };
export type Answer<T> = { ok: true; body: T } | { ok: false; status: 400 | 403 | 404; error: string; errors?: Problem[] };

/** A refusal in the API's one shape. */
export function apiError(status: number, error: string, errors: Problem[] = [], headers?: HeadersInit): Response {
  return json<ApiErrorBody>({ error, errors }, { status, headers });
}

const refuse = (status: 400 | 403 | 404, error: string, errors: Problem[] = []) => ({ ok: false as const, status, error, errors });

/** A weak ETag of the answer's bytes: equal bodies, equal tags. */
const etagOf = (body: string) => `W/"${crypto.createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;

function stillFresh(request: Request, etag: string): boolean {
  const sent = request.headers.get("if-none-match");
  if (!sent) return false;
  return sent.trim() === "*" || sent.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag.replace(/^W\//, ""));
}

/**
 * Answers a GET: authenticates, runs `read`, and sends its body with an ETag (a 304 when the
 * client's copy is current) or its refusal as an Error.
 */
export async function answerGet<T>(db: Db, request: Request, read: (token: ApiToken, url: URL) => Promise<Answer<T>>): Promise<Response> {
  if (request.method !== "GET" && request.method !== "HEAD") return apiError(405, "Use GET.");
  const auth = await authenticate(db, request.headers.get("authorization"));
  if (!auth.ok) return apiError(401, auth.message, [], { "WWW-Authenticate": 'Bearer realm="gatepath"' });
  const answer = await read(auth.token, new URL(request.url));
  if (!answer.ok) return apiError(answer.status, answer.error, answer.errors);
  await markTokenUsed(db, auth.token);
  const body = JSON.stringify(answer.body);
  const etag = etagOf(body);
  const headers = { ETag: etag, "Cache-Control": "private, no-cache", Vary: "Authorization" };
  if (stillFresh(request, etag)) return new Response(null, { status: 304, headers });
  return new Response(body, { status: 200, headers: { ...headers, "Content-Type": "application/json; charset=utf-8" } });
}

/** The query's parameters parsed whole by `schema`, or a 400 naming each wrong one. */
function parseQuery<S extends z.ZodTypeAny>(url: URL, schema: S): Answer<z.output<S>> {
  const raw: Record<string, string> = {};
  for (const [key, value] of url.searchParams) raw[key] = value;
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, body: parsed.data };
  return refuse(
    400,
    "Some parameters are wrong.",
    parsed.error.issues.map((i) =>
      i.code === "unrecognized_keys"
        ? { path: i.keys.join(", "), message: `Unknown parameter ${i.keys.join(", ")}.` }
        : { path: i.path.join(".") || "(query)", message: i.message },
    ),
  );
}

// ── Cursors: signed, so a changed one is refused, not followed ──────────────────────────────
const filterHash = (params: object) => crypto.createHash("sha256").update(JSON.stringify(params)).digest("base64url").slice(0, 16);

export function makeCursor(offset: number, filters: object): string {
  const payload = Buffer.from(JSON.stringify({ o: offset, f: filterHash(filters) })).toString("base64url");
  return `${payload}.${sign(getEnv().SESSION_SECRET, "api cursor", payload)}`;
}

/** The offset a cursor holds, or why it is refused (changed, or made for other filters). */
export function readCursor(cursor: string, filters: object): { ok: true; offset: number } | { ok: false; message: string } {
  const [payload = "", signature = ""] = cursor.split(".");
  if (!signedBy(getEnv().SESSION_SECRET, "api cursor", payload, signature)) {
    return { ok: false, message: "This cursor was changed or is not one this API made; start again without it." };
  }
  const value = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { o: number; f: string };
  if (value.f !== filterHash(filters)) return { ok: false, message: "This cursor belongs to other filters or another sort; start again without it." };
  return { ok: true, offset: value.o };
}

const iso = (date: Date | null) => date?.toISOString() ?? null;
const day = (date: Date | null) => date?.toISOString().slice(0, 10) ?? null;
const pageUrl = (path: string) => new URL(path, appUrl()).toString();

/** The token's project, when it has one: a project's token reads that one only. */
function outsideScope(token: ApiToken, projectId: string): Answer<never> | null {
  return token.projectId !== null && token.projectId !== projectId ? refuse(403, "This token belongs to another project; it reads that project only.") : null;
}

// ── Handlers ────────────────────────────────────────────────────────────────────────────────

export async function readProjects(db: Db, token: ApiToken, url: URL): Promise<Answer<z.infer<typeof ProjectPage>>> {
  const query = parseQuery(url, ProjectsQuery);
  if (!query.ok) return query;
  const { cursor, limit, ...filters } = query.body;
  const size = limit ?? 25;
  const scope = { ...filters, size };
  let offset = 0;
  if (cursor) {
    const read = readCursor(cursor, scope);
    if (!read.ok) return refuse(400, read.message, [{ path: "cursor", message: read.message }]);
    offset = read.offset;
  }
  const params: ListParams = {
    ...ListParamsSchema.parse({}),
    ...filters,
    sort: filters.sort ?? "key",
    dir: filters.dir ?? "asc",
    page: Math.floor(offset / size) + 1,
    size,
  };
  const list = await listProjects(db, params, token.createdById, token.projectId ?? undefined);
  const rows = offset < list.total ? list.rows : [];
  return {
    ok: true,
    body: {
      projects: rows.map((p) => ({
        key: p.key,
        title: p.title,
        customer: p.customer,
        stage: p.stage,
        status: p.status,
        owner: p.ownerName,
        team: p.teamName,
        stageEnteredAt: p.stageEnteredAt.toISOString(),
        updatedAt: p.updatedAt.toISOString(),
        gate: { mustMet: p.gateMustMet, mustTotal: p.gateMustTotal, debt: p.gateDebt },
        url: pageUrl(`/projects/${p.key}`),
      })),
      total: list.total,
      next: offset + size < list.total ? makeCursor(offset + size, scope) : null,
    },
  };
}

export async function readProject(db: Db, token: ApiToken, key: string): Promise<Answer<z.infer<typeof Project>>> {
  const p = await db.project.findUnique({
    where: { key },
    select: {
      id: true,
      key: true,
      title: true,
      customer: true,
      problem: true,
      whyNow: true,
      stage: true,
      status: true,
      stageEnteredAt: true,
      createdAt: true,
      updatedAt: true,
      gateMustMet: true,
      gateMustTotal: true,
      gateDebt: true,
      revisitAt: true,
      conditionDueAt: true,
      owner: { select: { name: true } },
      team: { select: { name: true } },
      roles: { orderBy: { createdAt: "asc" }, select: { role: true, acknowledgedAt: true, user: { select: { name: true } } } },
    },
  });
  if (!p) return refuse(404, `There is no project ${key}.`);
  const scoped = outsideScope(token, p.id);
  if (scoped) return scoped;
  return {
    ok: true,
    body: {
      key: p.key,
      title: p.title,
      customer: p.customer,
      problem: p.problem,
      whyNow: p.whyNow,
      stage: p.stage,
      status: p.status,
      owner: p.owner?.name ?? null,
      team: p.team?.name ?? null,
      stageEnteredAt: p.stageEnteredAt.toISOString(),
      createdAt: p.createdAt.toISOString(),
      updatedAt: p.updatedAt.toISOString(),
      roles: p.roles.map((r) => ({ role: r.role, name: r.user.name, acknowledged: r.acknowledgedAt !== null })),
      gate: { mustMet: p.gateMustMet, mustTotal: p.gateMustTotal, debt: p.gateDebt, revisitAt: day(p.revisitAt), conditionDueAt: day(p.conditionDueAt) },
      url: pageUrl(`/projects/${p.key}`),
    },
  };
}

export async function readDecisions(db: Db, token: ApiToken, key: string): Promise<Answer<z.infer<typeof DecisionList>>> {
  const project = await db.project.findUnique({ where: { key }, select: { id: true, key: true } });
  if (!project) return refuse(404, `There is no project ${key}.`);
  const scoped = outsideScope(token, project.id);
  if (scoped) return scoped;
  const reviews = await db.gateReview.findMany({
    where: { projectId: project.id, decidedAt: { not: null } },
    orderBy: { decidedAt: "desc" },
    select: {
      stage: true,
      decision: true,
      rationale: true,
      decidedAt: true,
      requestedAt: true,
      quorum: true,
      condition: true,
      conditionDueDate: true,
      revisitDate: true,
      recycleTo: true,
      decidedBy: { select: { name: true } },
    },
  });
  return {
    ok: true,
    body: {
      project: project.key,
      decisions: reviews.map((r) => ({
        stage: r.stage,
        decision: r.decision!,
        rationale: r.rationale,
        decidedBy: r.decidedBy?.name ?? null,
        decidedAt: r.decidedAt!.toISOString(),
        requestedAt: r.requestedAt.toISOString(),
        quorum: r.quorum,
        condition: r.condition,
        conditionDueDate: day(r.conditionDueDate),
        revisitDate: day(r.revisitDate),
        recycleTo: r.recycleTo,
      })),
    },
  };
}

export async function readMetric(db: Db, token: ApiToken, id: string): Promise<Answer<z.infer<typeof Metric>>> {
  const m = await db.metric.findUnique({
    where: { id },
    select: {
      id: true,
      projectId: true,
      name: true,
      definition: true,
      kind: true,
      unit: true,
      isRate: true,
      direction: true,
      target: true,
      cadence: true,
      retiredAt: true,
      project: { select: { key: true } },
      values: { orderBy: { periodStart: "desc" }, take: 1, select: { periodStart: true, value: true } },
    },
  });
  if (!m) return refuse(404, "There is no such metric.");
  const scoped = outsideScope(token, m.projectId);
  if (scoped) return scoped;
  const latest = m.values[0];
  return {
    ok: true,
    body: {
      id: m.id,
      project: m.project.key,
      name: m.name,
      definition: m.definition,
      kind: m.kind,
      unit: m.unit,
      isRate: m.isRate,
      direction: m.direction,
      target: m.target,
      cadence: m.cadence,
      retiredAt: iso(m.retiredAt),
      latest: latest ? { periodStart: day(latest.periodStart)!, value: latest.value } : null,
    },
  };
}

export async function readMetricValues(db: Db, token: ApiToken, id: string, url: URL): Promise<Answer<z.infer<typeof MetricValues>>> {
  const query = parseQuery(url, ValuesQuery);
  if (!query.ok) return query;
  const metric = await db.metric.findUnique({ where: { id }, select: { id: true, projectId: true } });
  if (!metric) return refuse(404, "There is no such metric.");
  const scoped = outsideScope(token, metric.projectId);
  if (scoped) return scoped;
  const { from, to } = query.body;
  const values = await db.metricValue.findMany({
    where: { metricId: id, periodStart: { ...(from ? { gte: new Date(`${from}T00:00:00Z`) } : {}), ...(to ? { lte: new Date(`${to}T00:00:00Z`) } : {}) } },
    orderBy: { periodStart: "asc" },
    select: { periodStart: true, value: true, source: true },
  });
  return { ok: true, body: { metric: metric.id, values: values.map((v) => ({ periodStart: day(v.periodStart)!, value: v.value, source: v.source })) } };
}

export async function readArtifact(db: Db, token: ApiToken, id: string): Promise<Answer<z.infer<typeof Artifact>>> {
  const a = await db.artifact.findUnique({
    where: { id },
    select: {
      id: true,
      projectId: true,
      kind: true,
      stage: true,
      title: true,
      state: true,
      version: true,
      approvedVersion: true,
      url: true,
      body: true,
      createdAt: true,
      updatedAt: true,
      project: { select: { key: true } },
      author: { select: { name: true } },
      reviewer: { select: { name: true } },
    },
  });
  if (!a) return refuse(404, "There is no such artifact.");
  const scoped = outsideScope(token, a.projectId);
  if (scoped) return scoped;
  return {
    ok: true,
    body: {
      id: a.id,
      project: a.project.key,
      kind: a.kind,
      stage: a.stage,
      title: a.title,
      state: a.state,
      version: a.version,
      approvedVersion: a.approvedVersion,
      author: a.author.name,
      reviewer: a.reviewer?.name ?? null,
      link: a.url,
      body: a.body,
      createdAt: a.createdAt.toISOString(),
      updatedAt: a.updatedAt.toISOString(),
      url: pageUrl(`/artifacts/${a.id}`),
    },
  };
}

type Params = Readonly<Record<string, string | undefined>>;
const param = (params: Params, name: string, max: number) => (params[name] ?? "").slice(0, max);

/** Each GET the OpenAPI document describes, by its path there: the routes serve these, the tests walk them. */
export const READS = {
  "/projects": (db: Db, token: ApiToken, _params: Params, url: URL) => readProjects(db, token, url),
  "/projects/{key}": (db: Db, token: ApiToken, params: Params) => readProject(db, token, param(params, "key", 20)),
  "/projects/{key}/decisions": (db: Db, token: ApiToken, params: Params) => readDecisions(db, token, param(params, "key", 20)),
  "/metrics/{id}": (db: Db, token: ApiToken, params: Params) => readMetric(db, token, param(params, "id", 40)),
  "/metrics/{id}/values": (db: Db, token: ApiToken, params: Params, url: URL) => readMetricValues(db, token, param(params, "id", 40), url),
  "/artifacts/{id}": (db: Db, token: ApiToken, params: Params) => readArtifact(db, token, param(params, "id", 40)),
} as const satisfies Record<string, (db: Db, token: ApiToken, params: Params, url: URL) => Promise<Answer<unknown>>>;

/** A route's GET: the read documented at `path`, with the route's parameters. */
export function serveRead(db: Db, path: keyof typeof READS, request: Request, params: Params): Promise<Response> {
  const read = READS[path] as (db: Db, token: ApiToken, params: Params, url: URL) => Promise<Answer<unknown>>;
  return answerGet(db, request, (token, url) => read(db, token, params, url));
}

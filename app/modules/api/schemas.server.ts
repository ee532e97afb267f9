// The read API's shapes (issue 25, item 4), one set for both: the handlers validate queries and
// type their answers with these zod schemas, and the OpenAPI 3.1 document at
// /api/v1/openapi.json is generated from the same ones (@asteasolutions/zod-to-openapi), so the
// document cannot drift from the code. Decision 54.
import { extendZodWithOpenApi, OpenAPIRegistry, OpenApiGeneratorV31 } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { ARTIFACT_KINDS, ARTIFACT_STATES, DECISION_KINDS, PROJECT_ROLE_KINDS, PROJECT_STATUSES, STAGES } from "~/modules/lifecycle/stages";
import { MINE, SORT_COLUMNS } from "~/modules/projects/list-params";

extendZodWithOpenApi(z);

const registry = new OpenAPIRegistry();
registry.registerComponent("securitySchemes", "token", {
  type: "http",
  scheme: "bearer",
  description: "An API token made on Settings › API tokens. A read token reads; a write token reads and records metric values.",
});

// ── Errors: one shape for every refusal ─────────────────────────────────────────────────────
export const ApiError = registry.register(
  "Error",
  z
    .object({
      error: z.string().openapi({ description: "What is wrong, in words.", example: "There is no such project." }),
      errors: z
        .array(z.object({ path: z.string().openapi({ example: "stage" }), message: z.string() }))
        .openapi({ description: "Each field or parameter that is wrong, when there are such." }),
    })
    .openapi({ description: "Every error the API answers, 4xx or 5xx, has this shape." }),
);
export type ApiErrorBody = z.infer<typeof ApiError>;

// ── Shapes ──────────────────────────────────────────────────────────────────────────────────
const Stage = z.enum(STAGES).openapi({ description: "The project's stage: one of the six gated stages." });
const Status = z.enum(PROJECT_STATUSES);
const Day = z.string().openapi({ format: "date", example: "2026-11-16" });
const Instant = z.string().openapi({ format: "date-time", example: "2026-11-16T09:30:00.000Z" });

const Gate = z.object({
  mustMet: z.number().int().openapi({ description: "Must-meet criteria of the current gate that are met." }),
  mustTotal: z.number().int(),
  debt: z.number().int().openapi({ description: "Criteria of gates already passed that are no longer met." }),
});

export const ProjectSummary = registry.register(
  "ProjectSummary",
  z.object({
    key: z.string().openapi({ example: "GP-12" }),
    title: z.string(),
    customer: z.string().nullable(),
    stage: Stage,
    status: Status,
    owner: z.string().nullable().openapi({ description: "The single-threaded owner's name." }),
    team: z.string().nullable(),
    stageEnteredAt: Instant,
    updatedAt: Instant,
    gate: Gate,
    url: z.string().openapi({ description: "The project's page.", example: "https://gatepath.example.com/projects/GP-12" }),
  }),
);

export const ProjectPage = registry.register(
  "ProjectPage",
  z.object({
    projects: z.array(ProjectSummary),
    total: z.number().int().openapi({ description: "How many projects the filter finds." }),
    next: z.string().nullable().openapi({ description: "The cursor of the next page, null on the last." }),
  }),
);

export const Project = registry.register(
  "Project",
  ProjectSummary.extend({
    problem: z.string().nullable(),
    whyNow: z.string().nullable(),
    createdAt: Instant,
    roles: z.array(z.object({ role: z.enum(PROJECT_ROLE_KINDS), name: z.string(), acknowledged: z.boolean() })),
    gate: Gate.extend({
      revisitAt: Day.nullable().openapi({ description: "A Hold's revisit date." }),
      conditionDueAt: Day.nullable().openapi({ description: "A Conditional Go's condition's due date." }),
    }),
  }),
);

export const Decision = registry.register(
  "Decision",
  z.object({
    stage: Stage,
    decision: z.enum(DECISION_KINDS),
    rationale: z.string().nullable(),
    decidedBy: z.string().nullable(),
    decidedAt: Instant,
    requestedAt: Instant,
    quorum: z.number().int().nullable(),
    condition: z.string().nullable(),
    conditionDueDate: Day.nullable(),
    revisitDate: Day.nullable(),
    recycleTo: z.union([Stage, z.null()]).openapi({ description: "The stage a Recycle sent the project back to." }),
  }),
);
export const DecisionList = registry.register("DecisionList", z.object({ project: z.string(), decisions: z.array(Decision) }));

export const Metric = registry.register(
  "Metric",
  z.object({
    id: z.string(),
    project: z.string().openapi({ example: "GP-12" }),
    name: z.string(),
    definition: z.string(),
    kind: z.enum(["input", "output"]),
    unit: z.string(),
    isRate: z.boolean(),
    direction: z.enum(["higher", "lower"]),
    target: z.number().nullable(),
    cadence: z.enum(["daily", "weekly", "monthly"]),
    retiredAt: Instant.nullable(),
    latest: z.object({ periodStart: Day, value: z.number() }).nullable(),
  }),
);

export const MetricValues = registry.register(
  "MetricValues",
  z.object({
    metric: z.string(),
    values: z.array(z.object({ periodStart: Day, value: z.number(), source: z.string() })),
  }),
);

export const Artifact = registry.register(
  "Artifact",
  z.object({
    id: z.string(),
    project: z.string(),
    kind: z.enum(ARTIFACT_KINDS),
    stage: Stage,
    title: z.string(),
    state: z.enum(ARTIFACT_STATES),
    version: z.number().int(),
    approvedVersion: z.number().int().nullable(),
    author: z.string(),
    reviewer: z.string().nullable(),
    link: z.string().nullable().openapi({ description: "Where a linked document lives (a dashboard, a spreadsheet)." }),
    body: z.string().nullable().openapi({ description: "The newest version's Markdown." }),
    createdAt: Instant,
    updatedAt: Instant,
    url: z.string(),
  }),
);

// ── Queries ─────────────────────────────────────────────────────────────────────────────────
const unknown = (what: string, values: readonly string[]) => ({ message: `Unknown ${what}; use one of ${values.join(", ")}.` });

export const ProjectsQuery = z
  .object({
    q: z.string().max(200, "Keep q under 200 characters.").optional().openapi({ description: "Words in the title or customer, or a project key." }),
    stage: z.enum(STAGES, { errorMap: () => unknown("stage", STAGES) }).optional(),
    status: z.enum(PROJECT_STATUSES, { errorMap: () => unknown("status", PROJECT_STATUSES) }).optional(),
    team: z.string().max(80).optional().openapi({ description: "A team's slug." }),
    owner: z.string().max(40).optional().openapi({ description: "The owner's id." }),
    mine: z
      .enum(MINE, { errorMap: () => unknown("mine", MINE) })
      .optional()
      .openapi({ description: "Projects the token's maker owns, decides, or is involved in." }),
    sort: z.enum(SORT_COLUMNS, { errorMap: () => unknown("sort column", SORT_COLUMNS) }).optional(),
    dir: z.enum(["asc", "desc"], { errorMap: () => unknown("direction", ["asc", "desc"]) }).optional(),
    limit: z.coerce
      .number({ invalid_type_error: "limit is a number from 1 to 100." })
      .int()
      .min(1, "limit is from 1 to 100.")
      .max(100, "limit is from 1 to 100.")
      .optional(),
    cursor: z.string().max(500).optional().openapi({ description: "The `next` of the page before; it only works with the same filters and sort." }),
  })
  .strict();
export type ProjectsQueryValue = z.infer<typeof ProjectsQuery>;

export const ValuesQuery = z
  .object({
    from: Day.regex(/^\d{4}-\d{2}-\d{2}$/, "from is a date like 2026-11-16.").optional(),
    to: Day.regex(/^\d{4}-\d{2}-\d{2}$/, "to is a date like 2026-11-16.").optional(),
  })
  .strict();

const NoQuery = z.object({}).strict();
export const QUERIES = { none: NoQuery };

// ── Paths ───────────────────────────────────────────────────────────────────────────────────
const errors = (codes: number[]) =>
  Object.fromEntries(
    codes.map((code) => [
      code,
      {
        description: {
          304: "Not modified: the ETag sent in If-None-Match is still the resource's.",
          400: "A parameter is wrong; each is named.",
          401: "No token, or one that is not valid (revoked, or its maker deactivated).",
          403: "The token may not read this (a project token reads its own project only).",
          404: "Nothing has that key or id.",
          429: "Too many requests for this token in the last minute.",
        }[code]!,
        ...(code === 304 ? {} : { content: { "application/json": { schema: ApiError } } }),
      },
    ]),
  );
const ok = (schema: z.ZodTypeAny, description: string) => ({
  200: {
    description,
    headers: {
      ETag: { description: "The version of this answer: send it in If-None-Match to get a 304 while it holds.", schema: { type: "string" as const } },
    },
    content: { "application/json": { schema } },
  },
});
const key = z.object({ key: z.string().openapi({ example: "GP-1", description: "A project's key." }) });
const id = z.object({ id: z.string().openapi({ description: "The id the app shows in the page's address." }) });

registry.registerPath({
  method: "get",
  path: "/projects",
  summary: "Projects, filtered and sorted like the table, a page at a time",
  request: { query: ProjectsQuery },
  responses: { ...ok(ProjectPage, "A page of projects."), ...errors([304, 400, 401, 429]) },
});
registry.registerPath({
  method: "get",
  path: "/projects/{key}",
  summary: "A project: its facts, stage, roles and gate status",
  request: { params: key },
  responses: { ...ok(Project, "The project."), ...errors([304, 401, 403, 404, 429]) },
});
registry.registerPath({
  method: "get",
  path: "/projects/{key}/decisions",
  summary: "A project's gate decisions, newest first",
  request: { params: key },
  responses: { ...ok(DecisionList, "Its decisions."), ...errors([304, 401, 403, 404, 429]) },
});
registry.registerPath({
  method: "get",
  path: "/metrics/{id}",
  summary: "A metric: its definition, target and newest value",
  request: { params: id },
  responses: { ...ok(Metric, "The metric."), ...errors([304, 401, 403, 404, 429]) },
});
registry.registerPath({
  method: "get",
  path: "/metrics/{id}/values",
  summary: "A metric's values, oldest period first",
  request: { params: id, query: ValuesQuery },
  responses: { ...ok(MetricValues, "Its values."), ...errors([304, 400, 401, 403, 404, 429]) },
});
registry.registerPath({
  method: "get",
  path: "/artifacts/{id}",
  summary: "An artifact and its newest version's text",
  request: { params: id },
  responses: { ...ok(Artifact, "The artifact."), ...errors([304, 401, 403, 404, 429]) },
});

const ValueIn = z.object({ periodStart: Day, value: z.number() }).strict();
registry.registerPath({
  method: "post",
  path: "/metrics/{id}/values",
  summary: "Record one value, or several, of a metric (a write token)",
  request: {
    params: id,
    body: { content: { "application/json": { schema: z.union([ValueIn, z.object({ values: z.array(ValueIn).min(1).max(10_000) }).strict()]) } } },
  },
  responses: {
    200: { description: "Written, all of them.", content: { "application/json": { schema: z.object({ written: z.number().int() }) } } },
    ...errors([400, 401, 403, 404, 429]),
  },
});
registry.registerPath({
  method: "post",
  path: "/values",
  summary: "Record values of several metrics at once (a write token)",
  request: {
    body: {
      content: {
        "application/json": {
          schema: z
            .object({
              values: z
                .array(ValueIn.extend({ metricId: z.string() }).strict())
                .min(1)
                .max(10_000),
            })
            .strict(),
        },
      },
    },
  },
  responses: {
    200: { description: "Written, all of them.", content: { "application/json": { schema: z.object({ written: z.number().int() }) } } },
    ...errors([400, 401, 403, 429]),
  },
});

let document: object | undefined;

/** The OpenAPI 3.1 document of the API, made once from the registered schemas. */
export function openApiDocument(): object {
  document ??= new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: {
      title: "Gatepath API",
      version: "1.0.0",
      description:
        "Read the portfolio (projects, their decisions, metrics and artifacts) and record metric values. Every request carries `Authorization: Bearer <token>`; every GET answers with an ETag; every error has the Error shape.",
    },
    servers: [{ url: "/api/v1" }],
    security: [{ token: [] }],
  });
  return document;
}

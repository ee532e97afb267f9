// The JSON API for metric values (README "API"): bearer-token authentication, a body checked
// whole, and all or nothing. Routes call `handleValuesRequest` and return its response.
import { json } from "@remix-run/node";
import { z } from "zod";
import { canOnProject } from "~/modules/people/authorize";
import { PROJECT_PEOPLE } from "~/modules/people/project-people.server";
import { authenticate, markTokenUsed } from "~/modules/tokens/tokens.server";
import type { Db } from "~/utils/db.server";
import type { RawValueRow } from "./value-rows";
import { projectMetricRefs, recordValues } from "./values.server";

const MAX_BODY_BYTES = 5 * 1024 * 1024;
const MAX_VALUES = 10_000;

const Value = z.object({ periodStart: z.string(), value: z.number() }).strict();
const OneMetricBatch = z.object({ values: z.array(Value).min(1).max(MAX_VALUES) }).strict();
const BatchBody = z
  .object({
    values: z
      .array(z.object({ metricId: z.string().min(1).max(40), periodStart: z.string(), value: z.number() }).strict())
      .min(1)
      .max(MAX_VALUES),
  })
  .strict();

type ApiError = { path: string; message: string };
const fail = (status: number, error: string, errors: ApiError[] = []) => json({ error, errors }, { status });

function zodErrors(error: z.ZodError): ApiError[] {
  return error.issues.map((i) => ({
    path:
      i.path
        .map((p) => (typeof p === "number" ? `[${p}]` : `.${p}`))
        .join("")
        .replace(/^\./, "") || "(body)",
    message: i.message,
  }));
}

const FIELD_PATH = { metric: "metricId", period: "periodStart", value: "value" } as const;

/** POST /api/v1/metrics/:id/values (metricId given) or POST /api/v1/values (each value names its metric). */
export async function handleValuesRequest(db: Db, request: Request, metricId: string | null): Promise<Response> {
  if (request.method !== "POST") return fail(405, "Use POST.");
  const auth = await authenticate(db, request.headers.get("authorization"));
  if (!auth.ok) return fail(401, auth.message);
  if (auth.token.access === "read") return fail(403, "This token reads only; make a token that records values to write them.");
  if (Number(request.headers.get("content-length") ?? "0") > MAX_BODY_BYTES) return fail(413, `The body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB.`);
  let body: unknown;
  try {
    body = JSON.parse(await request.text());
  } catch {
    return fail(400, "The body is not JSON.");
  }

  let rows: (RawValueRow & { metricId: string })[];
  if (metricId !== null) {
    // One value, or { values: [...] }: the shape says which, so errors name the right field.
    const batch = typeof body === "object" && body !== null && "values" in body;
    const parsed = batch ? OneMetricBatch.safeParse(body) : Value.safeParse(body);
    if (!parsed.success) return fail(400, "The body does not match the API.", zodErrors(parsed.error));
    const values = "values" in parsed.data ? parsed.data.values : [parsed.data];
    rows = values.map((v, i) => ({ row: i + 1, metric: metricId, metricId, period: v.periodStart, value: v.value }));
  } else {
    const parsed = BatchBody.safeParse(body);
    if (!parsed.success) return fail(400, "The body does not match the API.", zodErrors(parsed.error));
    rows = parsed.data.values.map((v, i) => ({ row: i + 1, metric: v.metricId, metricId: v.metricId, period: v.periodStart, value: v.value }));
  }

  const metrics = await projectMetricRefs(db, { ids: [...new Set(rows.map((r) => r.metricId))] });
  const known = new Set(metrics.map((m) => m.id));
  const unknown = rows.filter((r) => !known.has(r.metricId));
  if (unknown.length) {
    if (metricId !== null) return fail(404, "There is no such metric.");
    return fail(
      400,
      "Some values name no metric.",
      unknown.map((r) => ({ path: `values[${r.row - 1}].metricId`, message: `There is no metric "${r.metricId}"` })),
    );
  }
  const foreign = metrics.filter((m) => auth.token.projectId !== null && m.projectId !== auth.token.projectId);
  if (foreign.length)
    return fail(
      403,
      "This token belongs to another project; it cannot write these metrics.",
      foreign.map((m) => ({ path: "metricId", message: `Metric "${m.id}" is outside the token's project` })),
    );

  // A token acts with its maker's current rights (issue 23): a viewer's writes nothing, a member's
  // only the projects they own or contribute to now.
  if (auth.token.makerRole === "viewer") return fail(403, "The person who made this token is a viewer now; the token writes nothing.");
  if (auth.token.makerRole !== "admin") {
    const maker = { id: auth.token.createdById, role: auth.token.makerRole };
    const projects = await db.project.findMany({
      where: { id: { in: [...new Set(metrics.map((m) => m.projectId))] } },
      select: { id: true, ...PROJECT_PEOPLE },
    });
    const denied = new Set(projects.filter((p) => !canOnProject(maker, p, "write")).map((p) => p.id));
    if (denied.size)
      return fail(
        403,
        "The person who made this token no longer writes to these metrics' projects (an owner's or contributor's right).",
        metrics
          .filter((m) => denied.has(m.projectId))
          .map((m) => ({ path: "metricId", message: `Metric "${m.id}" is on a project the token's maker may not write to` })),
      );
  }

  const result = await recordValues(db, {
    actorId: auth.token.createdById,
    source: "api",
    metrics,
    rows,
    allowEmpty: false,
    auditData: { token: auth.token.prefix },
  });
  if (!result.ok) {
    const path = (row: number, field: keyof typeof FIELD_PATH) =>
      metricId !== null && !(body as { values?: unknown }).values ? FIELD_PATH[field] : `values[${row - 1}].${FIELD_PATH[field]}`;
    return fail(
      400,
      "Nothing was written.",
      result.problems.map((p) => ({ path: path(p.row, p.field), message: p.message })),
    );
  }
  await markTokenUsed(db, auth.token);
  return json({ written: result.written });
}

import { beforeAll, describe, expect, it } from "vitest";
import { loadFacts } from "~/modules/lifecycle/facts.server";
import { MetricSchema } from "~/modules/metrics/metric-form";
import { annotate, createMetric, retireMetric, updateMetric } from "~/modules/metrics/metrics.server";
import { getMetric, listProjectMetrics } from "~/modules/metrics/queries.server";
import { headlineMetric } from "~/modules/metrics/headline.server";
import { evaluate } from "~/modules/lifecycle/evaluate";
import { DEFAULT_PLAYBOOK } from "~/modules/lifecycle/playbook";
import type { Db } from "~/utils/db.server";
import { createProject, createUsers, withTestDb } from "../factories";

const t = withTestDb();
let db: Db;
const users = { owner: "", viewer: "", outsider: "" };
const as = (name: keyof typeof users) => ({ id: users[name], role: name === "viewer" ? ("viewer" as const) : ("member" as const) });

beforeAll(async () => {
  db = t.db;
  const made = await createUsers(db, { owner: "member", viewer: "viewer", outsider: "member" });
  for (const name of Object.keys(users) as (keyof typeof users)[]) users[name] = made[name].id;
});

/** A project in Plan in place, owned (and proposed) by the owner. */
const makeProject = () => createProject(db, { stage: "plan", owner: { id: users.owner }, ownerAccepted: false });

const form = (over: Record<string, unknown>) =>
  MetricSchema.parse({
    name: "Orders on time",
    definition: "Share of orders shipped by the promised day",
    kind: "output",
    unit: "%",
    isRate: "on",
    aggregate: "mean",
    direction: "higher",
    target: "0.95",
    cadence: "weekly",
    ...over,
  });

async function successMetrics(projectId: string) {
  const facts = (await loadFacts(db, projectId))!;
  return evaluate(facts, DEFAULT_PLAYBOOK, new Date()).criteria.find((c) => c.key === "success_metrics")!;
}

describe("metric definitions", () => {
  it("the Plan criterion is met once an input with a target drives an output with a target", async () => {
    const p = await makeProject();
    const output = await createMetric(db, as("owner"), p.id, form({}));
    if (!output.ok) throw new Error(output.message);
    expect((await successMetrics(p.id)).met).toBe(false);
    const input = await createMetric(
      db,
      as("owner"),
      p.id,
      form({ name: "Pick lists before shift", kind: "input", unit: "count", isRate: undefined, aggregate: "sum", target: "500", drives: [output.id] }),
    );
    if (!input.ok) throw new Error(input.message);
    expect(await successMetrics(p.id)).toMatchObject({ met: true });
    expect((await db.project.findUniqueOrThrow({ where: { id: p.id } })).version).toBe(3);
    expect(await db.auditEvent.count({ where: { projectId: p.id, entity: "metric" } })).toBe(2);

    // Without the target, the input no longer counts.
    expect(
      await updateMetric(
        db,
        as("owner"),
        p.id,
        input.id,
        form({ name: "Pick lists before shift", kind: "input", unit: "count", isRate: undefined, aggregate: "sum", target: "", drives: [output.id] }),
      ),
    ).toMatchObject({ ok: true });
    expect(await successMetrics(p.id)).toMatchObject({ met: false });
  });

  it("retiring keeps the metric and its values; it stops counting", async () => {
    const p = await makeProject();
    const output = await createMetric(db, as("owner"), p.id, form({}));
    if (!output.ok) throw new Error(output.message);
    await db.metricValue.create({ data: { metricId: output.id, periodStart: new Date("2026-11-16T00:00:00Z"), value: 0.97 } });
    expect(await retireMetric(db, as("owner"), p.id, output.id, "Replaced by a better measure")).toMatchObject({ ok: true });
    expect(await db.metricValue.count({ where: { metricId: output.id } })).toBe(1);
    const [listed] = await listProjectMetrics(db, p.id);
    expect(listed).toMatchObject({ name: "Orders on time", retiredAt: expect.any(Date), latest: { value: 0.97 } });
    expect((await loadFacts(db, p.id))!.metrics[0]!.retired).toBe(true);
    expect(await updateMetric(db, as("owner"), p.id, output.id, form({}))).toMatchObject({ ok: false, status: 400 });
  });

  it("refuses links to another project's metric, viewers and outsiders, and writes nothing", async () => {
    const p = await makeProject();
    const other = await makeProject();
    const foreign = await createMetric(db, as("owner"), other.id, form({}));
    if (!foreign.ok) throw new Error(foreign.message);
    expect(await createMetric(db, as("owner"), p.id, form({ kind: "input", drives: [foreign.id] }))).toMatchObject({ ok: false, status: 400, field: "drives" });
    expect(await createMetric(db, as("viewer"), p.id, form({}))).toMatchObject({ ok: false, status: 403 });
    expect(await createMetric(db, as("outsider"), p.id, form({}))).toMatchObject({ ok: false, status: 403 });
    expect(await db.metric.count({ where: { projectId: p.id } })).toBe(0);
  });

  it("the form names bad fields: a rate target over 1, a target that is not a number, an output that drives", () => {
    const errors = (over: Record<string, unknown>) => {
      const r = MetricSchema.safeParse({
        name: "X rate",
        definition: "Defined",
        kind: "output",
        unit: "%",
        isRate: "on",
        aggregate: "mean",
        direction: "higher",
        cadence: "weekly",
        ...over,
      });
      return r.success ? {} : r.error.flatten().fieldErrors;
    };
    expect(errors({ target: "95" })).toEqual({ target: ["A rate's target is a share of 1, like 0.95"] });
    expect(errors({ target: "lots" })).toEqual({ target: ["The target is a number, like 0.95 or 500"] });
    expect(errors({ drives: ["m1"] })).toEqual({ drives: ["Only input metrics drive outputs"] });
  });
});

describe("values by hand and from a CSV file", () => {
  it("a file with one bad row imports nothing and names the line; the fixed file imports through the staged preview", async () => {
    const { readValuesCsv } = await import("~/modules/metrics/csv-values.server");
    const { checkValueRows } = await import("~/modules/metrics/value-rows");
    const { loadImport, projectMetricRefs, recordValues, stageImport } = await import("~/modules/metrics/values.server");
    const p = await makeProject();
    const output = await createMetric(db, as("owner"), p.id, form({}));
    if (!output.ok) throw new Error(output.message);
    const metrics = await projectMetricRefs(db, { projectId: p.id });

    const bad = readValuesCsv("metric,period,value\nOrders on time,2026-11-02,0.91\nOrders on time,2026-11-09,ninety\nOrders on time,2026-11-16,0.95\n");
    if (!bad.ok) throw new Error("the file should read");
    expect(checkValueRows(bad.rows, metrics, { allowEmpty: false, now: new Date() })).toEqual({
      ok: false,
      problems: [{ row: 3, field: "value", message: '"ninety" is not a number' }],
    });
    expect(await db.metricValue.count({ where: { metricId: output.id } })).toBe(0);

    const good = readValuesCsv("metric,period,value\nOrders on time,2026-11-02,0.91\nOrders on time,2026-11-09,0.93\nOrders on time,2026-11-16,0.95\n");
    if (!good.ok) throw new Error("the file should read");
    const staged = await stageImport(db, { projectId: p.id, userId: users.owner, fileName: "values.csv", rows: good.rows });
    // Only its author may commit a staged upload.
    expect(await loadImport(db, { id: staged.id, projectId: p.id, userId: users.viewer })).toBeNull();
    const loaded = (await loadImport(db, { id: staged.id, projectId: p.id, userId: users.owner }))!;
    expect(await recordValues(db, { actorId: users.owner, source: "csv", metrics, rows: loaded.rows, allowEmpty: false })).toEqual({
      ok: true,
      written: 3,
      cleared: 0,
    });
    const stored = await db.metricValue.findMany({ where: { metricId: output.id }, orderBy: { periodStart: "asc" } });
    expect(stored.map((v) => [v.periodStart.toISOString().slice(0, 10), v.value, v.source])).toEqual([
      ["2026-11-02", 0.91, "csv"],
      ["2026-11-09", 0.93, "csv"],
      ["2026-11-16", 0.95, "csv"],
    ]);
    // The facts see the newest value: the metric reports.
    expect((await loadFacts(db, p.id))!.metrics[0]!.recent[0]).toBe(0.95);
  });

  it("the grid clears a value when its cell is emptied", async () => {
    const { projectMetricRefs, recordValues } = await import("~/modules/metrics/values.server");
    const p = await makeProject();
    const output = await createMetric(db, as("owner"), p.id, form({}));
    if (!output.ok) throw new Error(output.message);
    const metrics = await projectMetricRefs(db, { projectId: p.id });
    await recordValues(db, {
      actorId: users.owner,
      source: "manual",
      metrics,
      rows: [{ row: 1, metric: output.id, period: "2026-11-16", value: "0.9" }],
      allowEmpty: true,
    });
    expect(
      await recordValues(db, {
        actorId: users.owner,
        source: "manual",
        metrics,
        rows: [{ row: 1, metric: output.id, period: "2026-11-16", value: "" }],
        allowEmpty: true,
      }),
    ).toEqual({ ok: true, written: 0, cleared: 1 });
    expect(await db.metricValue.count({ where: { metricId: output.id } })).toBe(0);
  });
});

describe("Done-Done reads real values", () => {
  it("counts consecutive periods from the newest; a missing week breaks the run", async () => {
    const { consecutiveRun } = await import("~/modules/lifecycle/facts.server");
    const d = (s: string) => new Date(`${s}T00:00:00Z`);
    expect(consecutiveRun("weekly", [d("2026-11-16"), d("2026-11-09"), d("2026-11-02")])).toBe(3);
    expect(consecutiveRun("weekly", [d("2026-11-16"), d("2026-11-09"), d("2026-10-26"), d("2026-10-19")])).toBe(2);
    expect(consecutiveRun("monthly", [d("2026-01-01"), d("2025-12-01"), d("2025-11-01")])).toBe(3);
    expect(consecutiveRun("daily", [d("2024-03-01"), d("2024-02-29"), d("2024-02-27")])).toBe(2);
    expect(consecutiveRun("weekly", [])).toBe(0);

    const p = await makeProject();
    const output = await createMetric(db, as("owner"), p.id, form({}));
    if (!output.ok) throw new Error(output.message);
    for (const [day, value] of [
      ["2026-11-16", 0.96],
      ["2026-11-09", 0.95],
      ["2026-10-26", 0.97],
      ["2026-10-19", 0.98],
    ] as const) {
      await db.metricValue.create({ data: { metricId: output.id, periodStart: d(day), value } });
    }
    const fact = (await loadFacts(db, p.id))!.metrics[0]!;
    expect(fact).toMatchObject({ recent: [0.96, 0.95, 0.97, 0.98], consecutive: 2 });
    const facts = { ...(await loadFacts(db, p.id))!, stage: "adopt" as const };
    expect(evaluate(facts, DEFAULT_PLAYBOOK, new Date()).criteria.find((c) => c.key === "outputs_at_target")).toMatchObject({ met: false });
    expect(evaluate(facts, { ...DEFAULT_PLAYBOOK, doneDonePeriods: 2 }, new Date()).criteria.find((c) => c.key === "outputs_at_target")).toMatchObject({
      met: true,
    });
  });
});

describe("page 0's headline metric", () => {
  it("is the first live output with its newest value and the sparklines of two live inputs that drive it", async () => {
    const p = await makeProject();
    expect(await headlineMetric(db, p.id)).toBeNull();
    const make = async (over: Record<string, unknown>) => {
      const made = await createMetric(db, as("owner"), p.id, form(over));
      if (!made.ok) throw new Error(made.message);
      return made.id;
    };
    const retiredOutput = await make({ name: "Old output" });
    await retireMetric(db, as("owner"), p.id, retiredOutput, "Replaced");
    const output = await make({ name: "Orders on time" });
    await make({ name: "Second output" });
    const input = (name: string) => make({ name, kind: "input", unit: "count", isRate: undefined, aggregate: "sum", target: "5", drives: [output] });
    const first = await input("Pick lists");
    const retiredInput = await input("Retired input");
    await retireMetric(db, as("owner"), p.id, retiredInput, "Replaced");
    const second = await input("Trucks loaded");
    await input("Third input");
    const now = new Date(Date.UTC(2026, 10, 18));
    await db.metricValue.createMany({
      data: [
        { metricId: output, periodStart: new Date(Date.UTC(2026, 10, 2)), value: 0.9 },
        { metricId: output, periodStart: new Date(Date.UTC(2026, 10, 9)), value: 0.93 },
        { metricId: first, periodStart: new Date(Date.UTC(2026, 10, 9)), value: 7 },
      ],
    });

    const headline = (await headlineMetric(db, p.id, now))!;
    expect(headline).toMatchObject({
      id: output,
      name: "Orders on time",
      unit: "%",
      isRate: true,
      aggregate: "mean",
      direction: "higher",
      target: 0.95,
      cadence: "weekly",
    });
    expect(headline.latest).toEqual({ periodStart: new Date(Date.UTC(2026, 10, 9)), value: 0.93 });
    expect(headline.inputs.map((i) => i.id)).toEqual([first, second]);
    // Six weeks, a gap, twelve months; last week (9 November) carries the newest value.
    expect(headline.spark).toHaveLength(19);
    expect(headline.spark[5]).toEqual({ label: "9 Nov", value: 0.93 });
    expect(headline.inputs[0]!.spark[5]).toEqual({ label: "9 Nov", value: 7 });
    expect(headline.inputs[1]!.spark[5]!.value).toBeNull();
  });
});

describe("reading metrics", () => {
  it("lists a project's metrics inputs first, retired last, with links and the newest value; one metric with its links, values and notes", async () => {
    const p = await makeProject();
    const make = async (over: Record<string, unknown>) => {
      const made = await createMetric(db, as("owner"), p.id, form(over));
      if (!made.ok) throw new Error(made.message);
      return made.id;
    };
    const output = await make({ name: "Orders on time" });
    const retired = await make({ name: "Old input", kind: "input", unit: "count", isRate: undefined, aggregate: "sum", target: "", drives: [output] });
    await retireMetric(db, as("owner"), p.id, retired, "Replaced");
    const input = await make({ name: "Pick lists", kind: "input", unit: "count", isRate: undefined, aggregate: "sum", target: "5", drives: [output] });
    const week = (d: number) => new Date(Date.UTC(2026, 10, d));
    await db.metricValue.createMany({
      data: [
        { metricId: output, periodStart: week(2), value: 0.9 },
        { metricId: output, periodStart: week(16), value: 0.97 },
        { metricId: output, periodStart: week(9), value: 0.93 },
      ],
    });
    await annotate(db, as("owner"), p.id, output, { periodStart: week(9), kind: "explanation", body: "Holiday week" });
    await annotate(db, as("owner"), p.id, output, { periodStart: week(2), kind: "anecdote", body: "Before the window" });

    const listed = await listProjectMetrics(db, p.id);
    expect(listed.map((m) => [m.name, m.drives, m.latest])).toEqual([
      ["Pick lists", [output], null],
      ["Orders on time", [], { periodStart: week(16), value: 0.97 }],
      ["Old input", [output], null],
    ]);
    expect(listed[1]).toMatchObject({
      kind: "output",
      unit: "%",
      isRate: true,
      aggregate: "mean",
      direction: "higher",
      target: 0.95,
      cadence: "weekly",
      retiredAt: null,
      owner: null,
    });

    const one = (await getMetric(db, output, week(9)))!;
    expect(one).toMatchObject({
      id: output,
      name: "Orders on time",
      project: { id: p.id, key: p.key, proposerId: users.owner, roles: [{ userId: users.owner }] },
    });
    expect(one.drives).toEqual([]);
    expect(one.drivenBy.map((d) => d.input.name).sort()).toEqual(["Old input", "Pick lists"]);
    expect(one.values).toEqual([
      { periodStart: week(9), value: 0.93 },
      { periodStart: week(16), value: 0.97 },
    ]);
    expect(one.annotations).toEqual([
      { periodStart: week(9), kind: "explanation", body: "Holiday week", createdAt: expect.any(Date), author: { name: "owner" } },
    ]);
    expect((await getMetric(db, input, week(1)))!.drives).toEqual([{ output: { id: output, name: "Orders on time" } }]);
    expect(await getMetric(db, "no-such-metric", week(1))).toBeNull();
  });
});

describe("the value writer", () => {
  it("upserts into the rows Prisma wrote (one row per metric and period), and clears them", async () => {
    const { writeValues } = await import("~/modules/metrics/queries.server");
    const p = await makeProject();
    const made = await createMetric(db, as("owner"), p.id, form({}));
    if (!made.ok) throw new Error(made.message);
    const monday = new Date(Date.UTC(2026, 10, 16));
    const before = new Date(Date.UTC(2026, 10, 9));
    await db.metricValue.create({ data: { metricId: made.id, periodStart: monday, value: 0.5 } });

    const now = new Date(Date.UTC(2026, 10, 20, 12));
    await db.$transaction((tx) =>
      writeValues(
        tx,
        [
          { metricId: made.id, periodStart: monday, value: 0.97 },
          { metricId: made.id, periodStart: before, value: 0.91 },
        ],
        "api",
        now,
      ),
    );
    const rows = await db.metricValue.findMany({ where: { metricId: made.id }, orderBy: { periodStart: "asc" } });
    expect(rows.map((r) => [r.periodStart, r.value, r.source])).toEqual([
      [before, 0.91, "api"],
      [monday, 0.97, "api"],
    ]);
    expect(rows[1]!.updatedAt).toEqual(now);
    // Prisma finds the raw-written row by its date, and a range over dates includes it.
    expect(await db.metricValue.findUnique({ where: { metricId_periodStart: { metricId: made.id, periodStart: before } } })).not.toBeNull();
    expect(await db.metricValue.count({ where: { metricId: made.id, periodStart: { gte: before, lte: monday } } })).toBe(2);

    expect(await db.$transaction((tx) => writeValues(tx, [{ metricId: made.id, periodStart: monday, value: null }], "manual"))).toEqual({
      written: 0,
      cleared: 1,
    });
    expect((await db.metricValue.findMany({ where: { metricId: made.id } })).map((r) => r.periodStart)).toEqual([before]);
  });
});

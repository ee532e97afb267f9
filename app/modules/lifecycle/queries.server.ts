// Every raw SQL statement of the lifecycle domain, in one place: the facts the gate rules read
// (one statement for many projects, their relations as JSON built by the database), the stored
// gate status of many projects, and the current playbook's version. Fragments the two databases
// spell differently come from the dialect module; rows are parsed where they arrive.
import { Prisma } from "~/generated/prisma/client";
import type { Db, Tx } from "~/utils/db.server";
import { z } from "zod";
import { columnsOf, dialectOf, type Column } from "~/utils/dialect.server";
import { col, queryOne, queryRows } from "~/utils/rows.server";
import { ARTIFACT_KINDS, ARTIFACT_STATES, MILESTONE_STATES, PROJECT_ROLE_KINDS, PROJECT_STATUSES, STAGES } from "./stages";

type Client = Db | Tx;

const RECENT_VALUES = 12;

/** The project's own fact columns (free text and the launch date), for every query that shows or edits them. */
export const FACT_COLUMNS_SELECT = {
  customer: true,
  problem: true,
  whyNow: true,
  customerData: true,
  similarSystems: true,
  feasibilityReview: true,
  constraints: true,
  scopeBoundary: true,
  idealEndState: true,
  rollout: true,
  launchedAt: true,
} as const satisfies Prisma.ProjectSelect;
/** The same columns for raw SQL, read from the project aliased `p`. */
export const FACT_COLUMNS_SQL = Prisma.raw(
  Object.keys(FACT_COLUMNS_SELECT)
    .map((c) => `p."${c}"`)
    .join(", "),
);

const factColumns = Object.fromEntries(
  Object.keys(FACT_COLUMNS_SELECT)
    .filter((c) => c !== "launchedAt")
    .map((c) => [c, col.textOrNull]),
) as Record<Exclude<keyof typeof FACT_COLUMNS_SELECT, "launchedAt">, typeof col.textOrNull>;

// The relations arrive as JSON built by the query: dates as text, booleans as 0/1 (SQLite) or true/false.
const FactRow = z.object({
  id: col.text,
  stage: col.oneOf(STAGES),
  status: col.oneOf(PROJECT_STATUSES),
  ...factColumns,
  launchedAt: col.dateOrNull,
  proposerId: col.textOrNull,
  ownerId: col.textOrNull,
  steadyStateOwner: col.textOrNull,
  tenetCount: col.number,
  roles: col.jsonArray(z.object({ userId: col.text, role: col.oneOf(PROJECT_ROLE_KINDS), acknowledgedAt: col.dateOrNull, inactive: col.bool })),
  artifacts: col.jsonArray(
    z.object({
      id: col.text,
      kind: col.oneOf(ARTIFACT_KINDS),
      state: col.oneOf(ARTIFACT_STATES),
      version: col.number,
      checksPassed: col.bool,
      approvedVersion: col.numberOrNull,
      approvedChecksPassed: col.bool,
      hasContent: col.bool,
      openActionItems: col.number,
    }),
  ),
  milestones: col.jsonArray(z.object({ dueDate: col.dateOrNull, ownerId: col.textOrNull, state: col.oneOf(MILESTONE_STATES) })),
  metrics: col.jsonArray(
    z.object({
      id: col.text,
      kind: col.oneOf(["input", "output"]),
      target: col.numberOrNull,
      direction: col.oneOf(["higher", "lower"]),
      retiredAt: col.dateOrNull,
      cadence: col.oneOf(["daily", "weekly", "monthly"]),
      drives: z.array(col.text),
      /** [period start, value], newest first. */
      recent: z.array(z.tuple([col.date, col.number])),
    }),
  ),
});
export type FactRow = z.output<typeof FactRow>;

/**
 * Facts of many projects in one SQL statement: each project's roles, artifacts, milestones and
 * metrics come as JSON arrays built by the database (decision 42). A body is never read: the database
 * says whether there is one. Each metric's newest values come through its (metric, period) index.
 */
export function factRows(db: Client, projectIds: readonly string[]): Promise<FactRow[]> {
  const d = dialectOf(db);
  const nonBlank = (column: Prisma.Sql) => Prisma.sql`length(${d.trim(Prisma.sql`coalesce(${column}, '')`, BLANK)}) > 0`;
  return queryRows(
    db,
    FactRow,
    Prisma.sql`
    SELECT p."id", p."stage", p."status", ${FACT_COLUMNS_SQL}, p."proposerId", p."ownerId",
      s."name" AS "steadyStateOwner", (SELECT COUNT(*) FROM "Tenet" t WHERE t."projectId" = p."id") AS "tenetCount",
      (SELECT ${d.jsonAgg(
        d.jsonObject({ ...columnsOf("r", ["userId", "role", "acknowledgedAt"]), inactive: Prisma.sql`ru."deactivatedAt" IS NOT NULL` }),
        Prisma.sql`r."createdAt"`,
      )}
        FROM "ProjectRole" r JOIN "User" ru ON ru."id" = r."userId" WHERE r."projectId" = p."id") AS "roles",
      (SELECT ${d.jsonAgg(
        d.jsonObject({
          ...columnsOf("a", ["id", "kind", "state", "version", "checksPassed", "approvedVersion", "approvedChecksPassed"]),
          hasContent: Prisma.sql`${nonBlank(Prisma.sql`a."url"`)} OR ${nonBlank(Prisma.sql`a."body"`)}`,
          openActionItems: Prisma.sql`(SELECT COUNT(*) FROM "CoeActionItem" c WHERE c."artifactId" = a."id" AND c."doneAt" IS NULL)`,
        }),
        Prisma.sql`a."createdAt"`,
      )}
        FROM "Artifact" a WHERE a."projectId" = p."id") AS "artifacts",
      (SELECT ${d.jsonAgg(d.jsonObject(columnsOf("m", ["dueDate", "ownerId", "state"])), Prisma.sql`m."createdAt"`)}
        FROM "Milestone" m WHERE m."projectId" = p."id") AS "milestones",
      (SELECT ${d.jsonAgg(
        d.jsonObject({
          ...columnsOf("m", ["id", "kind", "target", "direction", "retiredAt", "cadence"]),
          drives: d.jsonValue(Prisma.sql`(SELECT ${d.jsonAgg(Prisma.sql`l."outputId"`)} FROM "MetricLink" l WHERE l."inputId" = m."id")`),
          recent: d.jsonValue(
            Prisma.sql`(SELECT ${d.jsonAgg(d.jsonArray([Prisma.sql`v."periodStart"`, Prisma.sql`v."value"`]), Prisma.sql`v."periodStart" DESC`)} FROM
            (SELECT x."periodStart", x."value" FROM "MetricValue" x WHERE x."metricId" = m."id" ORDER BY x."periodStart" DESC LIMIT ${RECENT_VALUES}) v)`,
          ),
        }),
        Prisma.sql`m."createdAt"`,
      )}
        FROM "Metric" m WHERE m."projectId" = p."id") AS "metrics"
    FROM "Project" p LEFT JOIN "User" s ON s."id" = p."steadyStateOwnerId" WHERE p."id" IN (${Prisma.join(projectIds)})`,
  );
}

// What JavaScript's trim() removes that matters in practice: spaces, tabs, line ends, no-break spaces.
const BLANK = " \t\n\r\f\v\u00a0";

const GATE_STATUS_COLUMNS: Column[] = [
  { name: "id", type: "text" },
  ...["gateMustMet", "gateMustTotal", "gateReadiness", "gateShouldScore", "gateDebt"].map((name): Column => ({ name, type: "integer" })),
  { name: "gateCheckedAt", type: "timestamp" },
];

/** A project's gate status as stored: id, must met, must total, readiness, should score, debt, when judged. */
// Stored one UPDATE ... FROM a table of rows per thousand projects.
export type GateStatusRow = [id: string, mustMet: number, mustTotal: number, readiness: number, shouldScore: number | null, debt: number, checkedAt: Date];

export async function storeGateStatusRows(db: Client, rows: GateStatusRow[]): Promise<void> {
  const d = dialectOf(db);
  for (let i = 0; i < rows.length; i += 1000) {
    await db.$executeRaw`
      UPDATE "Project" SET "gateMustMet" = v."gateMustMet", "gateMustTotal" = v."gateMustTotal", "gateReadiness" = v."gateReadiness",
        "gateShouldScore" = v."gateShouldScore", "gateDebt" = v."gateDebt", "gateCheckedAt" = v."gateCheckedAt"
      FROM ${d.valuesTable(rows.slice(i, i + 1000), GATE_STATUS_COLUMNS)} AS v WHERE "Project"."id" = v."id"`;
  }
}

/** The newest playbook version's number, or null before the first. */
export async function newestPlaybookVersion(db: Client): Promise<number | null> {
  return (await queryOne(db, z.object({ version: col.numberOrNull }), Prisma.sql`SELECT MAX("version") AS "version" FROM "PlaybookVersion"`)).version;
}

/** When the newest gate decision was made (null before the first): one read of the decidedAt index. */
export async function newestDecisionAt(db: Db): Promise<Date | null> {
  return (await queryOne(db, z.object({ v: col.dateOrNull }), Prisma.sql`SELECT MAX(g."decidedAt") AS "v" FROM "GateReview" g`)).v;
}

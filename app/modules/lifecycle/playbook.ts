// The playbook: per stage, the criteria its gate checks. The default below is
// PRODUCT.md's table as data; administrators edit copies of it as new versions.
import { z } from "zod";
import { DEFAULT_RETROSPECTIVE_REQUIRED, RETROSPECTIVE_TRIGGERS, type RetrospectiveTrigger } from "~/modules/learning/retrospective";
import { isRuleKey, parseRuleParams, RULE_KEYS, type RuleKey } from "./rules";
import { ARTIFACT_KINDS, STAGE_TABLE, stageDefinition, type ArtifactKind, type StageDefinition, type StageKey } from "./stages";

export type Criterion = {
  key: string;
  label: string;
  level: "must" | "should";
  weight: number;
  rule: RuleKey;
  params: Record<string, unknown>;
  artifactKinds: ArtifactKind[];
};

export type PlaybookStage = {
  stage: StageKey;
  name: string;
  expectedDays: number;
  /** How many deciders must sign the same decision before it is applied (1: one decider decides). */
  quorum: number;
  /** Whether a document for this gate is approved only once its comment threads are resolved (issue 24). */
  resolveThreadsFirst?: boolean;
  criteria: Criterion[];
};

export type Playbook = {
  version: number;
  doneDonePeriods: number;
  /** Which decisions' retrospectives must be written before the project closes (issue 26); Stop and Done-Done unless set. */
  retrospectiveRequired?: RetrospectiveTrigger[];
  stages: PlaybookStage[];
};

const criterionSchema = z
  .object({
    key: z
      .string()
      .trim()
      .regex(/^[a-z][a-z0-9_]{1,40}$/, "Use 2 to 41 lower-case letters, digits or underscores, starting with a letter"),
    label: z.string().trim().min(3, "Write a label of at least 3 characters").max(200),
    level: z.enum(["must", "should"]),
    weight: z.number().int("Weight must be a whole number").min(1, "Weight is at least 1").max(10, "Weight is at most 10"),
    rule: z.string().refine(isRuleKey, (rule) => ({
      message: `Unknown rule "${rule}"; known rules: ${RULE_KEYS.join(", ")}`,
    })),
    params: z.record(z.unknown()).default({}),
    artifactKinds: z.array(z.enum(ARTIFACT_KINDS)).default([]),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (!isRuleKey(c.rule)) return;
    try {
      c.params = parseRuleParams(c.rule, c.params);
    } catch (error) {
      const issues = error instanceof z.ZodError ? error.issues : [];
      for (const issue of issues) {
        ctx.addIssue({ ...issue, path: ["params", ...issue.path] } as z.IssueData);
      }
    }
    if (c.rule === "artifact" && c.artifactKinds.length === 0) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["artifactKinds"], message: "An artifact rule needs at least one artifact kind" });
    }
  });

/** The largest quorum a gate can ask for. */
export const MAX_QUORUM = 5;

/** The schema of one stage and of a whole playbook for a stage table: every stage once, in the table's order, with valid criteria. */
export function playbookSchemaFor(table: readonly StageDefinition[]) {
  const keys = table.map((s) => s.key) as [string, ...string[]];
  const stageSchema = z
    .object({
      stage: z.enum(keys),
      name: z.string().trim().min(1).max(80),
      expectedDays: z.number().int().min(1, "Expected days is at least 1").max(3650),
      quorum: z
        .number()
        .int("The quorum is a whole number")
        .min(1, "The quorum is at least 1")
        .max(MAX_QUORUM, `The quorum is at most ${MAX_QUORUM}`)
        .default(1),
      resolveThreadsFirst: z.boolean().optional(),
      criteria: z.array(criterionSchema).max(40),
    })
    .strict()
    .superRefine((s, ctx) => {
      const seen = new Set<string>();
      s.criteria.forEach((c, i) => {
        if (seen.has(c.key)) {
          ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["criteria", i, "key"], message: `Duplicate criterion key "${c.key}"` });
        }
        seen.add(c.key);
      });
    });
  return z
    .object({
      version: z.number().int().min(0).default(0),
      doneDonePeriods: z.number().int().min(1).max(52),
      retrospectiveRequired: z.array(z.enum(RETROSPECTIVE_TRIGGERS)).optional(),
      stages: z.array(stageSchema),
    })
    .strict()
    .superRefine((p, ctx) => {
      const seen = new Set<string>();
      p.stages.forEach((s, i) => {
        if (seen.has(s.stage)) {
          ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["stages", i, "stage"], message: `Duplicate stage "${s.stage}"` });
        }
        seen.add(s.stage);
      });
      const order = p.stages.map((s) => s.stage).join(",");
      if (seen.size === p.stages.length && order !== keys.join(",")) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["stages"], message: `Stages must be exactly ${keys.join(", ")}, in that order` });
      }
    });
}

/** Validates a whole playbook against today's stage table. */
export const playbookSchema = playbookSchemaFor(STAGE_TABLE);

/**
 * A stored playbook version as it was saved may predate the stage table: a stage the table
 * added is taken from the default playbook (or, for a stage it does not know either, the
 * table's name and expected days with no criteria yet), a stage the table no longer has is
 * dropped, and the stages are put in the table's order. Files an administrator imports are not
 * upgraded: they are validated as they are (playbook-file.ts).
 */
export function upgradeStoredPlaybook(input: unknown, table: readonly StageDefinition[] = STAGE_TABLE): unknown {
  if (input === null || typeof input !== "object" || !Array.isArray((input as { stages?: unknown }).stages)) return input;
  const stored = (input as { stages: unknown[] }).stages;
  const byKey = new Map(stored.map((s) => [(s as { stage?: unknown })?.stage, s]));
  const stages = table.map(
    (def) =>
      byKey.get(def.key) ??
      DEFAULT_PLAYBOOK.stages.find((s) => s.stage === def.key) ?? { stage: def.key, name: def.name, expectedDays: def.expectedDays, quorum: 1, criteria: [] },
  );
  return { ...(input as object), stages };
}

/** A stored playbook version, upgraded to today's stages, then validated. */
export function parsePlaybook(input: unknown): Playbook {
  return playbookSchema.parse(upgradeStoredPlaybook(input)) as Playbook;
}

/** The decisions whose retrospective the playbook requires before a project closes. */
export const retrospectivesRequired = (playbook: Pick<Playbook, "retrospectiveRequired">): readonly RetrospectiveTrigger[] =>
  playbook.retrospectiveRequired ?? DEFAULT_RETROSPECTIVE_REQUIRED;

export function stageOf(playbook: Playbook, stage: StageKey): PlaybookStage {
  const found = playbook.stages.find((s) => s.stage === stage);
  if (!found) throw new Error(`Playbook version ${playbook.version} has no stage "${stage}"`);
  return found;
}

const NARRATIVES: ArtifactKind[] = ["email", "prfaq", "one_pager", "three_pager", "six_pager"];

function must(key: string, label: string, rule: RuleKey, params: Record<string, unknown> = {}, artifactKinds: ArtifactKind[] = []): Criterion {
  return { key, label, level: "must", weight: 1, rule, params, artifactKinds };
}

function should(
  key: string,
  label: string,
  weight: number,
  rule: RuleKey,
  params: Record<string, unknown> = {},
  artifactKinds: ArtifactKind[] = [],
): Criterion {
  return { key, label, level: "should", weight, rule, params, artifactKinds };
}

/** A stage's name and expected days as the stage table gives them, decided by one signature unless asked for more. */
function fromStageTable(stage: StageKey, quorum = 1) {
  const definition = stageDefinition(stage);
  return { stage, name: definition.name, expectedDays: definition.expectedDays, quorum };
}

/** PRODUCT.md's built-in playbook. */
export const DEFAULT_PLAYBOOK: Playbook = {
  version: 1,
  doneDonePeriods: 4,
  stages: [
    {
      ...fromStageTable("identify"),
      criteria: [
        must("customer_named", "The customer is named", "field_present", { field: "customer" }),
        must("problem_named", "The customer's problem is named", "field_present", { field: "problem" }),
        must("why_now", '"Why now?" is answered', "field_present", { field: "whyNow" }),
        must("proposer", "A proposer is recorded", "proposer_recorded"),
        must("narrative", "At least one narrative (email, PR/FAQ, 1-, 3- or 6-pager)", "artifact", { approved: true, min: 1 }, NARRATIVES),
      ],
    },
    {
      ...fromStageTable("understand"),
      criteria: [
        must("stakeholders_ack", "Stakeholders are listed and each has acknowledged", "stakeholders_acknowledged", { min: 1 }),
        must("customer_data", "Data about the customer and today's process is attached", "field_present", { field: "customerData" }),
        should("similar_systems", "Similar existing systems are named (tie-break if one exists)", 2, "field_present", { field: "similarSystems" }),
        must("feasibility", 'Technical feasibility was reviewed ("is this nuts?")', "field_present", { field: "feasibilityReview" }),
        must("prfaq_approved", "A PR/FAQ or 6-pager approved by a reviewer", "artifact", { approved: true, min: 1 }, ["prfaq", "six_pager"]),
      ],
    },
    {
      ...fromStageTable("owner"),
      criteria: [
        must("owner_accepted", "One single-threaded owner is assigned and has accepted", "owner_accepted"),
        must("decider_set", "At least one decider is named", "roles_assigned", { role: "decider", min: 1 }),
        should("contributors_set", "Contributors are named", 2, "roles_assigned", { role: "contributor", min: 1 }),
        should("consulted_set", "People to consult are named", 1, "roles_assigned", { role: "consulted", min: 1 }),
        must("minutes", "Meeting minutes", "artifact", { approved: true, min: 1 }, ["meeting_minutes"]),
        must("wiki", "A project wiki link", "artifact", { approved: true, min: 1 }, ["project_wiki"]),
        should("email_list", "An email list", 1, "artifact", { approved: true, min: 1 }, ["email_list"]),
      ],
    },
    {
      // The Plan gate commits people and money: two deciders sign it (decision 37).
      ...fromStageTable("plan", 2),
      criteria: [
        must("tenets", "Tenets are written (seven at most)", "tenets_written", { min: 1, max: 7 }),
        must("constraints", "Constraints are written (SLA/SLO, dates that matter)", "field_present", { field: "constraints" }),
        must("success_metrics", "An input metric and an output metric, each with a target", "success_metrics"),
        must("scope", "The scope boundary is written", "field_present", { field: "scopeBoundary" }),
        must("roadmap", "The roadmap separates the ideal end state from milestones", "roadmap_split", { minMilestones: 1 }),
        must("how_doc", 'An approved "how" technical document', "artifact", { approved: true, min: 1 }, ["how_document"]),
        should("prototype", "Prototype code", 2, "artifact", { approved: true, min: 1 }, ["prototype"]),
      ],
    },
    {
      ...fromStageTable("execute"),
      criteria: [
        must("milestones_tracked", "Milestones have dates and owners", "milestones_tracked"),
        should("milestone_delivered", "A milestone has delivered value", 3, "milestone_delivered", { min: 1 }),
        must("design_doc", "An approved design doc", "artifact", { approved: true, min: 1 }, ["design_doc"]),
        must("code", "Code (an approved link to the repository)", "artifact", { approved: true, min: 1 }, ["code"]),
        must("test_plan", "An approved test plan", "artifact", { approved: true, min: 1 }, ["test_plan"]),
      ],
    },
    {
      ...fromStageTable("adopt"),
      criteria: [
        must("metrics_reporting", "Business and health metrics are being recorded", "metrics_reporting", { maxAgeDays: 14 }),
        must("rollout", "Rollout from pilot to everywhere is tracked", "field_present", { field: "rollout" }),
        must("launched", "Launched where it was meant to be", "field_present", { field: "launchedAt" }),
        must("dashboard", "A dashboard", "artifact", { approved: true, min: 1 }, ["dashboard"]),
        should("page0", '"Page 0" metrics', 2, "artifact", { approved: true, min: 1 }, ["page0_metrics"]),
        must("tech_debt", "Tech debt from the launch is ticketed", "artifact", { approved: true, min: 1 }, ["tech_debt_ticket"]),
        must("outputs_at_target", "Output metrics at target for the playbook's consecutive periods", "outputs_at_target"),
        must("coe_closed", "Every COE action item is closed", "coe_actions_closed"),
        must("steady_owner", "An owner for steady-state operation is named", "field_present", { field: "steadyStateOwner" }),
      ],
    },
  ],
};

// The six stages and the vocabularies the gate rules speak. Pure data.

/** Free-text facts a criterion can require to be written down. */
export const FACT_FIELDS = [
  "customer",
  "problem",
  "whyNow",
  "customerData",
  "similarSystems",
  "feasibilityReview",
  "constraints",
  "scopeBoundary",
  "idealEndState",
  "rollout",
  "launchedAt",
  "steadyStateOwner",
] as const;
export type FactField = (typeof FACT_FIELDS)[number];

/** What the app knows of a stage, in one place: the UI, the SQL, the demo and the playbook read it. */
export type StageDefinition = {
  key: string;
  name: string;
  shortName: string;
  /** The project facts its gate asks for, in the order the facts form shows them. */
  facts: readonly FactField[];
  /** Scope cut here becomes a new project at stage 1 (PRODUCT.md "Forks"). */
  forkable: boolean;
  /** The stage a project leaves only as Done-Done; its output metrics are the adoption the dashboard shows. */
  adoption: boolean;
  /** How long a project is expected to stay, for the default playbook. */
  expectedDays: number;
};

/** The stages in order. Adding one also needs a value in the database's Stage enum (a migration). */
export const STAGE_TABLE = [
  {
    key: "identify",
    name: "Problem identified",
    shortName: "Identify",
    facts: ["customer", "problem", "whyNow"],
    forkable: false,
    adoption: false,
    expectedDays: 21,
  },
  {
    key: "understand",
    name: "Problem widely understood",
    shortName: "Understand",
    facts: ["customerData", "similarSystems", "feasibilityReview"],
    forkable: false,
    adoption: false,
    expectedDays: 30,
  },
  { key: "owner", name: "Owner identified", shortName: "Owner", facts: [], forkable: false, adoption: false, expectedDays: 14 },
  {
    key: "plan",
    name: "Plan in place",
    shortName: "Plan",
    facts: ["constraints", "scopeBoundary", "idealEndState"],
    forkable: true,
    adoption: false,
    expectedDays: 30,
  },
  { key: "execute", name: "Executing", shortName: "Execute", facts: [], forkable: false, adoption: false, expectedDays: 120 },
  { key: "adopt", name: "Adoption", shortName: "Adopt", facts: ["rollout", "launchedAt"], forkable: false, adoption: true, expectedDays: 90 },
] as const satisfies readonly StageDefinition[];

export type StageKey = (typeof STAGE_TABLE)[number]["key"];
export const STAGES = STAGE_TABLE.map((s) => s.key) as [StageKey, ...StageKey[]];

export const STAGE_NAMES = Object.fromEntries(STAGE_TABLE.map((s) => [s.key, s.name])) as Record<StageKey, string>;

/** A stage's definition by its key. */
export function stageDefinition(stage: StageKey): StageDefinition {
  return STAGE_TABLE[stageIndex(stage)]!;
}

/** Plan in place: cut scope forks from here, and a stop here is the failure the dashboard watches ("do not stop at Plan"). */
export const PLAN_STAGE: StageKey = STAGE_TABLE.find((s) => s.forkable)!.key;
/** The last stage: Adoption, left only as Done-Done. */
export const ADOPTION_STAGE: StageKey = STAGE_TABLE.find((s) => s.adoption)!.key;

export function stageIndex(stage: StageKey): number {
  return STAGES.indexOf(stage);
}

/** The stage after `stage`, or null after Adoption (a Go there is Done-Done). */
export function nextStage(stage: StageKey): StageKey | null {
  return STAGES[stageIndex(stage) + 1] ?? null;
}

export const PROJECT_STATUSES = ["active", "on_hold", "stopped", "done"] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

export const STATUS_NAMES: Record<ProjectStatus, string> = {
  active: "Active",
  on_hold: "On hold",
  stopped: "Stopped",
  done: "Done-Done",
};

export const ARTIFACT_KINDS = [
  "email",
  "prfaq",
  "one_pager",
  "three_pager",
  "six_pager",
  "meeting_minutes",
  "project_wiki",
  "email_list",
  "how_document",
  "prototype",
  "design_doc",
  "code",
  "test_plan",
  "dashboard",
  "page0_metrics",
  "tech_debt_ticket",
  "escalation",
  "coe",
  "other",
] as const;
export type ArtifactKind = (typeof ARTIFACT_KINDS)[number];

export const ARTIFACT_KIND_NAMES: Record<ArtifactKind, string> = {
  email: "Email",
  prfaq: "PR/FAQ",
  one_pager: "1-pager",
  three_pager: "3-pager",
  six_pager: "6-pager",
  meeting_minutes: "Meeting minutes",
  project_wiki: "Project wiki",
  email_list: "Email list",
  how_document: "How-document",
  prototype: "Prototype",
  design_doc: "Design doc",
  code: "Code",
  test_plan: "Test plan",
  dashboard: "Dashboard",
  page0_metrics: "Page-0 metrics",
  tech_debt_ticket: "Tech-debt ticket",
  escalation: "Escalation",
  coe: "COE",
  other: "Other",
};

export const ARTIFACT_STATES = ["draft", "in_review", "approved", "withdrawn"] as const;
export type ArtifactState = (typeof ARTIFACT_STATES)[number];

export const ARTIFACT_STATE_NAMES: Record<ArtifactState, string> = {
  draft: "Draft",
  in_review: "In review",
  approved: "Approved",
  withdrawn: "Withdrawn",
};

export const PROJECT_ROLE_KINDS = ["owner", "decider", "contributor", "consulted", "stakeholder"] as const;
export type ProjectRoleKind = (typeof PROJECT_ROLE_KINDS)[number];

export const MILESTONE_STATES = ["planned", "in_progress", "done", "at_risk", "cancelled"] as const;
export type MilestoneState = (typeof MILESTONE_STATES)[number];

export const DECISION_KINDS = ["go", "conditional_go", "hold", "recycle", "stop"] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

export const DECISION_NAMES: Record<DecisionKind, string> = {
  go: "Go",
  conditional_go: "Conditional Go",
  hold: "Hold",
  recycle: "Recycle",
  stop: "Stop",
};

export const USER_ROLES = ["admin", "member", "viewer"] as const;
export type UserRole = (typeof USER_ROLES)[number];

// The six stages and the vocabularies the gate rules speak. Pure data.

export const STAGES = ["identify", "understand", "owner", "plan", "execute", "adopt"] as const;
export type StageKey = (typeof STAGES)[number];

export const STAGE_NAMES: Record<StageKey, string> = {
  identify: "Problem identified",
  understand: "Problem widely understood",
  owner: "Owner identified",
  plan: "Plan in place",
  execute: "Executing",
  adopt: "Adoption",
};

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

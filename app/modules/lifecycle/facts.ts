// The fact fields are part of the stages' vocabulary (stages.ts), kept there so the two modules do not import each other.
import {
  FACT_FIELDS,
  type ArtifactKind,
  type ArtifactState,
  type FactField,
  type MilestoneState,
  type ProjectRoleKind,
  type ProjectStatus,
  type StageKey,
} from "./stages";
export { FACT_FIELDS, type FactField };

export const FACT_FIELD_NAMES: Record<FactField, string> = {
  customer: "Customer",
  problem: "Customer's problem",
  whyNow: "Why now?",
  customerData: "Data about the customer and today's process",
  similarSystems: "Similar existing systems",
  feasibilityReview: "Technical feasibility review",
  constraints: "Constraints (SLA/SLO, dates that matter)",
  scopeBoundary: "Scope boundary",
  idealEndState: "Ideal end state",
  rollout: "Rollout (pilot to everywhere)",
  launchedAt: "Launch date",
  steadyStateOwner: "Steady-state owner",
};

export type ArtifactFact = {
  id: string;
  kind: ArtifactKind;
  state: ArtifactState;
  version: number;
  /** A link or a body is present. */
  hasContent: boolean;
  /** The template's structural checks passed at the last save. */
  checksPassed: boolean;
};

export type MetricFact = {
  id: string;
  kind: "input" | "output";
  target: number | null;
  direction: "higher" | "lower";
  retired: boolean;
  /** Ids of the output metrics an input is meant to drive. */
  drives: string[];
  /** Start of the newest period with a value. */
  lastPeriodAt: Date | null;
  /** The most recent values, newest first. */
  recent: number[];
  /** How many of `recent`, from the newest, come from consecutive periods (a missing period breaks the run). */
  consecutive: number;
};

/** Everything the gate rules may look at, gathered from the data. */
export type ProjectFacts = {
  stage: StageKey;
  status: ProjectStatus;
  fields: Record<FactField, string | null>;
  proposerId: string | null;
  ownerId: string | null;
  /** Who holds which role; `inactive` when that person's account is deactivated (they no longer count). */
  roles: { userId: string; role: ProjectRoleKind; acknowledgedAt: Date | null; inactive?: boolean }[];
  artifacts: ArtifactFact[];
  tenetCount: number;
  milestones: { dueDate: Date | null; ownerId: string | null; state: MilestoneState }[];
  metrics: MetricFact[];
  openCoeActionItems: number;
};

/** Facts of a project with nothing recorded yet: a base for tests and new projects. */
export function emptyFacts(stage: StageKey = "identify"): ProjectFacts {
  return {
    stage,
    status: "active",
    fields: Object.fromEntries(FACT_FIELDS.map((f) => [f, null])) as Record<FactField, string | null>,
    proposerId: null,
    ownerId: null,
    roles: [],
    artifacts: [],
    tenetCount: 0,
    milestones: [],
    metrics: [],
    openCoeActionItems: 0,
  };
}

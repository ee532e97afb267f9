// Whether a gate decision may be recorded, and the project's state after it.
import { decisionRights } from "~/modules/people/authorize";
import type { Evaluation } from "./evaluate";
import { nextStage, stageIndex, STAGE_NAMES, type DecisionKind, type ProjectStatus, type StageKey, type UserRole } from "./stages";
import { refuseAll, type Result } from "~/modules/result";

export type DecisionRequest = {
  kind: DecisionKind;
  rationale?: string | null;
  revisitDate?: Date | null;
  recycleTo?: StageKey | null;
  condition?: string | null;
  conditionDueDate?: Date | null;
  /** An administrator's reason to pass a gate with must-meet criteria unmet. */
  overrideReason?: string | null;
  /** "Disagree and commit": the signer signs, and records why they disagree. */
  dissent?: string | null;
};

export type DecideInput = {
  project: { stage: StageKey; status: ProjectStatus; ownerId: string | null; proposerId: string | null };
  /** Users who hold the decider role on the project. */
  deciderIds: readonly string[];
  actor: { id: string; role: UserRole };
  evaluation: Evaluation;
  request: DecisionRequest;
  now: Date;
};

export type RefusalCode =
  | "project_not_active"
  | "not_a_decider"
  | "decides_own_project"
  | "rationale_required"
  | "must_meet_unmet"
  | "override_requires_admin"
  | "revisit_date_required"
  | "revisit_date_past"
  | "recycle_target_required"
  | "recycle_target_not_earlier"
  | "condition_required"
  | "condition_due_date_required"
  | "condition_due_date_past";

/** The form field a refusal belongs next to; null for the decision as a whole. */
export type RefusalField = "kind" | "rationale" | "revisitDate" | "recycleTo" | "condition" | "conditionDueDate" | "overrideReason" | null;

/** One reason a decision is refused (a Problem of modules/result.ts, with the decision's own codes and fields). */
export type DecisionProblem = { code: RefusalCode; field: RefusalField; message: string };

export type DecisionOutcome = {
  stage: StageKey;
  status: ProjectStatus;
  /** The project moved to another stage (Go, Conditional Go or Recycle). */
  stageChanged: boolean;
  /** Go granted over unmet must-meet criteria by an administrator. */
  overridden: boolean;
};

/** A 403 refusal means the actor may not decide at all; a 400 lists the input to fix, each problem by field. */
export type DecideResult = Result<{ outcome: DecisionOutcome }>;

const blank = (s: string | null | undefined) => !s || s.trim().length === 0;

function startOfDay(date: Date): number {
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
}

/** Checks who may decide, then the decision's required fields, then the gate. */
export function decide(input: DecideInput): DecideResult {
  const { project, actor, evaluation, request, now } = input;

  const rights = decisionRights(input);
  if (!rights.ok) return refuseAll(403, [{ code: rights.code, field: null, message: rights.message }]);

  const refusals: DecisionProblem[] = [];
  const today = startOfDay(now);
  if (blank(request.rationale)) {
    refusals.push({ code: "rationale_required", field: "rationale", message: "Write the rationale for this decision." });
  }

  let stage = project.stage;
  let status: ProjectStatus = "active";
  let overridden = false;

  switch (request.kind) {
    case "go":
    case "conditional_go": {
      if (!evaluation.ready) {
        const unmet = evaluation.criteria.filter((c) => c.level === "must" && !c.met).map((c) => c.label);
        if (blank(request.overrideReason)) {
          refusals.push({
            code: "must_meet_unmet",
            field: "kind",
            message: `Go is refused while must-meet criteria are unmet: ${unmet.join("; ")}.`,
          });
        } else if (actor.role !== "admin") {
          refusals.push({ code: "override_requires_admin", field: "overrideReason", message: "Only an administrator can override unmet must-meet criteria." });
        } else {
          overridden = true;
        }
      }
      if (request.kind === "conditional_go") {
        if (blank(request.condition)) {
          refusals.push({ code: "condition_required", field: "condition", message: "State the condition the project must meet." });
        }
        if (!request.conditionDueDate) {
          refusals.push({ code: "condition_due_date_required", field: "conditionDueDate", message: "Give the date the condition is due." });
        } else if (startOfDay(request.conditionDueDate) < today) {
          refusals.push({ code: "condition_due_date_past", field: "conditionDueDate", message: "The condition's due date is in the past." });
        }
      }
      const next = nextStage(project.stage);
      if (next) stage = next;
      else status = "done";
      break;
    }
    case "hold":
      if (!request.revisitDate) {
        refusals.push({ code: "revisit_date_required", field: "revisitDate", message: "Give a date to revisit the hold." });
      } else if (startOfDay(request.revisitDate) <= today) {
        refusals.push({ code: "revisit_date_past", field: "revisitDate", message: "The revisit date must be after today." });
      }
      break;
    case "recycle":
      if (!request.recycleTo) {
        refusals.push({ code: "recycle_target_required", field: "recycleTo", message: "Choose the earlier stage to send the project back to." });
      } else if (stageIndex(request.recycleTo) >= stageIndex(project.stage)) {
        refusals.push({
          code: "recycle_target_not_earlier",
          field: "recycleTo",
          message: `Recycle sends a project back: choose a stage before ${STAGE_NAMES[project.stage]}.`,
        });
      } else {
        stage = request.recycleTo;
      }
      break;
    case "stop":
      status = "stopped";
      break;
  }

  if (refusals.length > 0) return refuseAll(400, refusals);
  return { ok: true, outcome: { stage, status, stageChanged: stage !== project.stage, overridden } };
}

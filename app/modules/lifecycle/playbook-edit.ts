// Edits of one criterion or one stage, for the playbook's forms. Each returns a whole new
// playbook validated by the same schema as a file import, or the problems by form field.
import type { z } from "zod";
import { playbookSchema, type Criterion, type Playbook } from "./playbook";
import type { StageKey } from "./stages";
import { refuseAll, type Result } from "~/modules/result";

export type CriterionInput = Omit<Criterion, "rule"> & { rule: string };
/** The edited playbook, or a 400 whose problems name the form field each belongs to (null: the form). */
export type EditResult = Result<{ playbook: Omit<Playbook, "version"> }>;

const fail = (code: string, field: string | null, message: string): EditResult => refuseAll(400, [{ code, field, message }]);
const GONE = (key: string | null) => `The criterion "${key}" is no longer in this stage; someone may have changed the playbook.`;

function copy(playbook: Playbook) {
  return {
    doneDonePeriods: playbook.doneDonePeriods,
    ...(playbook.retrospectiveRequired ? { retrospectiveRequired: [...playbook.retrospectiveRequired] } : {}),
    stages: playbook.stages.map((s) => ({ ...s, criteria: s.criteria.map((c) => ({ ...c })) })),
  };
}

/** Validates the edited playbook; problems of the edited criterion (or stage) go to its fields, others to the form. */
function validate(next: ReturnType<typeof copy>, at: { stage: number; criterion?: number }): EditResult {
  const parsed = playbookSchema.safeParse(next);
  if (parsed.success) {
    const { version: _v, ...playbook } = parsed.data as Playbook;
    return { ok: true, playbook };
  }
  const problems = (parsed.error.issues as z.ZodIssue[]).map((issue) => {
    const [, si, part, ci, field] = issue.path;
    const mine = si === at.stage && (at.criterion === undefined ? part !== "criteria" : part === "criteria" && ci === at.criterion);
    const name = at.criterion === undefined ? String(part ?? "") : String(field ?? "");
    return { code: "invalid", field: mine && name ? name : null, message: issue.message };
  });
  return refuseAll(400, problems);
}

/** Adds a criterion to a stage (`originalKey` null) or replaces the one with `originalKey`. */
export function upsertCriterion(playbook: Playbook, stage: StageKey, originalKey: string | null, input: CriterionInput): EditResult {
  const next = copy(playbook);
  const si = next.stages.findIndex((s) => s.stage === stage);
  if (si === -1) return fail("no_stage", null, `The playbook has no stage "${stage}".`);
  const criteria = next.stages[si]!.criteria;
  const ci = originalKey === null ? criteria.length : criteria.findIndex((c) => c.key === originalKey);
  if (ci === -1) return fail("criterion_gone", null, GONE(originalKey));
  if (criteria.some((c, i) => i !== ci && c.key === input.key)) return fail("duplicate_key", "key", `This stage already has a criterion "${input.key}"`);
  // Should-meet criteria carry a weight; must-meet ones always weigh 1.
  criteria[ci] = { ...input, weight: input.level === "must" ? 1 : input.weight } as Criterion;
  return validate(next, { stage: si, criterion: ci });
}

export function removeCriterion(playbook: Playbook, stage: StageKey, key: string): EditResult {
  const next = copy(playbook);
  const s = next.stages.find((st) => st.stage === stage);
  const before = s?.criteria.length ?? 0;
  if (!s || (s.criteria = s.criteria.filter((c) => c.key !== key)).length === before) {
    return fail("criterion_gone", null, GONE(key));
  }
  return validate(next, { stage: next.stages.indexOf(s) });
}

/** Whether the documents of a stage's gate are approved only once their comment threads are resolved. */
export function setResolveThreadsFirst(playbook: Playbook, stage: StageKey, value: boolean): EditResult {
  const next = copy(playbook);
  const si = next.stages.findIndex((s) => s.stage === stage);
  if (si === -1) return fail("no_stage", null, `The playbook has no stage "${stage}".`);
  next.stages[si]!.resolveThreadsFirst = value;
  return validate(next, { stage: si });
}

/** Sets one number of a stage: its expected days, or how many deciders must sign the same decision at its gate. */
export function setStageNumber(playbook: Playbook, stage: StageKey, field: "expectedDays" | "quorum", value: number): EditResult {
  const next = copy(playbook);
  const si = next.stages.findIndex((s) => s.stage === stage);
  if (si === -1) return fail("no_stage", null, `The playbook has no stage "${stage}".`);
  next.stages[si]![field] = value;
  return validate(next, { stage: si });
}

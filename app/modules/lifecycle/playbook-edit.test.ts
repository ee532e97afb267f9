import { describe, expect, it } from "vitest";
import { DEFAULT_PLAYBOOK } from "./playbook";
import { removeCriterion, setStageNumber, upsertCriterion, type CriterionInput } from "./playbook-edit";
import { problemsToErrors } from "~/modules/result";
import type { EditResult } from "./playbook-edit";

/** A refused edit's problems as the form shows them: by field, and for the whole form. */
const errorsOf = (result: EditResult) => (result.ok ? null : problemsToErrors(result.problems ?? []));

const criterion = (over: Partial<CriterionInput> = {}): CriterionInput => ({
  key: "budget_named",
  label: "The budget is named",
  level: "should",
  weight: 3,
  rule: "field_present",
  params: { field: "constraints" },
  artifactKinds: [],
  ...over,
});

describe("editing one criterion", () => {
  it("adds a criterion at the end of its stage", () => {
    const result = upsertCriterion(DEFAULT_PLAYBOOK, "plan", null, criterion());
    if (!result.ok) throw new Error(JSON.stringify(result));
    const plan = result.playbook.stages.find((s) => s.stage === "plan")!;
    expect(plan.criteria.at(-1)).toMatchObject({ key: "budget_named", weight: 3, params: { field: "constraints" } });
    expect(plan.criteria).toHaveLength(DEFAULT_PLAYBOOK.stages.find((s) => s.stage === "plan")!.criteria.length + 1);
  });

  it("keeps the playbook's other settings, such as where retrospectives are required", () => {
    const result = upsertCriterion({ ...DEFAULT_PLAYBOOK, retrospectiveRequired: ["recycle"] }, "plan", null, criterion());
    expect(result.ok && result.playbook.retrospectiveRequired).toEqual(["recycle"]);
  });

  it("replaces a criterion in place; a must-meet one weighs 1", () => {
    const result = upsertCriterion(
      DEFAULT_PLAYBOOK,
      "identify",
      "why_now",
      criterion({ key: "why_now", label: "Why now, in one line", level: "must", weight: 7, params: { field: "whyNow" } }),
    );
    if (!result.ok) throw new Error(JSON.stringify(result));
    const identify = result.playbook.stages[0]!;
    expect(identify.criteria.map((c) => c.key)).toEqual(DEFAULT_PLAYBOOK.stages[0]!.criteria.map((c) => c.key));
    expect(identify.criteria.find((c) => c.key === "why_now")).toMatchObject({ label: "Why now, in one line", weight: 1 });
  });

  it("names the field of each problem: unknown rule, bad parameter, bad weight, missing artifact kinds", () => {
    expect(errorsOf(upsertCriterion(DEFAULT_PLAYBOOK, "plan", null, criterion({ rule: "magic" })))).toMatchObject({
      fieldErrors: { rule: [expect.stringContaining('Unknown rule "magic"')] },
    });
    expect(errorsOf(upsertCriterion(DEFAULT_PLAYBOOK, "plan", null, criterion({ params: { field: "nonsense" } })))).toMatchObject({
      fieldErrors: { params: [expect.any(String)] },
    });
    expect(errorsOf(upsertCriterion(DEFAULT_PLAYBOOK, "plan", null, criterion({ weight: 11 })))).toMatchObject({
      fieldErrors: { weight: ["Weight is at most 10"] },
    });
    expect(errorsOf(upsertCriterion(DEFAULT_PLAYBOOK, "plan", null, criterion({ rule: "artifact", params: {} })))).toMatchObject({
      fieldErrors: { artifactKinds: ["An artifact rule needs at least one artifact kind"] },
    });
  });

  it("refuses a key the stage already has, and an edit of a criterion that is gone", () => {
    expect(errorsOf(upsertCriterion(DEFAULT_PLAYBOOK, "identify", null, criterion({ key: "why_now" })))).toMatchObject({
      fieldErrors: { key: [expect.stringContaining("already has")] },
    });
    expect(errorsOf(upsertCriterion(DEFAULT_PLAYBOOK, "identify", "vanished", criterion()))).toMatchObject({
      formErrors: [expect.stringContaining("no longer")],
    });
  });

  it("removes a criterion, and refuses to remove one that is not there", () => {
    const result = removeCriterion(DEFAULT_PLAYBOOK, "identify", "why_now");
    if (!result.ok) throw new Error(JSON.stringify(result));
    expect(result.playbook.stages[0]!.criteria.map((c) => c.key)).not.toContain("why_now");
    expect(removeCriterion(DEFAULT_PLAYBOOK, "identify", "vanished").ok).toBe(false);
  });
});

describe("a stage's expected days", () => {
  it("is set within its bounds", () => {
    const result = setStageNumber(DEFAULT_PLAYBOOK, "plan", "expectedDays", 45);
    expect(result.ok && result.playbook.stages.find((s) => s.stage === "plan")!.expectedDays).toBe(45);
    expect(errorsOf(setStageNumber(DEFAULT_PLAYBOOK, "plan", "expectedDays", 0))).toMatchObject({
      fieldErrors: { expectedDays: ["Expected days is at least 1"] },
    });
  });
});

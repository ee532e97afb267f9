import { describe, expect, it } from "vitest";
import { decide, type DecideInput, type DecisionRequest } from "./decide";
import { evaluate } from "./evaluate";
import { completeFacts, FIXTURE_NOW } from "./fixtures";
import { DEFAULT_PLAYBOOK } from "./playbook";
import type { StageKey } from "./stages";

const DAY = 24 * 60 * 60 * 1000;
const tomorrow = new Date(FIXTURE_NOW.getTime() + DAY);
const yesterday = new Date(FIXTURE_NOW.getTime() - DAY);

function input(over: Partial<DecideInput> & { request: DecisionRequest; stage?: StageKey; ready?: boolean }): DecideInput {
  const stage = over.stage ?? "plan";
  const facts = completeFacts(stage);
  if (over.ready === false) facts.fields.constraints = null; // a must-meet of Plan
  if (over.ready === false && stage !== "plan") throw new Error("unready fixture is Plan only");
  return {
    project: { stage, status: "active", ownerId: "u-owner", proposerId: "u-proposer" },
    deciderIds: ["u-decider"],
    actor: { id: "u-decider", role: "member" },
    evaluation: evaluate(facts, DEFAULT_PLAYBOOK, FIXTURE_NOW),
    now: FIXTURE_NOW,
    ...over,
  };
}

function refusalCodes(result: ReturnType<typeof decide>): string[] {
  return result.ok ? [] : result.problems!.map((r) => r.code);
}

describe("decide: Go", () => {
  it("advances to the next stage when every must-meet criterion holds", () => {
    const result = decide(input({ request: { kind: "go", rationale: "Plan is solid" } }));
    expect(result).toEqual({ ok: true, outcome: { stage: "execute", status: "active", stageChanged: true, overridden: false } });
  });

  it("is refused while a must-meet criterion is unmet, naming it", () => {
    const result = decide(input({ ready: false, request: { kind: "go", rationale: "Ship it" } }));
    expect(refusalCodes(result)).toEqual(["must_meet_unmet"]);
    expect(result.ok ? "" : result.problems![0].message).toMatch(/Constraints are written/);
    expect(result.ok ? null : result.problems![0].field).toBe("kind");
  });

  it("an administrator's override with a reason passes unmet criteria and is marked", () => {
    const result = decide(
      input({
        ready: false,
        actor: { id: "u-admin", role: "admin" },
        request: { kind: "go", rationale: "Exec call", overrideReason: "Constraints agreed verbally with SRE" },
      }),
    );
    expect(result).toEqual({ ok: true, outcome: { stage: "execute", status: "active", stageChanged: true, overridden: true } });
  });

  it("a member's override is refused", () => {
    const result = decide(input({ ready: false, request: { kind: "go", rationale: "Ship it", overrideReason: "Trust me" } }));
    expect(refusalCodes(result)).toEqual(["override_requires_admin"]);
  });

  it("an override is not recorded when nothing needed overriding", () => {
    const result = decide(input({ actor: { id: "u-admin", role: "admin" }, request: { kind: "go", rationale: "ok", overrideReason: "habit" } }));
    expect(result.ok && result.outcome.overridden).toBe(false);
  });

  it("Go at Adoption is Done-Done: the project is done and stays in Adoption", () => {
    const result = decide(input({ stage: "adopt", request: { kind: "go", rationale: "Adopted everywhere" } }));
    expect(result).toEqual({ ok: true, outcome: { stage: "adopt", status: "done", stageChanged: false, overridden: false } });
  });
});

describe("decide: Conditional Go", () => {
  it("advances with a condition and a future due date", () => {
    const result = decide(input({ request: { kind: "conditional_go", rationale: "Go", condition: "Load test passes", conditionDueDate: tomorrow } }));
    expect(result.ok && result.outcome.stage).toBe("execute");
  });

  it("is refused without a condition or a due date, next to each field", () => {
    const result = decide(input({ request: { kind: "conditional_go", rationale: "Go", condition: " " } }));
    expect(result.ok ? [] : result.problems!.map((r) => [r.code, r.field])).toEqual([
      ["condition_required", "condition"],
      ["condition_due_date_required", "conditionDueDate"],
    ]);
  });

  it("is refused with a due date in the past", () => {
    const result = decide(input({ request: { kind: "conditional_go", rationale: "Go", condition: "x", conditionDueDate: yesterday } }));
    expect(refusalCodes(result)).toEqual(["condition_due_date_past"]);
  });

  it("is refused, like Go, while a must-meet criterion is unmet", () => {
    const result = decide(input({ ready: false, request: { kind: "conditional_go", rationale: "Go", condition: "x", conditionDueDate: tomorrow } }));
    expect(refusalCodes(result)).toEqual(["must_meet_unmet"]);
  });
});

describe("decide: Hold", () => {
  it("keeps the stage with a revisit date after today, even when criteria are unmet", () => {
    const result = decide(input({ ready: false, request: { kind: "hold", rationale: "Waiting on legal", revisitDate: tomorrow } }));
    expect(result).toEqual({ ok: true, outcome: { stage: "plan", status: "active", stageChanged: false, overridden: false } });
  });

  it("is refused without a revisit date", () => {
    expect(refusalCodes(decide(input({ request: { kind: "hold", rationale: "Wait" } })))).toEqual(["revisit_date_required"]);
  });

  it("is refused with a revisit date of today or earlier", () => {
    expect(refusalCodes(decide(input({ request: { kind: "hold", rationale: "Wait", revisitDate: FIXTURE_NOW } })))).toEqual(["revisit_date_past"]);
  });
});

describe("decide: Recycle", () => {
  it("sends the project back to a named earlier stage", () => {
    const result = decide(input({ request: { kind: "recycle", rationale: "Problem misunderstood", recycleTo: "understand" } }));
    expect(result).toEqual({ ok: true, outcome: { stage: "understand", status: "active", stageChanged: true, overridden: false } });
  });

  it("is refused to the same stage or a later one", () => {
    expect(refusalCodes(decide(input({ request: { kind: "recycle", rationale: "x", recycleTo: "plan" } })))).toEqual(["recycle_target_not_earlier"]);
    expect(refusalCodes(decide(input({ request: { kind: "recycle", rationale: "x", recycleTo: "adopt" } })))).toEqual(["recycle_target_not_earlier"]);
  });

  it("is refused without a target stage", () => {
    expect(refusalCodes(decide(input({ request: { kind: "recycle", rationale: "x" } })))).toEqual(["recycle_target_required"]);
  });

  it("is refused without a rationale", () => {
    expect(refusalCodes(decide(input({ request: { kind: "recycle", recycleTo: "identify", rationale: "" } })))).toEqual(["rationale_required"]);
  });
});

describe("decide: Stop", () => {
  it("closes the project with a rationale, whatever its checklist", () => {
    const result = decide(input({ ready: false, request: { kind: "stop", rationale: "Customer need went away" } }));
    expect(result).toEqual({ ok: true, outcome: { stage: "plan", status: "stopped", stageChanged: false, overridden: false } });
  });

  it("is refused without a rationale", () => {
    const result = decide(input({ request: { kind: "stop", rationale: "   " } }));
    expect(result.ok ? [] : result.problems!.map((r) => [r.code, r.field])).toEqual([["rationale_required", "rationale"]]);
    expect(result.ok || result.status === 403).toBe(false);
  });
});

describe("decide: who may decide", () => {
  it("refuses a project that is not active", () => {
    for (const status of ["on_hold", "stopped", "done"] as const) {
      const result = decide(
        input({ project: { stage: "plan", status, ownerId: "u-owner", proposerId: "u-proposer" }, request: { kind: "go", rationale: "x" } }),
      );
      expect(refusalCodes(result)).toEqual(["project_not_active"]);
      expect(result.ok || result.status === 403).toBe(true);
    }
  });

  it("refuses a member who is not a decider on the project", () => {
    const result = decide(input({ actor: { id: "u-contrib", role: "member" }, request: { kind: "go", rationale: "x" } }));
    expect(refusalCodes(result)).toEqual(["not_a_decider"]);
    expect(result.ok || result.status === 403).toBe(true);
  });

  it("refuses a viewer even when listed as a decider", () => {
    const result = decide(input({ actor: { id: "u-decider", role: "viewer" }, request: { kind: "go", rationale: "x" } }));
    expect(refusalCodes(result)).toEqual(["not_a_decider"]);
  });

  it("lets an administrator decide as the organisation's gatekeeper", () => {
    const result = decide(input({ deciderIds: [], actor: { id: "u-admin", role: "admin" }, request: { kind: "go", rationale: "x" } }));
    expect(result.ok).toBe(true);
  });

  it("refuses the owner even when named a decider", () => {
    const result = decide(input({ deciderIds: ["u-owner", "u-decider"], actor: { id: "u-owner", role: "member" }, request: { kind: "go", rationale: "x" } }));
    expect(refusalCodes(result)).toEqual(["decides_own_project"]);
    expect(result.ok || result.status === 403).toBe(true);
  });

  it("refuses an administrator who owns the project", () => {
    const result = decide(input({ deciderIds: ["u-decider"], actor: { id: "u-owner", role: "admin" }, request: { kind: "go", rationale: "x" } }));
    expect(refusalCodes(result)).toEqual(["decides_own_project"]);
  });

  it("refuses the proposer, administrator or decider alike", () => {
    for (const role of ["member", "admin"] as const) {
      const result = decide(input({ deciderIds: ["u-proposer"], actor: { id: "u-proposer", role }, request: { kind: "go", rationale: "x" } }));
      expect(refusalCodes(result)).toEqual(["decides_own_project"]);
    }
  });

  it("lets a decider who is neither owner nor proposer decide", () => {
    const result = decide(input({ deciderIds: ["u-owner", "u-decider"], actor: { id: "u-decider", role: "member" }, request: { kind: "go", rationale: "x" } }));
    expect(result.ok).toBe(true);
  });

  it("returns every field refusal at once", () => {
    const result = decide(input({ request: { kind: "hold", rationale: "" } }));
    expect(refusalCodes(result)).toEqual(["rationale_required", "revisit_date_required"]);
  });
});

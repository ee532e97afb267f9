import { describe, expect, it } from "vitest";
import { evaluate, evaluateUpTo, gateStatus } from "./evaluate";
import type { ProjectFacts } from "./facts";
import { artifactFact, completeFacts, FIXTURE_NOW } from "./fixtures";
import { DEFAULT_PLAYBOOK } from "./playbook";
import { STAGES } from "./stages";

const DAY = 24 * 60 * 60 * 1000;

/** For every default criterion, a change to complete facts that should make it unmet. */
const BREAKERS: Record<string, (f: ProjectFacts) => void> = {
  customer_named: (f) => (f.fields.customer = "  "),
  problem_named: (f) => (f.fields.problem = null),
  why_now: (f) => (f.fields.whyNow = ""),
  proposer: (f) => (f.proposerId = null),
  narrative: (f) => (f.artifacts = f.artifacts.filter((a) => !["email", "prfaq", "one_pager", "three_pager", "six_pager"].includes(a.kind))),
  stakeholders_ack: (f) => f.roles.push({ userId: "u-late", role: "stakeholder", acknowledgedAt: null }),
  customer_data: (f) => (f.fields.customerData = null),
  similar_systems: (f) => (f.fields.similarSystems = null),
  feasibility: (f) => (f.fields.feasibilityReview = null),
  prfaq_approved: (f) => (f.artifacts = f.artifacts.map((a) => (a.kind === "prfaq" ? { ...a, state: "in_review" } : a))),
  owner_accepted: (f) => (f.roles = f.roles.map((r) => (r.role === "owner" ? { ...r, acknowledgedAt: null } : r))),
  decider_set: (f) => (f.roles = f.roles.filter((r) => r.role !== "decider")),
  contributors_set: (f) => (f.roles = f.roles.filter((r) => r.role !== "contributor")),
  consulted_set: (f) => (f.roles = f.roles.filter((r) => r.role !== "consulted")),
  minutes: (f) => (f.artifacts = f.artifacts.filter((a) => a.kind !== "meeting_minutes")),
  wiki: (f) => (f.artifacts = f.artifacts.map((a) => (a.kind === "project_wiki" ? { ...a, hasContent: false } : a))),
  email_list: (f) => (f.artifacts = f.artifacts.map((a) => (a.kind === "email_list" ? { ...a, state: "withdrawn" } : a))),
  tenets: (f) => (f.tenetCount = 0),
  constraints: (f) => (f.fields.constraints = null),
  success_metrics: (f) => (f.metrics = f.metrics.map((m) => (m.kind === "input" ? { ...m, drives: [] } : m))),
  scope: (f) => (f.fields.scopeBoundary = null),
  roadmap: (f) => (f.fields.idealEndState = null),
  how_doc: (f) => (f.artifacts = f.artifacts.map((a) => (a.kind === "how_document" ? { ...a, checksPassed: false } : a))),
  prototype: (f) => (f.artifacts = f.artifacts.filter((a) => a.kind !== "prototype")),
  milestones_tracked: (f) => f.milestones.push({ dueDate: null, ownerId: "u-owner", state: "planned" }),
  milestone_delivered: (f) => (f.milestones = f.milestones.map((m) => ({ ...m, state: "in_progress" }))),
  design_doc: (f) => (f.artifacts = f.artifacts.map((a) => (a.kind === "design_doc" ? { ...a, state: "draft" } : a))),
  code: (f) => (f.artifacts = f.artifacts.filter((a) => a.kind !== "code")),
  test_plan: (f) => (f.artifacts = f.artifacts.map((a) => (a.kind === "test_plan" ? { ...a, state: "withdrawn" } : a))),
  metrics_reporting: (f) => (f.metrics = f.metrics.map((m) => (m.kind === "output" ? { ...m, lastPeriodAt: new Date(FIXTURE_NOW.getTime() - 30 * DAY) } : m))),
  rollout: (f) => (f.fields.rollout = null),
  launched: (f) => (f.fields.launchedAt = null),
  dashboard: (f) => (f.artifacts = f.artifacts.map((a) => (a.kind === "dashboard" ? { ...a, state: "in_review" } : a))),
  page0: (f) => (f.artifacts = f.artifacts.filter((a) => a.kind !== "page0_metrics")),
  tech_debt: (f) => (f.artifacts = f.artifacts.filter((a) => a.kind !== "tech_debt_ticket")),
  outputs_at_target: (f) => (f.metrics = f.metrics.map((m) => (m.kind === "output" ? { ...m, recent: [1.5, 2.5, 1.8, 1.9], consecutive: 4 } : m))),
  coe_closed: (f) => (f.openCoeActionItems = 2),
  steady_owner: (f) => (f.fields.steadyStateOwner = null),
};

describe("evaluate with the default playbook", () => {
  it("has a pass-and-fail case for every default criterion", () => {
    const keys = DEFAULT_PLAYBOOK.stages.flatMap((s) => s.criteria.map((c) => c.key));
    expect(keys.sort()).toEqual(Object.keys(BREAKERS).sort());
  });

  for (const stage of DEFAULT_PLAYBOOK.stages) {
    describe(stage.name, () => {
      it("meets every criterion when the facts are complete", () => {
        const result = evaluate(completeFacts(stage.stage), DEFAULT_PLAYBOOK, FIXTURE_NOW);
        const unmet = result.criteria.filter((c) => !c.met).map((c) => `${c.key}: ${c.reason}`);
        expect(unmet).toEqual([]);
        expect(result.ready).toBe(true);
        expect(result.mustMet).toBe(result.mustTotal);
        expect(result.stage).toBe(stage.stage);
      });

      for (const criterion of stage.criteria) {
        it(`${criterion.key}: unmet when its evidence is missing, with a reason`, () => {
          const facts = completeFacts(stage.stage);
          BREAKERS[criterion.key](facts);
          const result = evaluate(facts, DEFAULT_PLAYBOOK, FIXTURE_NOW);
          const row = result.criteria.find((c) => c.key === criterion.key);
          expect(row?.met).toBe(false);
          expect(row?.reason.length).toBeGreaterThan(10);
          // Only this criterion changed.
          expect(result.criteria.filter((c) => !c.met).map((c) => c.key)).toEqual([criterion.key]);
          expect(result.ready).toBe(criterion.level === "should");
        });
      }
    });
  }

  it("checks only the project's current stage", () => {
    const facts = completeFacts("identify");
    facts.fields.rollout = null; // an Adoption fact
    const result = evaluate(facts, DEFAULT_PLAYBOOK, FIXTURE_NOW);
    expect(result.criteria.map((c) => c.key)).toEqual(["customer_named", "problem_named", "why_now", "proposer", "narrative"]);
    expect(result.ready).toBe(true);
  });

  it("scores should-meet criteria by weight and does not block on them", () => {
    const facts = completeFacts("owner");
    facts.roles = facts.roles.filter((r) => r.role !== "contributor"); // weight 2 of 4
    const result = evaluate(facts, DEFAULT_PLAYBOOK, FIXTURE_NOW);
    expect(result.shouldWeightTotal).toBe(4);
    expect(result.shouldWeightMet).toBe(2);
    expect(result.shouldScore).toBe(50);
    expect(result.ready).toBe(true);
  });

  it("gives no should-meet score to a stage without should-meet criteria", () => {
    const result = evaluate(completeFacts("identify"), DEFAULT_PLAYBOOK, FIXTURE_NOW);
    expect(result.shouldScore).toBeNull();
  });

  it("counts must-meet criteria met for gate readiness", () => {
    const facts = completeFacts("identify");
    facts.fields.customer = null;
    facts.proposerId = null;
    const result = evaluate(facts, DEFAULT_PLAYBOOK, FIXTURE_NOW);
    expect(result.mustTotal).toBe(5);
    expect(result.mustMet).toBe(3);
    expect(result.ready).toBe(false);
  });

  it("reports the playbook version it judged by", () => {
    const result = evaluate(completeFacts("plan"), { ...DEFAULT_PLAYBOOK, version: 7 }, FIXTURE_NOW);
    expect(result.playbookVersion).toBe(7);
  });
});

describe("rule details", () => {
  it("a narrative counts once approved with its checks passing, not as a draft, with failing checks or withdrawn", () => {
    const facts = completeFacts("identify");
    facts.artifacts = [artifactFact("email", { state: "approved" })];
    expect(evaluate(facts, DEFAULT_PLAYBOOK, FIXTURE_NOW).ready).toBe(true);
    facts.artifacts = [artifactFact("email", { state: "draft" })];
    expect(evaluate(facts, DEFAULT_PLAYBOOK, FIXTURE_NOW).criteria.find((c) => c.key === "narrative")?.reason).toMatch(/1 artifact not approved yet/);
    facts.artifacts = [artifactFact("prfaq", { state: "approved", checksPassed: false })];
    expect(evaluate(facts, DEFAULT_PLAYBOOK, FIXTURE_NOW).criteria.find((c) => c.key === "narrative")?.reason).toMatch(/failing checks/);
    facts.artifacts = [artifactFact("email", { state: "withdrawn" })];
    const row = evaluate(facts, DEFAULT_PLAYBOOK, FIXTURE_NOW).criteria.find((c) => c.key === "narrative");
    expect(row?.met).toBe(false);
    expect(row?.reason).toMatch(/none yet/);
  });

  it("an artifact of another kind does not satisfy a criterion", () => {
    const facts = completeFacts("understand");
    facts.artifacts = [artifactFact("one_pager")];
    const row = evaluate(facts, DEFAULT_PLAYBOOK, FIXTURE_NOW).criteria.find((c) => c.key === "prfaq_approved");
    expect(row?.met).toBe(false);
    expect(row?.reason).toBe("Needs 1 approved PR/FAQ or 6-pager; there is none yet.");
  });

  it("an approved 6-pager satisfies the PR/FAQ-or-6-pager criterion", () => {
    const facts = completeFacts("understand");
    facts.artifacts = [artifactFact("six_pager")];
    expect(evaluate(facts, DEFAULT_PLAYBOOK, FIXTURE_NOW).criteria.find((c) => c.key === "prfaq_approved")?.met).toBe(true);
  });

  it("names why an unapproved artifact does not count", () => {
    const facts = completeFacts("understand");
    facts.artifacts = [artifactFact("prfaq", { state: "in_review" })];
    const row = evaluate(facts, DEFAULT_PLAYBOOK, FIXTURE_NOW).criteria.find((c) => c.key === "prfaq_approved");
    expect(row?.reason).toMatch(/1 artifact not approved yet/);
  });

  it("stakeholders: none listed is unmet", () => {
    const facts = completeFacts("understand");
    facts.roles = facts.roles.filter((r) => r.role !== "stakeholder");
    const row = evaluate(facts, DEFAULT_PLAYBOOK, FIXTURE_NOW).criteria.find((c) => c.key === "stakeholders_ack");
    expect(row?.met).toBe(false);
    expect(row?.reason).toMatch(/0 listed/);
  });

  it("owner: unassigned differs from assigned-but-not-accepted", () => {
    const facts = completeFacts("owner");
    facts.ownerId = null;
    const row = evaluate(facts, DEFAULT_PLAYBOOK, FIXTURE_NOW).criteria.find((c) => c.key === "owner_accepted");
    expect(row?.reason).toBe("No single-threaded owner is assigned.");
  });

  it("owner: an acceptance by someone who is no longer the owner does not count", () => {
    const facts = completeFacts("owner");
    facts.ownerId = "u-new-owner";
    expect(evaluate(facts, DEFAULT_PLAYBOOK, FIXTURE_NOW).criteria.find((c) => c.key === "owner_accepted")?.met).toBe(false);
  });

  it("a deactivated owner, decider or stakeholder no longer counts: the owner's gate becomes debt once passed", () => {
    const deactivate = (facts: ReturnType<typeof completeFacts>, role: string) =>
      (facts.roles = facts.roles.map((r) => (r.role === role ? { ...r, inactive: true } : r)));
    const owner = completeFacts("owner");
    deactivate(owner, "owner");
    const row = evaluate(owner, DEFAULT_PLAYBOOK, FIXTURE_NOW).criteria.find((c) => c.key === "owner_accepted");
    expect(row).toMatchObject({ met: false, reason: "The owner's account is deactivated: name a new owner." });
    const decider = completeFacts("owner");
    deactivate(decider, "decider");
    expect(evaluate(decider, DEFAULT_PLAYBOOK, FIXTURE_NOW).criteria.find((c) => c.key === "decider_set")).toMatchObject({ met: false });
    const later = completeFacts("plan");
    deactivate(later, "owner");
    expect(gateStatus(later, DEFAULT_PLAYBOOK, FIXTURE_NOW).debtCriteria.map((d) => `${d.stage}.${d.key}`)).toEqual(["owner.owner_accepted"]);
    // A deactivated stakeholder who never acknowledged no longer holds the gate up; an active one does.
    const stakeholders = completeFacts("understand");
    stakeholders.roles.push({ userId: "u-gone", role: "stakeholder", acknowledgedAt: null, inactive: true });
    expect(evaluate(stakeholders, DEFAULT_PLAYBOOK, FIXTURE_NOW).criteria.find((c) => c.key === "stakeholders_ack")?.met).toBe(true);
    stakeholders.roles.push({ userId: "u-here", role: "stakeholder", acknowledgedAt: null });
    expect(evaluate(stakeholders, DEFAULT_PLAYBOOK, FIXTURE_NOW).criteria.find((c) => c.key === "stakeholders_ack")?.met).toBe(false);
  });

  it("tenets: more than seven is unmet", () => {
    const facts = completeFacts("plan");
    facts.tenetCount = 8;
    const row = evaluate(facts, DEFAULT_PLAYBOOK, FIXTURE_NOW).criteria.find((c) => c.key === "tenets");
    expect(row?.met).toBe(false);
    expect(row?.reason).toMatch(/7 at most/);
  });

  it("success metrics: a retired output or a missing target does not count", () => {
    const retired = completeFacts("plan");
    retired.metrics = retired.metrics.map((m) => (m.kind === "output" ? { ...m, retired: true } : m));
    expect(evaluate(retired, DEFAULT_PLAYBOOK, FIXTURE_NOW).criteria.find((c) => c.key === "success_metrics")?.met).toBe(false);
    const noTarget = completeFacts("plan");
    noTarget.metrics = noTarget.metrics.map((m) => (m.kind === "input" ? { ...m, target: null } : m));
    const row = evaluate(noTarget, DEFAULT_PLAYBOOK, FIXTURE_NOW).criteria.find((c) => c.key === "success_metrics");
    expect(row?.met).toBe(false);
    expect(row?.reason).toBe("No input metric with a target is defined.");
  });

  it("roadmap: an ideal end state without milestones is unmet", () => {
    const facts = completeFacts("plan");
    facts.milestones = [{ dueDate: null, ownerId: null, state: "cancelled" }];
    const row = evaluate(facts, DEFAULT_PLAYBOOK, FIXTURE_NOW).criteria.find((c) => c.key === "roadmap");
    expect(row?.met).toBe(false);
    expect(row?.reason).toMatch(/0 planned/);
  });

  it("milestones tracked: a cancelled milestone without a date does not count against", () => {
    const facts = completeFacts("execute");
    facts.milestones.push({ dueDate: null, ownerId: null, state: "cancelled" });
    expect(evaluate(facts, DEFAULT_PLAYBOOK, FIXTURE_NOW).criteria.find((c) => c.key === "milestones_tracked")?.met).toBe(true);
  });

  it("metrics reporting: an output never reported is unmet; a value 14 days old still counts", () => {
    const facts = completeFacts("adopt");
    facts.metrics = facts.metrics.map((m) => (m.kind === "output" ? { ...m, lastPeriodAt: new Date(FIXTURE_NOW.getTime() - 14 * DAY) } : m));
    expect(evaluate(facts, DEFAULT_PLAYBOOK, FIXTURE_NOW).criteria.find((c) => c.key === "metrics_reporting")?.met).toBe(true);
    facts.metrics = facts.metrics.map((m) => (m.kind === "output" ? { ...m, lastPeriodAt: null } : m));
    expect(evaluate(facts, DEFAULT_PLAYBOOK, FIXTURE_NOW).criteria.find((c) => c.key === "metrics_reporting")?.met).toBe(false);
  });

  it("outputs at target: respects direction and needs the playbook's number of periods", () => {
    const facts = completeFacts("adopt");
    const out = (recent: number[], direction: "higher" | "lower", target = 2, consecutive = recent.length) =>
      facts.metrics.map((m) => (m.kind === "output" ? { ...m, recent, direction, target, consecutive } : m));
    const met = () => evaluate(facts, DEFAULT_PLAYBOOK, FIXTURE_NOW).criteria.find((c) => c.key === "outputs_at_target")?.met;
    facts.metrics = out([2, 2, 2, 2], "lower");
    expect(met()).toBe(true);
    facts.metrics = out([2, 2, 2], "lower"); // 3 of 4 periods
    expect(met()).toBe(false);
    facts.metrics = out([3, 3, 3, 3], "higher");
    expect(met()).toBe(true);
    facts.metrics = out([3, 3, 1.9, 3], "higher");
    expect(met()).toBe(false);
    // Four values at target, but a missing period after the second breaks the run.
    facts.metrics = out([3, 3, 3, 3], "higher", 2, 2);
    expect(met()).toBe(false);
    expect(evaluate(facts, { ...DEFAULT_PLAYBOOK, doneDonePeriods: 2 }, FIXTURE_NOW).criteria.find((c) => c.key === "outputs_at_target")?.met).toBe(true);
  });

  it("every stage has criteria for each STAGES entry, in order", () => {
    expect(DEFAULT_PLAYBOOK.stages.map((s) => s.stage)).toEqual([...STAGES]);
  });
});

describe("gateStatus", () => {
  it("reports readiness of the current gate and no debt when passed gates still hold", () => {
    const facts = completeFacts("plan");
    facts.fields.constraints = null;
    const status = gateStatus(facts, DEFAULT_PLAYBOOK, FIXTURE_NOW);
    expect(status).toMatchObject({ gateMustMet: 5, gateMustTotal: 6, gateReadiness: 83, gateDebt: 0 });
  });

  it("counts a passed gate's must-meet criterion that regressed as debt, naming it", () => {
    const facts = completeFacts("execute");
    facts.artifacts = facts.artifacts.map((a) => (a.kind === "prfaq" ? { ...a, state: "withdrawn" } : a));
    facts.roles = facts.roles.filter((r) => r.role !== "owner");
    facts.ownerId = null;
    const status = gateStatus(facts, DEFAULT_PLAYBOOK, FIXTURE_NOW);
    expect(status.debtCriteria.map((d) => `${d.stage}.${d.key}`)).toEqual(["identify.narrative", "understand.prfaq_approved", "owner.owner_accepted"]);
    expect(status.gateDebt).toBe(3);
    // The current gate is not debt: it was never passed.
    expect(status.gateMustMet).toBe(status.gateMustTotal);
    // Stages judged beforehand (as the project page does) give the same status.
    const upTo = evaluateUpTo(facts, DEFAULT_PLAYBOOK, FIXTURE_NOW);
    expect(upTo.map((e) => e.stage)).toEqual(["identify", "understand", "owner", "plan", "execute"]);
    expect(gateStatus(facts, DEFAULT_PLAYBOOK, FIXTURE_NOW, upTo)).toEqual(status);
  });

  it("ignores should-meet criteria and later stages", () => {
    const facts = completeFacts("understand");
    facts.roles = facts.roles.filter((r) => r.role !== "decider"); // an Owner-stage must, not yet reached
    facts.fields.similarSystems = null; // a should-meet of the current stage
    expect(gateStatus(facts, DEFAULT_PLAYBOOK, FIXTURE_NOW).gateDebt).toBe(0);
  });

  it("checks every stage once Done-Done, and none once stopped", () => {
    const done = { ...completeFacts("adopt"), status: "done" as const };
    done.openCoeActionItems = 1;
    expect(gateStatus(done, DEFAULT_PLAYBOOK, FIXTURE_NOW).debtCriteria.map((d) => d.key)).toEqual(["coe_closed"]);
    const stopped = { ...completeFacts("adopt"), status: "stopped" as const, openCoeActionItems: 1 };
    stopped.fields.customer = null;
    expect(gateStatus(stopped, DEFAULT_PLAYBOOK, FIXTURE_NOW).gateDebt).toBe(0);
  });
});

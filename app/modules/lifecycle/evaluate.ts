import type { ProjectFacts } from "./facts";
import { stageOf, type Criterion, type Playbook } from "./playbook";
import { runRule } from "./rules";
import type { StageKey } from "./stages";

export type CriterionResult = Pick<Criterion, "key" | "label" | "level" | "weight" | "rule"> & {
  met: boolean;
  reason: string;
};

export type Evaluation = {
  stage: StageKey;
  playbookVersion: number;
  criteria: CriterionResult[];
  mustMet: number;
  mustTotal: number;
  /** Sum of the weights of met should-meet criteria, and of all of them. */
  shouldWeightMet: number;
  shouldWeightTotal: number;
  /** Percent of should-meet weight met (0-100), or null when the stage has none. */
  shouldScore: number | null;
  /** Every must-meet criterion holds: Go is allowed without an override. */
  ready: boolean;
};

/** The gate checklist of the project's current stage, computed from its facts. */
export function evaluate(facts: ProjectFacts, playbook: Playbook, now: Date): Evaluation {
  const stage = stageOf(playbook, facts.stage);
  const criteria = stage.criteria.map((c): CriterionResult => {
    const { met, reason } = runRule(c.rule, facts, c.params, {
      artifactKinds: c.artifactKinds,
      doneDonePeriods: playbook.doneDonePeriods,
      now,
    });
    return { key: c.key, label: c.label, level: c.level, weight: c.weight, rule: c.rule, met, reason };
  });
  const musts = criteria.filter((c) => c.level === "must");
  const shoulds = criteria.filter((c) => c.level === "should");
  const shouldWeightTotal = shoulds.reduce((sum, c) => sum + c.weight, 0);
  const shouldWeightMet = shoulds.filter((c) => c.met).reduce((sum, c) => sum + c.weight, 0);
  const mustMet = musts.filter((c) => c.met).length;
  return {
    stage: facts.stage,
    playbookVersion: playbook.version,
    criteria,
    mustMet,
    mustTotal: musts.length,
    shouldWeightMet,
    shouldWeightTotal,
    shouldScore: shouldWeightTotal === 0 ? null : Math.round((100 * shouldWeightMet) / shouldWeightTotal),
    ready: mustMet === musts.length,
  };
}

export type GateStatus = {
  gateMustMet: number;
  gateMustTotal: number;
  gateReadiness: number;
  gateShouldScore: number | null;
  /** Must-meet criteria of gates already passed that no longer hold ("gate debt"). */
  gateDebt: number;
  debtCriteria: { stage: StageKey; key: string; label: string; reason: string }[];
};

/** Every stage from the first up to the project's current one, judged on today's facts, in playbook order. */
export function evaluateUpTo(facts: ProjectFacts, playbook: Playbook, now: Date): Evaluation[] {
  const upTo = playbook.stages.findIndex((s) => s.stage === facts.stage);
  return playbook.stages.slice(0, upTo + 1).map((s) => evaluate({ ...facts, stage: s.stage }, playbook, now));
}

/**
 * The current gate's readiness and the gate debt: passed gates keep being checked, and a
 * must-meet criterion of an earlier stage (every stage once Done-Done) that no longer holds
 * is debt until repaired. A stopped project carries no debt.
 */
export function gateStatus(facts: ProjectFacts, playbook: Playbook, now: Date, evaluated: readonly Evaluation[] = []): GateStatus {
  const order = playbook.stages.map((s) => s.stage);
  // `evaluated` holds stages already judged on these facts, in playbook order (see evaluateUpTo).
  const judge = (i: number) => evaluated[i] ?? evaluate({ ...facts, stage: order[i]! }, playbook, now);
  const current = judge(order.indexOf(facts.stage));
  const passedUpTo = facts.status === "done" ? order.length : order.indexOf(facts.stage);
  const debtCriteria: GateStatus["debtCriteria"] = [];
  if (facts.status !== "stopped") {
    for (let i = 0; i < passedUpTo; i++) {
      for (const c of judge(i).criteria) {
        if (c.level === "must" && !c.met) debtCriteria.push({ stage: order[i]!, key: c.key, label: c.label, reason: c.reason });
      }
    }
  }
  return {
    gateMustMet: current.mustMet,
    gateMustTotal: current.mustTotal,
    gateReadiness: current.mustTotal === 0 ? 100 : Math.floor((100 * current.mustMet) / current.mustTotal),
    gateShouldScore: current.shouldScore,
    gateDebt: debtCriteria.length,
    debtCriteria,
  };
}

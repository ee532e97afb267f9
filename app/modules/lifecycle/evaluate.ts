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

/**
 * The current gate's readiness and the gate debt: passed gates keep being checked, and a
 * must-meet criterion of an earlier stage (every stage once Done-Done) that no longer holds
 * is debt until repaired. A stopped project carries no debt.
 */
export function gateStatus(facts: ProjectFacts, playbook: Playbook, now: Date): GateStatus {
  const current = evaluate(facts, playbook, now);
  const order = playbook.stages.map((s) => s.stage);
  const passedUpTo = facts.status === "done" ? order.length : order.indexOf(facts.stage);
  const debtCriteria: GateStatus["debtCriteria"] = [];
  if (facts.status !== "stopped") {
    for (const stage of order.slice(0, passedUpTo)) {
      for (const c of evaluate({ ...facts, stage }, playbook, now).criteria) {
        if (c.level === "must" && !c.met) debtCriteria.push({ stage, key: c.key, label: c.label, reason: c.reason });
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

// The rules a playbook criterion can use. Each reads only ProjectFacts and
// returns whether it holds with a reason a person can act on.
import { z } from "zod";
import { FACT_FIELD_NAMES, FACT_FIELDS, type ProjectFacts } from "./facts";
import { ARTIFACT_KIND_NAMES, type ArtifactKind } from "./stages";

export type RuleResult = { met: boolean; reason: string };

export type RuleContext = {
  artifactKinds: readonly ArtifactKind[];
  doneDonePeriods: number;
  now: Date;
};

type RuleDef<P extends z.ZodTypeAny> = {
  description: string;
  params: P;
  check: (facts: ProjectFacts, params: z.infer<P>, ctx: RuleContext) => RuleResult;
};

function rule<P extends z.ZodTypeAny>(def: RuleDef<P>): RuleDef<P> {
  return def;
}

const DAY_MS = 24 * 60 * 60 * 1000;

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function kindList(kinds: readonly ArtifactKind[]): string {
  const names = kinds.map((k) => ARTIFACT_KIND_NAMES[k]);
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")} or ${names[names.length - 1]}`;
}

function atTarget(value: number, target: number, direction: "higher" | "lower"): boolean {
  return direction === "higher" ? value >= target : value <= target;
}

export const RULES = {
  field_present: rule({
    description: "A fact about the project is written down.",
    params: z.object({ field: z.enum(FACT_FIELDS) }).strict(),
    check(facts, { field }) {
      const value = facts.fields[field]?.trim();
      const name = FACT_FIELD_NAMES[field];
      return value ? { met: true, reason: `${name} is recorded.` } : { met: false, reason: `${name} is not recorded yet.` };
    },
  }),

  proposer_recorded: rule({
    description: "The person who proposed the project is recorded.",
    params: z.object({}).strict(),
    check(facts) {
      return facts.proposerId ? { met: true, reason: "The proposer is recorded." } : { met: false, reason: "No proposer is recorded." };
    },
  }),

  artifact: rule({
    description: "Enough artifacts of the criterion's kinds exist (approved, when required) with their checks passing.",
    params: z.object({ approved: z.boolean().default(true), min: z.number().int().min(1).max(20).default(1) }).strict(),
    check(facts, { approved, min }, { artifactKinds }) {
      const wanted = kindList(artifactKinds);
      const counting = facts.artifacts.filter(
        (a) => artifactKinds.includes(a.kind) && a.state !== "withdrawn" && a.hasContent && a.checksPassed && (!approved || a.state === "approved"),
      );
      if (counting.length >= min) {
        return {
          met: true,
          reason: `${plural(counting.length, approved ? "approved artifact" : "artifact")} (${wanted}).`,
        };
      }
      const ofKind = facts.artifacts.filter((a) => artifactKinds.includes(a.kind) && a.state !== "withdrawn");
      const need = `Needs ${min} ${approved ? "approved " : ""}${wanted}`;
      if (ofKind.length === 0) return { met: false, reason: `${need}; there is none yet.` };
      const failing = ofKind.filter((a) => !a.checksPassed || !a.hasContent).length;
      const unapproved = ofKind.filter((a) => a.state !== "approved").length;
      const details = [
        failing ? `${plural(failing, "artifact")} with failing checks or no content` : null,
        approved && unapproved ? `${plural(unapproved, "artifact")} not approved yet` : null,
      ].filter(Boolean);
      return { met: false, reason: `${need}; ${details.join(", ") || `only ${counting.length} count`}.` };
    },
  }),

  stakeholders_acknowledged: rule({
    description: "Stakeholders are listed and each one has acknowledged.",
    params: z.object({ min: z.number().int().min(1).max(50).default(1) }).strict(),
    check(facts, { min }) {
      const stakeholders = facts.roles.filter((r) => r.role === "stakeholder" && !r.inactive);
      const pending = stakeholders.filter((r) => !r.acknowledgedAt).length;
      if (stakeholders.length < min) {
        return { met: false, reason: `Needs at least ${plural(min, "stakeholder")}; ${stakeholders.length} listed.` };
      }
      if (pending > 0) {
        return { met: false, reason: `${plural(pending, "stakeholder")} of ${stakeholders.length} not acknowledged yet.` };
      }
      return { met: true, reason: `All ${plural(stakeholders.length, "stakeholder")} acknowledged.` };
    },
  }),

  owner_accepted: rule({
    description: "One single-threaded owner is assigned and has accepted.",
    params: z.object({}).strict(),
    check(facts) {
      if (!facts.ownerId) return { met: false, reason: "No single-threaded owner is assigned." };
      const owner = facts.roles.find((r) => r.role === "owner" && r.userId === facts.ownerId);
      if (owner?.inactive) return { met: false, reason: "The owner's account is deactivated: name a new owner." };
      const accepted = Boolean(owner?.acknowledgedAt);
      return accepted
        ? { met: true, reason: "The owner is assigned and has accepted." }
        : { met: false, reason: "The owner is assigned but has not accepted yet." };
    },
  }),

  roles_assigned: rule({
    description: "At least `min` people hold a project role.",
    params: z
      .object({
        role: z.enum(["decider", "contributor", "consulted", "stakeholder"]),
        min: z.number().int().min(1).max(50).default(1),
      })
      .strict(),
    check(facts, { role, min }) {
      // A deactivated person holds no role that counts.
      const n = facts.roles.filter((r) => r.role === role && !r.inactive).length;
      return n >= min ? { met: true, reason: `${plural(n, role)} assigned.` } : { met: false, reason: `Needs at least ${plural(min, role)}; ${n} assigned.` };
    },
  }),

  tenets_written: rule({
    description: "The project keeps a short list of tenets.",
    params: z.object({ min: z.number().int().min(1).max(7).default(1), max: z.number().int().min(1).max(20).default(7) }).strict(),
    check(facts, { min, max }) {
      const n = facts.tenetCount;
      if (n < min) return { met: false, reason: `Needs at least ${plural(min, "tenet")}; ${n} written.` };
      if (n > max) return { met: false, reason: `${plural(n, "tenet")} written; keep it to ${max} at most.` };
      return { met: true, reason: `${plural(n, "tenet")} written.` };
    },
  }),

  success_metrics: rule({
    description: "An input metric with a target drives an output metric with a target.",
    params: z.object({}).strict(),
    check(facts) {
      const live = facts.metrics.filter((m) => !m.retired);
      const outputs = new Set(live.filter((m) => m.kind === "output" && m.target !== null).map((m) => m.id));
      const inputs = live.filter((m) => m.kind === "input" && m.target !== null);
      const linked = inputs.filter((m) => m.drives.some((id) => outputs.has(id)));
      if (linked.length > 0) {
        return { met: true, reason: `${plural(linked.length, "input metric")} with a target drive an output with a target.` };
      }
      if (outputs.size === 0) return { met: false, reason: "No output metric with a target is defined." };
      if (inputs.length === 0) return { met: false, reason: "No input metric with a target is defined." };
      return { met: false, reason: "No input metric is linked to an output metric it drives." };
    },
  }),

  roadmap_split: rule({
    description: "The roadmap separates the ideal end state from incremental milestones.",
    params: z.object({ minMilestones: z.number().int().min(1).max(50).default(1) }).strict(),
    check(facts, { minMilestones }) {
      const planned = facts.milestones.filter((m) => m.state !== "cancelled").length;
      if (!facts.fields.idealEndState?.trim()) return { met: false, reason: "The ideal end state is not written." };
      if (planned < minMilestones) {
        return { met: false, reason: `Needs at least ${plural(minMilestones, "milestone")}; ${planned} planned.` };
      }
      return { met: true, reason: `Ideal end state written and ${plural(planned, "milestone")} planned.` };
    },
  }),

  milestones_tracked: rule({
    description: "Every open milestone has a date and an owner.",
    params: z.object({}).strict(),
    check(facts) {
      const live = facts.milestones.filter((m) => m.state !== "cancelled");
      if (live.length === 0) return { met: false, reason: "No milestones are planned." };
      const missing = live.filter((m) => !m.dueDate || !m.ownerId).length;
      return missing === 0
        ? { met: true, reason: `All ${plural(live.length, "milestone")} have a date and an owner.` }
        : { met: false, reason: `${plural(missing, "milestone")} of ${live.length} lack a date or an owner.` };
    },
  }),

  milestone_delivered: rule({
    description: "Milestones have delivered value.",
    params: z.object({ min: z.number().int().min(1).max(50).default(1) }).strict(),
    check(facts, { min }) {
      const done = facts.milestones.filter((m) => m.state === "done").length;
      return done >= min
        ? { met: true, reason: `${plural(done, "milestone")} delivered.` }
        : { met: false, reason: `Needs ${plural(min, "delivered milestone")}; ${done} delivered.` };
    },
  }),

  metrics_reporting: rule({
    description: "Every live output metric has a recent value.",
    params: z.object({ maxAgeDays: z.number().int().min(1).max(400).default(14) }).strict(),
    check(facts, { maxAgeDays }, { now }) {
      const outputs = facts.metrics.filter((m) => m.kind === "output" && !m.retired);
      if (outputs.length === 0) return { met: false, reason: "No output metric is defined." };
      const cutoff = now.getTime() - maxAgeDays * DAY_MS;
      const stale = outputs.filter((m) => !m.lastPeriodAt || m.lastPeriodAt.getTime() < cutoff).length;
      return stale === 0
        ? { met: true, reason: `All ${plural(outputs.length, "output metric")} reported in the last ${maxAgeDays} days.` }
        : { met: false, reason: `${plural(stale, "output metric")} not reported in the last ${maxAgeDays} days.` };
    },
  }),

  outputs_at_target: rule({
    description: "Every live output metric met its target for the playbook's number of consecutive periods.",
    params: z.object({}).strict(),
    check(facts, _params, { doneDonePeriods: n }) {
      const outputs = facts.metrics.filter((m) => m.kind === "output" && !m.retired);
      if (outputs.length === 0) return { met: false, reason: "No output metric is defined." };
      const short = outputs.filter((m) => {
        if (m.target === null || m.recent.length < n || m.consecutive < n) return true;
        const target = m.target;
        return !m.recent.slice(0, n).every((v) => atTarget(v, target, m.direction));
      }).length;
      return short === 0
        ? { met: true, reason: `All output metrics at target for the last ${plural(n, "period")}.` }
        : { met: false, reason: `${plural(short, "output metric")} not at target for the last ${plural(n, "period")}.` };
    },
  }),

  coe_actions_closed: rule({
    description: "Every COE action item is closed.",
    params: z.object({}).strict(),
    check(facts) {
      const open = facts.openCoeActionItems;
      return open === 0 ? { met: true, reason: "No COE action item is open." } : { met: false, reason: `${plural(open, "COE action item")} still open.` };
    },
  }),
} as const;

export type RuleKey = keyof typeof RULES;
export const RULE_KEYS = Object.keys(RULES) as RuleKey[];

export function isRuleKey(value: string): value is RuleKey {
  return Object.prototype.hasOwnProperty.call(RULES, value);
}

/** Validates a rule's parameters, filling defaults; throws a ZodError when they are wrong. */
export function parseRuleParams(rule: RuleKey, params: unknown): Record<string, unknown> {
  return (RULES[rule].params as z.ZodTypeAny).parse(params ?? {}) as Record<string, unknown>;
}

export function runRule(rule: RuleKey, facts: ProjectFacts, params: unknown, ctx: RuleContext): RuleResult {
  const def = RULES[rule] as unknown as RuleDef<z.ZodTypeAny>;
  return def.check(facts, def.params.parse(params ?? {}), ctx);
}

/** The parameter names a rule takes, with their defaults as YAML lines, for the playbook form. */
export function ruleParamHint(rule: RuleKey): string {
  const shape = (RULES[rule].params as unknown as z.ZodObject<z.ZodRawShape>).shape;
  const names = Object.keys(shape);
  if (names.length === 0) return "No parameters.";
  const defaults = parseRuleParamsSafe(rule);
  return names.map((n) => `${n}: ${defaults[n] === undefined ? "…" : JSON.stringify(defaults[n])}`).join("; ");
}

function parseRuleParamsSafe(rule: RuleKey): Record<string, unknown> {
  const result = (RULES[rule].params as z.ZodTypeAny).safeParse({});
  return result.success ? (result.data as Record<string, unknown>) : {};
}

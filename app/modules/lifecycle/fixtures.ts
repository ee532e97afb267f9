// Test and seed helpers: facts that satisfy every criterion of the default playbook.
import { emptyFacts, type ArtifactFact, type ProjectFacts } from "./facts";
import type { ArtifactKind, StageKey } from "./stages";

const NOW = new Date("2026-06-15T12:00:00Z");
const DAY = 24 * 60 * 60 * 1000;

export const FIXTURE_NOW = NOW;

let artifactSeq = 0;
export function artifactFact(kind: ArtifactKind, over: Partial<ArtifactFact> = {}): ArtifactFact {
  artifactSeq += 1;
  return { id: `a${artifactSeq}`, kind, state: "approved", version: 1, hasContent: true, checksPassed: true, ...over };
}

/** A project whose facts meet every criterion of every stage of the default playbook. */
export function completeFacts(stage: StageKey): ProjectFacts {
  const facts = emptyFacts(stage);
  facts.fields = {
    customer: "Warehouse shift leads",
    problem: "Picking lists arrive late",
    whyNow: "Peak season starts in eight weeks",
    customerData: "https://wiki.example.com/picking-study",
    similarSystems: "Legacy batch printer; no tie-break needed",
    feasibilityReview: "Reviewed with principal engineers on 2026-03-02",
    constraints: "p99 under 200 ms; live before 1 October",
    scopeBoundary: "Out: returns processing (forked)",
    idealEndState: "Every pick list is live and exact",
    rollout: "Pilot: Leeds; then all EU sites",
    launchedAt: "2026-05-01",
    steadyStateOwner: "Fulfilment platform team",
  };
  facts.proposerId = "u-proposer";
  facts.ownerId = "u-owner";
  facts.roles = [
    { userId: "u-owner", role: "owner", acknowledgedAt: new Date(NOW.getTime() - 20 * DAY) },
    { userId: "u-decider", role: "decider", acknowledgedAt: null },
    { userId: "u-contrib", role: "contributor", acknowledgedAt: null },
    { userId: "u-consult", role: "consulted", acknowledgedAt: null },
    { userId: "u-stake", role: "stakeholder", acknowledgedAt: new Date(NOW.getTime() - 30 * DAY) },
  ];
  facts.artifacts = (
    [
      "prfaq",
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
    ] as ArtifactKind[]
  ).map((k) => artifactFact(k));
  facts.tenetCount = 3;
  facts.milestones = [
    { dueDate: new Date(NOW.getTime() - 10 * DAY), ownerId: "u-owner", state: "done" },
    { dueDate: new Date(NOW.getTime() + 30 * DAY), ownerId: "u-contrib", state: "in_progress" },
  ];
  facts.metrics = [
    {
      id: "m-in",
      kind: "input",
      target: 95,
      direction: "higher",
      retired: false,
      drives: ["m-out"],
      lastPeriodAt: new Date(NOW.getTime() - 3 * DAY),
      recent: [96, 97, 95, 96],
      consecutive: 4,
    },
    {
      id: "m-out",
      kind: "output",
      target: 2,
      direction: "lower",
      retired: false,
      drives: [],
      lastPeriodAt: new Date(NOW.getTime() - 3 * DAY),
      recent: [1.5, 1.8, 2, 1.9, 2.4],
      consecutive: 5,
    },
  ];
  facts.openCoeActionItems = 0;
  return facts;
}

// Builds a deterministic demo workspace as plain rows (no database here), so the
// same code makes the 60-project demo and the 10,000-project benchmark portfolio.
import { base, en, Faker } from "@faker-js/faker";
import { allPassed, runChecks, type CheckResult } from "~/modules/artifacts/checks";
import {
  CONSTRAINTS,
  FEASIBILITY,
  IDEAL_END,
  MILESTONES,
  PLACES,
  PORTFOLIO,
  RATIONALES,
  RETROSPECTIVE_TEXT,
  SCOPE,
  SIMILAR_SYSTEMS,
  type Idea,
  type MetricIdea,
} from "./portfolio";
import { sampleBody } from "~/modules/artifacts/samples";
import { reviewHash } from "~/modules/audit/chain";
import { templateBody } from "~/modules/artifacts/templates";
import { evaluate } from "~/modules/lifecycle/evaluate";
import { emptyFacts, type ProjectFacts } from "~/modules/lifecycle/facts";
import { DEFAULT_PLAYBOOK } from "~/modules/lifecycle/playbook";
import { DEFAULT_RETROSPECTIVE_REQUIRED, retrospectiveTrigger, type RetrospectiveTrigger } from "~/modules/learning/retrospective";
import {
  ARTIFACT_KIND_NAMES,
  STAGES,
  ADOPTION_STAGE,
  stageIndex,
  type ArtifactKind,
  type DecisionKind,
  type MilestoneState,
  type ProjectRoleKind,
  type ProjectStatus,
  type StageKey,
} from "~/modules/lifecycle/stages";

const DAY = 24 * 60 * 60 * 1000;

/** `values`: total metric values to spread over reporting metrics; by default two years of weeks each. */
export type SeedOptions = { projects: number; values?: number; anchor: Date };

const DEFAULT_WEEKS = 104;

type UserRow = { id: string; email: string; name: string; role: "admin" | "member" | "viewer" };
type TeamRow = { id: string; slug: string; name: string };
type ProjectRow = {
  id: string;
  number: number;
  key: string;
  title: string;
  customer: string | null;
  problem: string | null;
  whyNow: string | null;
  customerData: string | null;
  similarSystems: string | null;
  feasibilityReview: string | null;
  constraints: string | null;
  scopeBoundary: string | null;
  idealEndState: string | null;
  rollout: string | null;
  launchedAt: Date | null;
  status: ProjectStatus;
  stage: StageKey;
  stageRank: number;
  stageEnteredAt: Date;
  revisitAt: Date | null;
  ownerId: string | null;
  proposerId: string | null;
  steadyStateOwnerId: string | null;
  teamId: string;
  parentId: string | null;
  createdAt: Date;
};
type RoleRow = { id: string; projectId: string; userId: string; role: ProjectRoleKind; acknowledgedAt: Date | null };
type ArtifactRow = {
  id: string;
  projectId: string;
  kind: ArtifactKind;
  stage: StageKey;
  title: string;
  url: string | null;
  body: string | null;
  state: "draft" | "in_review" | "approved";
  authorId: string;
  reviewerId: string | null;
  checks: CheckResult[];
  checksPassed: boolean;
  approvedVersion: number | null;
  approvedChecksPassed: boolean;
  approvedAt: Date | null;
  createdAt: Date;
};
type ReviewRow = {
  id: string;
  projectId: string;
  stage: StageKey;
  requestedById: string;
  requestedAt: Date;
  decidedById: string | null;
  decidedAt: Date | null;
  decision: DecisionKind | null;
  rationale: string | null;
  revisitDate: Date | null;
  recycleTo: StageKey | null;
  checklist: unknown;
  playbookVersion: number | null;
  artifactVersions: unknown;
};
type TenetRow = { id: string; projectId: string; position: number; title: string; body: string; kind: "foundational" | "aspirational" };
type MilestoneRow = {
  id: string;
  projectId: string;
  title: string;
  dueDate: Date | null;
  ownerId: string | null;
  state: MilestoneState;
  deliveredAt: Date | null;
};
type MetricRow = {
  id: string;
  projectId: string;
  name: string;
  definition: string;
  ownerId: string | null;
  kind: "input" | "output";
  unit: string;
  isRate: boolean;
  direction: "higher" | "lower";
  target: number | null;
  cadence: "weekly";
  aggregate: "sum" | "mean";
};
type ValueRow = { id: string; metricId: string; periodStart: Date; value: number; source: string };
type DecisionRow = {
  id: string;
  projectId: string;
  title: string;
  door: "one_way" | "two_way";
  options: string[];
  chosen: string;
  rationale: string;
  deciderId: string;
  dissent: string[];
  decidedAt: Date;
};
/** Where a project's rows start in each list, so its own rows are a slice. */
type Offsets = { roles: number; artifacts: number; tenets: number; milestones: number };
type RetroRow = {
  id: string;
  projectId: string;
  reviewId: string;
  trigger: RetrospectiveTrigger;
  stage: StageKey;
  required: boolean;
  expected: string | null;
  happened: string | null;
  whys: string[] | null;
  differently: string | null;
  writtenAt: Date | null;
  writtenById: string | null;
  openedAt: Date;
};
type LessonRow = {
  id: string;
  projectId: string;
  retrospectiveId: string;
  outcome: RetrospectiveTrigger;
  stage: StageKey;
  teamId: string | null;
  text: string;
  createdAt: Date;
};
type ActionRow = {
  id: string;
  projectId: string;
  retrospectiveId: string;
  position: number;
  title: string;
  ownerId: string;
  dueDate: Date;
  doneAt: Date | null;
};
type AuditRow = { at: Date; actorId: string | null; projectId: string; entity: string; entityId: string; action: string; data: unknown };

export type DemoWorkspace = {
  users: UserRow[];
  teams: TeamRow[];
  teamMembers: { id: string; teamId: string; userId: string; role: "member" | "gatekeeper" }[];
  projects: ProjectRow[];
  roles: RoleRow[];
  artifacts: ArtifactRow[];
  reviews: ReviewRow[];
  decisions: DecisionRow[];
  tenets: TenetRow[];
  milestones: MilestoneRow[];
  metrics: MetricRow[];
  links: { inputId: string; outputId: string }[];
  values: ValueRow[];
  retros: RetroRow[];
  lessons: LessonRow[];
  actions: ActionRow[];
  audit: AuditRow[];
};

const NARRATIVE_KINDS: ArtifactKind[] = ["email", "prfaq", "one_pager", "six_pager"];

/** The artifacts a project has once it passed `stage`'s gate (all approved, with content). */
const STAGE_ARTIFACTS: Record<StageKey, ArtifactKind[]> = {
  identify: ["email"],
  understand: ["prfaq"],
  owner: ["meeting_minutes", "project_wiki", "email_list"],
  plan: ["how_document", "prototype"],
  execute: ["design_doc", "code", "test_plan"],
  adopt: ["dashboard", "page0_metrics", "tech_debt_ticket"],
};

const LINK_KINDS = new Set<ArtifactKind>(["project_wiki", "email_list", "code", "dashboard", "tech_debt_ticket", "prototype"]);

// Checks depend on a document's kind and shape, not its title: run them once per kind and variant.
const checkCache = new Map<string, { checks: CheckResult[]; passed: boolean }>();
function demoChecks(kind: ArtifactKind, variant: "link" | "sample" | "template") {
  const key = `${kind}:${variant}`;
  let entry = checkCache.get(key);
  if (!entry) {
    const checks = variant === "link" ? [] : runChecks(kind, variant === "sample" ? sampleBody(kind, "Demo") : templateBody(kind, "Demo"), { people: [] });
    entry = { checks, passed: allPassed(checks) };
    checkCache.set(key, entry);
  }
  return entry;
}

export const DEMO_USERS: Omit<UserRow, "id">[] = [
  { email: "admin@example.com", name: "Ada Admin", role: "admin" },
  { email: "member@example.com", name: "Max Member", role: "member" },
  { email: "viewer@example.com", name: "Vera Viewer", role: "viewer" },
];

/** A URL part from a title. */
function key(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

/** Monday 00:00 UTC of the week containing `date`. */
export function weekStart(date: Date): Date {
  const d = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const dow = (d.getUTCDay() + 6) % 7;
  return new Date(d.getTime() - dow * DAY);
}

export function generateWorkspace(options: SeedOptions): DemoWorkspace {
  const faker = new Faker({ locale: [en, base] });
  faker.seed(20261123);
  const now = options.anchor;
  const thisWeek = weekStart(now);
  const id = () => faker.string.uuid();
  const ago = (days: number) => new Date(now.getTime() - days * DAY);

  const ws: DemoWorkspace = {
    users: [],
    teams: [],
    teamMembers: [],
    projects: [],
    roles: [],
    artifacts: [],
    reviews: [],
    decisions: [],
    tenets: [],
    milestones: [],
    metrics: [],
    links: [],
    values: [],
    retros: [],
    lessons: [],
    actions: [],
    audit: [],
  };
  // Metrics of projects that report values; values are spread over them at the end.
  const pendingSeries: { metrics: MetricRow[]; atTarget: boolean; thisWeek: Date }[] = [];

  for (const u of DEMO_USERS) ws.users.push({ ...u, id: id() });
  const extraRoles: UserRow["role"][] = ["member", "member", "member", "member", "member", "member", "viewer"];
  for (const role of extraRoles) {
    const first = faker.person.firstName();
    const last = faker.person.lastName();
    ws.users.push({
      id: id(),
      name: `${first} ${last}`,
      email: faker.internet.email({ firstName: first, lastName: last, provider: "example.com" }).toLowerCase(),
      role,
    });
  }
  const members = ws.users.filter((u) => u.role !== "viewer");
  const workers = members.filter((u) => u.role !== "admin");
  const admin = ws.users[0];

  for (const [slug, name] of [
    ["fulfilment", "Fulfilment"],
    ["payments", "Payments"],
    ["growth", "Growth"],
  ]) {
    ws.teams.push({ id: id(), slug, name });
  }
  // Each team: a gatekeeper (who names its deciders) and two members; the demo member is in Fulfilment.
  ws.teams.forEach((team, t) => {
    const people = [workers[(t + 2) % workers.length], workers[(t + 3) % workers.length], ...(t === 0 ? [ws.users[1]] : [])];
    const seen = new Set<string>();
    people.forEach((person, k) => {
      if (seen.has(person.id)) return;
      seen.add(person.id);
      ws.teamMembers.push({ id: id(), teamId: team.id, userId: person.id, role: k === 0 ? "gatekeeper" : "member" });
    });
  });

  const stageWeights: [StageKey, number][] = [
    ["identify", 10],
    ["understand", 9],
    ["owner", 8],
    ["plan", 12],
    ["execute", 11],
    ["adopt", 10],
  ];
  const totalWeight = stageWeights.reduce((s, [, w]) => s + w, 0);
  const stageFor = (i: number): StageKey => {
    // Deterministic spread: walk the weights by position, so every stage is present.
    let slot = (i * 37) % totalWeight;
    for (const [stage, w] of stageWeights) {
      if (slot < w) return stage;
      slot -= w;
    }
    return "identify";
  };

  for (let i = 1; i <= options.projects; i++) {
    const p = makeProject(i);
    ws.projects.push(p);
  }
  spreadValues();
  return ws;

  function makeProject(n: number): ProjectRow {
    // The first two are fixed for the walkthrough in README and the browser tests.
    const special = n === 1 ? "ready" : n === 2 ? "unready" : null;
    const stage: StageKey = special ? "identify" : stageFor(n);
    const si = stageIndex(stage);
    let status: ProjectStatus = "active";
    if (!special) {
      const roll = faker.number.int(99);
      if (roll < 10) status = "stopped";
      else if (roll < 15) status = "on_hold";
      else if (stage === "adopt" && roll < 45) status = "done";
    }
    // A plan stage project can be stalled there for months ("do not stop at Plan").
    const stalled = stage === "plan" && status === "active" && faker.number.int(99) < 40;
    const daysInStage = stalled ? faker.number.int({ min: 100, max: 300 }) : faker.number.int({ min: 2, max: 80 });
    const stageDays = Array.from({ length: si }, () => faker.number.int({ min: 10, max: 70 }));
    const createdDaysAgo = daysInStage + stageDays.reduce((s, d) => s + d, 0) + faker.number.int({ min: 1, max: 10 });
    // The walkthrough pair: pick lists in Fulfilment, refunds in Payments (README's quick tour).
    const team = special === "ready" ? ws.teams[0] : special === "unready" ? ws.teams[1] : ws.teams[n % ws.teams.length];
    // The walkthrough pair's ideas are theirs alone, so a search for them finds one project.
    const all = PORTFOLIO[team.slug as keyof typeof PORTFOLIO];
    const ideas = special || team.slug === "growth" ? all : all.slice(1);
    const slot = special ? 0 : Math.floor(n / ws.teams.length) - (team.slug === "growth" ? 0 : 1);
    const idea = ideas[slot % ideas.length];
    // A team with more projects than ideas runs an idea again for another site or market.
    const round = Math.floor(slot / ideas.length);
    const place = round === 0 ? "" : `: ${PLACES[(round - 1) % PLACES.length]}${round > PLACES.length ? ` (wave ${Math.ceil(round / PLACES.length)})` : ""}`;
    // The walkthrough pair is owned by the demo member and decided by the admin.
    // Administrators act as the demo's gatekeepers of last resort, so they own and propose nothing.
    const pick = workers[faker.number.int(workers.length - 1)];
    const owner = special ? ws.users[1] : pick;
    const proposed = workers[faker.number.int(workers.length - 1)];
    // The walkthrough pair was proposed by its owner, so the admin who decides it is independent of it.
    const proposer = special ? owner : proposed;
    let decider = members[faker.number.int(members.length - 1)];
    // Gatekeepers are independent of the work: never the owner or the proposer.
    while (decider.id === owner.id || decider.id === proposer.id) decider = members[(members.indexOf(decider) + 1) % members.length];
    const hasOwner = special !== null || si >= stageIndex("owner") || faker.number.int(9) < 3;
    const ready = special === "ready" || (special === null && faker.number.int(9) < 5);
    const passedOrReady = (s: StageKey) => stageIndex(s) < si || (stageIndex(s) === si && ready);
    const title = `${idea.title}${place}`;
    const choose = <T>(list: readonly T[], salt = 0) => list[(n + salt) % list.length];
    const parent =
      !special && stage === "identify" && ws.projects.length > 20 && faker.number.int(9) < 3
        ? ws.projects.find((q) => stageIndex(q.stage) >= stageIndex("plan"))
        : undefined;

    const project: ProjectRow = {
      id: id(),
      number: n,
      key: `GP-${n}`,
      title,
      customer: idea.customer,
      problem: idea.problem,
      whyNow: special === "unready" ? null : passedOrReady("identify") || faker.number.int(1) ? idea.whyNow : null,
      customerData: passedOrReady("understand") ? `https://wiki.example.com/${team.slug}/${key(title)}/customer-data` : null,
      similarSystems: passedOrReady("understand") && faker.number.int(3) > 0 ? choose(SIMILAR_SYSTEMS) : null,
      feasibilityReview: passedOrReady("understand") ? `Reviewed by ${members[n % members.length].name}: ${choose(FEASIBILITY, 1)}` : null,
      constraints: passedOrReady("plan") ? choose(CONSTRAINTS, 2) : null,
      scopeBoundary: passedOrReady("plan") ? choose(SCOPE, 3) : null,
      idealEndState: passedOrReady("plan") ? choose(IDEAL_END, 4) : null,
      rollout:
        passedOrReady("adopt") || (si === stageIndex("adopt") && faker.number.int(1))
          ? `Pilot: ${PLACES[n % PLACES.length]}; then every ${team.slug === "fulfilment" ? "site" : "market"}, one a week`
          : null,
      launchedAt: si === stageIndex("adopt") ? ago(daysInStage - 1) : null,
      status,
      stage,
      stageRank: si,
      stageEnteredAt: ago(daysInStage),
      revisitAt: null,
      ownerId: hasOwner ? owner.id : null,
      proposerId: proposer.id,
      steadyStateOwnerId: status === "done" || (passedOrReady(ADOPTION_STAGE) && stage === ADOPTION_STAGE) ? owner.id : null,
      teamId: team.id,
      parentId: parent?.id ?? null,
      createdAt: ago(createdDaysAgo),
    };

    const first = { roles: ws.roles.length, artifacts: ws.artifacts.length, tenets: ws.tenets.length, milestones: ws.milestones.length };
    // Roles: the decider always; the owner once there is one; the admin decides the fixed pair.
    const roles: RoleRow[] = [{ id: id(), projectId: project.id, userId: special ? admin.id : decider.id, role: "decider", acknowledgedAt: null }];
    if (project.ownerId) {
      roles.push({
        id: id(),
        projectId: project.id,
        userId: owner.id,
        role: "owner",
        acknowledgedAt: passedOrReady("owner") || faker.number.int(1) ? ago(daysInStage + 1) : null,
      });
    }
    const stakeholders = faker.helpers.arrayElements(
      members.filter((m) => m.id !== owner.id),
      { min: 1, max: 3 },
    );
    for (const s of stakeholders) {
      roles.push({
        id: id(),
        projectId: project.id,
        userId: s.id,
        role: "stakeholder",
        acknowledgedAt: passedOrReady("understand") || faker.number.int(1) ? ago(daysInStage) : null,
      });
    }
    // The Plan gate takes two signatures (decision 37): from Plan on, a second decider.
    if (!special && si >= stageIndex("plan")) {
      const second = members.find((m) => m.id !== owner.id && m.id !== proposer.id && !roles.some((r) => r.userId === m.id));
      if (second) roles.push({ id: id(), projectId: project.id, userId: second.id, role: "decider", acknowledgedAt: null });
    }
    if (passedOrReady("owner")) {
      const contributor = members.find((m) => !roles.some((r) => r.userId === m.id));
      if (contributor) roles.push({ id: id(), projectId: project.id, userId: contributor.id, role: "contributor", acknowledgedAt: null });
    }
    ws.roles.push(...roles);

    // Artifacts for every passed gate, and some (maybe unapproved) for the current one.
    for (const s of STAGES.slice(0, si + 1)) {
      const current = s === stage;
      for (const kind of s === "identify" ? [faker.helpers.arrayElement(NARRATIVE_KINDS)] : STAGE_ARTIFACTS[s]) {
        if (special === "unready") continue;
        const complete = !current || ready;
        if (current && !complete && faker.number.int(1)) continue;
        const state = complete ? "approved" : faker.helpers.arrayElement(["draft", "in_review"] as const);
        const link = LINK_KINDS.has(kind);
        const artifactKind = special === "ready" ? "email" : kind;
        const title = `${ARTIFACT_KIND_NAMES[artifactKind]}: ${project.title}`;
        // Approved documents are complete samples; drafts are still the bare template (their checks fail).
        const variant = link ? "link" : complete ? "sample" : "template";
        const { checks, passed } = demoChecks(artifactKind, variant);
        ws.artifacts.push({
          id: id(),
          projectId: project.id,
          kind: artifactKind,
          stage: s,
          title,
          url: link ? `https://docs.example.com/${project.key}/${kind}` : null,
          body: link ? null : variant === "sample" ? sampleBody(artifactKind, title) : templateBody(artifactKind, title),
          state,
          authorId: owner.id,
          reviewerId: decider.id,
          checks,
          checksPassed: passed,
          approvedVersion: state === "approved" ? 1 : null,
          approvedChecksPassed: state === "approved" && passed,
          approvedAt: state === "approved" ? ago(daysInStage + 2) : null,
          createdAt: ago(daysInStage + 5),
        });
      }
    }

    if (passedOrReady("plan")) {
      const count = faker.number.int({ min: 2, max: 5 });
      for (let t = 0; t < Math.min(count, idea.tenets.length); t++) {
        const [tenetTitle, body] = idea.tenets[t];
        ws.tenets.push({ id: id(), projectId: project.id, position: t + 1, title: tenetTitle, body, kind: t % 2 ? "aspirational" : "foundational" });
      }
    }
    if (si >= stageIndex("plan")) {
      const count = faker.number.int({ min: 2, max: 5 });
      for (let m = 0; m < count; m++) {
        const dueInDays = (m - 1) * 30 + faker.number.int(20);
        const done = si >= stageIndex("execute") && dueInDays < 0;
        ws.milestones.push({
          id: id(),
          projectId: project.id,
          title: `M${m + 1}: ${MILESTONES[m % MILESTONES.length]}`,
          dueDate: ago(-dueInDays),
          ownerId: members[(n + m) % members.length].id,
          state: done ? "done" : dueInDays < 20 ? "in_progress" : "planned",
          deliveredAt: done ? ago(-dueInDays) : null,
        });
      }
      addMetrics(project, idea, si >= stageIndex("execute"), status === "done");
    }
    // The walkthrough pair has its metrics from the start, so every part of the quick tour works on it.
    if (special) addMetrics(project, idea, true, false);

    if (n > 2 && faker.number.int(9) < 3) {
      ws.decisions.push({
        id: id(),
        projectId: project.id,
        title: `Build or buy for ${idea.title.toLowerCase()}`,
        door: faker.number.int(1) ? "one_way" : "two_way",
        options: ["Build in-house", "Buy a vendor product", "Do nothing"],
        chosen: "Build in-house",
        rationale: "Building keeps the data in our warehouse system; both vendors needed a second integration.",
        deciderId: decider.id,
        dissent: faker.number.int(1) ? [members[(n + 1) % members.length].name] : [],
        decidedAt: ago(daysInStage + 3),
      });
    }

    // Gate history: a Go for every passed gate, sometimes after a Recycle; the ending decision.
    let at = createdDaysAgo;
    ws.audit.push({
      at: ago(createdDaysAgo),
      actorId: proposer.id,
      projectId: project.id,
      entity: "project",
      entityId: project.id,
      action: "project.created",
      data: { title },
    });
    for (let s = 0; s < si; s++) {
      at -= stageDays[s];
      const stageKey = STAGES[s];
      if (s > 0 && faker.number.int(9) === 0) {
        const recycleAt = at + Math.floor(stageDays[s] / 2);
        addReview(project, first, stageKey, "recycle", recycleAt, decider.id, { recycleTo: STAGES[s - 1] });
      }
      addReview(project, first, stageKey, "go", at, decider.id, {});
    }
    // The project entered its stage when its last Go was decided (or when it was created): the
    // stage path replays the decisions, and the header reads this date; they must agree.
    project.stageEnteredAt = ago(at);
    const last = Math.max(1, daysInStage - 1);
    if (status === "stopped") addReview(project, first, stage, "stop", last, decider.id, {});
    if (status === "done") addReview(project, first, stage, "go", last, decider.id, {});
    if (status === "on_hold") {
      project.revisitAt = ago(-faker.number.int({ min: 5, max: 40 }));
      addReview(project, first, stage, "hold", last, decider.id, { revisitDate: project.revisitAt });
    }
    // Some active projects sit on a Hold whose revisit date has passed: the board flags them.
    if (status === "active" && !special && faker.number.int(19) === 0) {
      project.revisitAt = ago(Math.floor(last / 2));
      addReview(project, first, stage, "hold", last, decider.id, { revisitDate: project.revisitAt });
    }
    return project;
  }

  function addReview(
    project: ProjectRow,
    first: Offsets,
    stage: StageKey,
    decision: DecisionKind,
    daysAgo: number,
    deciderId: string,
    extra: Partial<ReviewRow>,
  ) {
    const facts = snapshotFacts(project, first, emptyFacts(stage));
    const evaluation = evaluate(facts, DEFAULT_PLAYBOOK, ago(daysAgo));
    const reviewId = id();
    const review: ReviewRow = {
      id: reviewId,
      projectId: project.id,
      stage,
      requestedById: project.ownerId ?? project.proposerId ?? deciderId,
      requestedAt: ago(daysAgo + 1),
      decidedById: deciderId,
      decidedAt: ago(daysAgo),
      decision,
      rationale:
        RATIONALES[decision === "conditional_go" ? "go" : decision][project.number % RATIONALES[decision === "conditional_go" ? "go" : decision].length],
      revisitDate: null,
      recycleTo: null,
      checklist: evaluation,
      playbookVersion: 1,
      artifactVersions: facts.artifacts.map(({ id, kind, version, state }) => ({ id, kind, version, state })),
      ...extra,
    };
    ws.reviews.push(review);
    addRetrospective(project, review);
    // The decision event seals the review's content, as applyDecision does (audit/chain.ts).
    const sealed = reviewHash({ ...review, condition: null, conditionDueDate: null, overrideReason: null });
    ws.audit.push({
      at: ago(daysAgo),
      actorId: deciderId,
      projectId: project.id,
      entity: "gate_review",
      entityId: reviewId,
      action: `gate.${decision}`,
      data: { stage, reviewHash: sealed },
    });
  }

  /**
   * The retrospective a Stop, Recycle or Done-Done opened, written by the owner for four projects
   * in five (its lesson in the library, one action item), the rest left to write. Chosen by the
   * project's number and ids made from the review's, so the rest of the demo stays as it was.
   */
  function addRetrospective(project: ProjectRow, review: ReviewRow) {
    const trigger = retrospectiveTrigger(
      review.decision!,
      review.decision === "go" && project.status === "done" && review.stage === ADOPTION_STAGE ? "done" : "active",
    );
    if (!trigger) return;
    const written = project.number % 5 !== 0 && project.ownerId !== null;
    const pick = <T>(list: readonly T[]) => list[project.number % list.length]!;
    const retro: RetroRow = {
      id: `${review.id}-retro`,
      projectId: project.id,
      reviewId: review.id,
      trigger,
      stage: review.stage,
      required: DEFAULT_RETROSPECTIVE_REQUIRED.includes(trigger),
      expected: written ? pick(RETROSPECTIVE_TEXT.expected) : null,
      happened: written ? pick(RETROSPECTIVE_TEXT.happened[trigger]) : null,
      whys: written ? [...pick(RETROSPECTIVE_TEXT.whys)] : null,
      differently: written ? pick(RETROSPECTIVE_TEXT.differently[trigger]) : null,
      writtenAt: written ? review.decidedAt : null,
      writtenById: written ? project.ownerId : null,
      openedAt: review.decidedAt!,
    };
    ws.retros.push(retro);
    if (!written) return;
    ws.lessons.push({
      id: `${review.id}-lesson`,
      projectId: project.id,
      retrospectiveId: retro.id,
      outcome: trigger,
      stage: review.stage,
      teamId: project.teamId,
      text: retro.differently!,
      createdAt: review.decidedAt!,
    });
    const due = new Date(review.decidedAt!.getTime() + 21 * DAY);
    ws.actions.push({
      id: `${review.id}-action`,
      projectId: project.id,
      retrospectiveId: retro.id,
      position: 0,
      title: pick(RETROSPECTIVE_TEXT.actions),
      ownerId: project.ownerId!,
      dueDate: due,
      doneAt: due.getTime() < now.getTime() ? due : null,
    });
  }

  /** Facts as they stood at a past gate: the project's own rows (from `first` on), judged at that stage. */
  function snapshotFacts(project: ProjectRow, first: Offsets, base: ProjectFacts): ProjectFacts {
    const fields = { ...base.fields };
    for (const key of Object.keys(fields) as (keyof typeof fields)[]) {
      const value = (project as unknown as Record<string, unknown>)[key];
      fields[key] = value instanceof Date ? value.toISOString() : typeof value === "string" ? value : null;
    }
    fields.steadyStateOwner = project.steadyStateOwnerId ? "named" : null;
    return {
      ...base,
      fields,
      proposerId: project.proposerId,
      ownerId: project.ownerId,
      roles: ws.roles.slice(first.roles),
      artifacts: ws.artifacts
        .slice(first.artifacts)
        .map((a) => ({ id: a.id, kind: a.kind, state: a.state, version: 1, hasContent: true, checksPassed: a.checksPassed })),
      tenetCount: ws.tenets.length - first.tenets,
      milestones: ws.milestones.slice(first.milestones),
      metrics: [],
    };
  }

  function addMetrics(project: ProjectRow, idea: Idea, reporting: boolean, atTarget: boolean) {
    const row = (m: MetricIdea, kind: "input" | "output"): MetricRow => ({
      id: id(),
      projectId: project.id,
      name: m.name,
      definition: m.definition,
      ownerId: project.ownerId,
      kind,
      unit: m.unit,
      isRate: m.isRate,
      direction: m.direction,
      target: m.target,
      cadence: "weekly",
      aggregate: m.aggregate,
    });
    const output = row(idea.output, "output");
    const inputs = idea.inputs.map((m) => row(m, "input"));
    ws.metrics.push(output, ...inputs);
    for (const input of inputs) ws.links.push({ inputId: input.id, outputId: output.id });
    if (reporting) pendingSeries.push({ metrics: [output, ...inputs], atTarget, thisWeek });
  }

  function spreadValues() {
    const metricCount = pendingSeries.reduce((s, p) => s + p.metrics.length, 0);
    const total = options.values ?? metricCount * DEFAULT_WEEKS;
    if (metricCount === 0 || total <= 0) return;
    const perMetric = Math.max(1, Math.ceil(total / metricCount));
    let remaining = total;
    for (const series of pendingSeries) {
      for (const metric of series.metrics) {
        const weeks = Math.min(perMetric, remaining);
        remaining -= weeks;
        const target = metric.target ?? 1;
        const start = metric.direction === "higher" ? target * 0.7 : target * 1.5;
        for (let w = weeks - 1; w >= 0; w--) {
          const progress = 1 - w / Math.max(weeks, 1);
          const trend = start + (target * (metric.direction === "higher" ? 1.08 : 0.92) - start) * progress;
          const noise = 1 + faker.number.float({ min: -1, max: 1 }) * (series.atTarget && w < 8 ? 0.01 : 0.05);
          let value = trend * noise;
          if (series.atTarget && w < 8) value = metric.direction === "higher" ? Math.max(value, target) : Math.min(value, target);
          // A rate is a share: it stays between 0 and 1 whatever the trend and noise say.
          if (metric.isRate) value = Math.min(1, Math.max(0, value));
          ws.values.push({
            // Increasing ids append to the primary-key index instead of splitting pages at random.
            id: `mv${(ws.values.length + 1).toString(36).padStart(8, "0")}`,
            metricId: metric.id,
            periodStart: new Date(series.thisWeek.getTime() - (w + 1) * 7 * DAY),
            value: metric.isRate ? Math.round(value * 10000) / 10000 : Math.round(value * 10) / 10,
            source: "seed",
          });
        }
      }
    }
  }
}

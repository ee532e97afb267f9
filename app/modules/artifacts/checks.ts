// The structural checks of each template (PRODUCT.md "Templates and their checks"). Pure: the
// editor runs them live in the browser and the server runs them again on save; the stored
// results are what the gate reads.
import { isMatch } from "date-fns";
import type { ArtifactKind } from "~/modules/lifecycle/stages";
import { countSentences, normaliseHeading, parseDocument, questions, stripMarks, type ParsedDocument, type Section } from "./markdown";
import { templateFor, WORD_LIMITS, type Template } from "./templates";

export type CheckResult = { key: string; label: string; passed: boolean; detail: string };

export type CheckContext = {
  /** Names of the organisation's people, for "no person blamed by name". */
  people: readonly string[];
  /**
   * A COE's record (issue 26, item 3), when it has one: its impact, timeline, why-chains, root
   * causes and action items are checked there, and the document keeps the narrative.
   */
  coe?: CoeRecordFacts;
};

export type CoeRecordFacts = {
  timeline: boolean;
  chains: { problem: string; whys: string[] }[];
  rootCauses: string[];
  actions: number;
};

/** The COE template's sections a record holds instead of the document. */
export const COE_RECORD_SECTIONS = ["Customer impact", "Timeline", "Five whys", "Root causes", "Action items"];

/** `guidance`: the template's advice for the section, shown beside it while it is written. */
export type OutlineEntry = {
  title: string;
  depth: number;
  words: number;
  filled: boolean;
  present: boolean;
  optional: boolean;
  /** Kept in the COE's record rather than in its text: nothing to write here. */
  inRecord: boolean;
  guidance: string;
};

function plural(n: number, one: string, many = `${one}s`) {
  return `${n.toLocaleString("en")} ${n === 1 ? one : many}`;
}

function find(doc: ParsedDocument, title: string): Section | undefined {
  const key = normaliseHeading(title);
  return doc.sections.find((s) => s.key === key);
}

function filled(section: Section | undefined): boolean {
  return Boolean(section && section.words > 0);
}

/** A section with subsections in the template counts as filled when it is present; its subsections are checked one by one. */
function templateFilled(template: Template, doc: ParsedDocument, index: number): boolean {
  const section = template.sections[index]!;
  const next = template.sections[index + 1];
  const found = find(doc, section.title);
  if (next && next.depth > section.depth) return Boolean(found);
  return filled(found);
}

/** Each template section, filled or not; a COE with a record keeps some of its sections there (`hasRecord`). */
export function outline(kind: ArtifactKind, body: string, hasRecord = false): OutlineEntry[] {
  const template = templateFor(kind);
  const doc = parseDocument(body);
  if (!template)
    return doc.sections
      .filter((s) => s.depth > 0)
      .map((s) => ({ title: s.title, depth: s.depth, words: s.words, filled: filled(s), present: true, optional: true, inRecord: false, guidance: "" }));
  const inRecord = kind === "coe" && hasRecord ? COE_RECORD_SECTIONS : [];
  return template.sections.map((section, i) => {
    const found = find(doc, section.title);
    return {
      title: section.title,
      depth: section.depth,
      words: found?.words ?? 0,
      filled: templateFilled(template, doc, i),
      present: Boolean(found),
      optional: Boolean(section.optional),
      inRecord: inRecord.includes(section.title),
      guidance: section.guidance,
    };
  });
}

function sectionsFilled(template: Template, doc: ParsedDocument, skip: readonly string[] = []): CheckResult {
  const missing = template.sections
    .map((section, i) => ({ section, ok: templateFilled(template, doc, i) }))
    .filter(({ section, ok }) => !ok && !section.optional && !skip.includes(section.title))
    .map(({ section }) => section.title);
  return {
    key: "sections_filled",
    label: "Every section filled",
    passed: missing.length === 0,
    detail: missing.length === 0 ? "Every section has content." : `Missing or empty: ${missing.join(", ")}.`,
  };
}

function wordLimit(key: string, label: string, words: number, limit: number): CheckResult {
  return { key, label, passed: words <= limit, detail: `${plural(words, "word")} of at most ${limit.toLocaleString("en")}.` };
}

function oneSentence(doc: ParsedDocument, title: string): CheckResult {
  const section = find(doc, title);
  const n = section ? countSentences(section.ownText) : 0;
  return {
    key: `${normaliseHeading(title)}_one_sentence`,
    label: `${title} is one sentence`,
    passed: n === 1,
    detail: n === 1 ? "One sentence." : n === 0 ? `The ${title.toLowerCase()} is empty.` : `${plural(n, "sentence")}; keep it to one.`,
  };
}

function faq(doc: ParsedDocument, title: string, key: string, required: boolean, why: string): CheckResult {
  const n = questions(find(doc, title)?.text ?? "").length;
  return {
    key,
    label: `${title} has a question`,
    passed: n >= 1 || !required,
    detail: n >= 1 ? `${plural(n, "question")}.` : required ? `No question (a line ending in "?") yet${why}.` : `Optional here${why}.`,
  };
}

const MONTH = "(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?";
const DATE_IN_TEXT = new RegExp(`\\b\\d{4}-\\d{2}-\\d{2}\\b|\\b(?:Q[1-4]|H[12])\\s*\\d{4}\\b|\\b${MONTH}\\s+(?:\\d{1,2},?\\s+)?\\d{4}\\b`, "i");

function prfaqChecks(template: Template, doc: ParsedDocument): CheckResult[] {
  const customer = find(doc, "Who is the customer?");
  const internal = /\binternal\b/i.test(customer?.ownText ?? "");
  const skip = internal ? ["External FAQ"] : [];
  return [
    sectionsFilled(template, doc, skip),
    wordLimit("press_release_length", "Press release about one page", find(doc, "Press release")?.words ?? 0, WORD_LIMITS.pressRelease),
    oneSentence(doc, "Heading"),
    oneSentence(doc, "Subheading"),
    faq(doc, "Internal FAQ", "internal_faq", true, ""),
    faq(doc, "External FAQ", "external_faq", !internal, internal ? " (the customer is internal)" : " (the customer is external)"),
  ];
}

function sixPagerChecks(template: Template, doc: ParsedDocument): CheckResult[] {
  const appendix = find(doc, "Appendix");
  const words = doc.words - (appendix?.words ?? 0);
  const alternatives = find(doc, "Alternatives")?.items ?? [];
  const nothing = alternatives.some((a) => /\b(do(ing)? nothing|status quo|no change)\b/i.test(a));
  const goals = find(doc, "Goals")?.items ?? [];
  const incomplete = goals.filter((g) => !/\bbaseline\b/i.test(g) || !/\btarget\b/i.test(g) || !DATE_IN_TEXT.test(g));
  return [
    sectionsFilled(template, doc),
    wordLimit("length", "About six pages", words, WORD_LIMITS.sixPager),
    {
      key: "alternatives",
      label: "At least two alternatives, one of them doing nothing",
      passed: alternatives.length >= 2 && nothing,
      detail:
        alternatives.length < 2
          ? `${plural(alternatives.length, "alternative")} listed; list at least two.`
          : nothing
            ? `${plural(alternatives.length, "alternative")}, doing nothing among them.`
            : "No alternative says what happens if we do nothing.",
    },
    {
      key: "goals_complete",
      label: "Every goal has a baseline, a target and a date",
      passed: goals.length > 0 && incomplete.length === 0,
      detail:
        goals.length === 0
          ? "No goal listed yet."
          : incomplete.length === 0
            ? `${plural(goals.length, "goal")}, each complete.`
            : `Incomplete: ${incomplete.map((g) => `"${stripMarks(g).slice(0, 60)}"`).join(", ")}.`,
    },
  ];
}

export type ActionItem = { title: string; owners: string[]; due: string | null; ticketUrl: string | null; rootCauses: string[] };

const FIELD_END = String.raw`(?=\s*(?:[;|—–]|\bowner:|\bdue:|\bticket:|\.(?:\s|$)|$))`;
const OWNER = new RegExp(String.raw`\bowner:\s*(.+?)${FIELD_END}`, "i");
const DUE = new RegExp(String.raw`\bdue:\s*(\S+?)${FIELD_END}`, "i");
const TICKET = /\bticket:\s*(https?:\/\/\S+?)(?=[\s;|)]|\.(?:\s|$)|$)/i;

/** Reads action items written as list items: a title, then "Owner:", "Due:" (YYYY-MM-DD) and "Ticket:". */
export function parseActionItems(items: readonly string[]): ActionItem[] {
  return items.map((raw) => {
    const text = stripMarks(raw.replace(/\s*\n\s*/g, " "));
    const cut = text.search(/\b(owner|due|ticket):/i);
    const title = (cut === -1 ? text : text.slice(0, cut)).replace(/[\s.;,|—–-]+$/, "").slice(0, 300) || text.slice(0, 300);
    const owner = OWNER.exec(text)?.[1]?.trim() ?? "";
    const owners = owner ? owner.split(/\s*(?:,|&|\/|\band\b)\s*/i).filter(Boolean) : [];
    const due = DUE.exec(text)?.[1] ?? null;
    return {
      title,
      owners,
      due: due && isMatch(due, "yyyy-MM-dd") ? due : null,
      ticketUrl: TICKET.exec(text)?.[1] ?? null,
      rootCauses: [...text.matchAll(/\bRC(\d+)\b/gi)].map((m) => `RC${m[1]}`),
    };
  });
}

/** The action items of a COE document, as stored for tracking. */
export function coeActionItems(body: string): ActionItem[] {
  return parseActionItems(find(parseDocument(body), "Action items")?.items ?? []);
}

/** A COE document's parts, as far as its text gives them, for making its record (issue 26, item 3). */
export type CoeDocumentParts = {
  impactCount: number | null;
  /** Each moment as "YYYY-MM-DDTHH:mm" when a timeline line names it with a date and a time. */
  moments: Record<"startedAt" | "detectedAt" | "mitigatedAt" | "resolvedAt", string | null>;
  chains: { problem: string; whys: string[] }[];
  rootCauses: string[];
  actions: ActionItem[];
  lesson: string | null;
};

const MOMENT_WORDS = [
  ["startedAt", /\b(start|started|began|begin)/i],
  ["detectedAt", /\bdetect/i],
  ["mitigatedAt", /\bmitigat/i],
  ["resolvedAt", /\bresolv/i],
] as const;

/** Reads a COE document's sections into the parts its record keeps; what the text does not give is null or empty. */
export function coeDocumentParts(body: string): CoeDocumentParts {
  const doc = parseDocument(body);
  const impact = /\d[\d,]*/.exec(find(doc, "Customer impact")?.ownText ?? "")?.[0];
  const lines = (find(doc, "Timeline")?.ownText ?? "").split("\n");
  const moments = Object.fromEntries(
    MOMENT_WORDS.map(([key, words]) => {
      const line = lines.find((l) => words.test(l));
      const at = line ? /(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})/.exec(line) : null;
      return [key, at ? `${at[1]}T${at[2]}` : null];
    }),
  ) as CoeDocumentParts["moments"];
  const whys = find(doc, "Five whys");
  const chains: CoeDocumentParts["chains"] = [];
  if (whys) {
    const at = doc.sections.indexOf(whys);
    if (whys.items.length > 0) chains.push({ problem: "Five whys", whys: whys.items.map(stripMarks) });
    for (let j = at + 1; j < doc.sections.length && doc.sections[j]!.depth > whys.depth; j++) {
      chains.push({ problem: doc.sections[j]!.title, whys: doc.sections[j]!.items.map(stripMarks) });
    }
  }
  const lessons = find(doc, "Lessons learned")?.ownText.trim();
  return {
    impactCount: impact ? Number(impact.replace(/,/g, "")) : null,
    moments,
    chains: chains.filter((c) => c.whys.length > 0),
    rootCauses: (find(doc, "Root causes")?.items ?? []).map((r) => stripMarks(r).replace(/^\s*RC\d+\s*:\s*/i, "")),
    actions: parseActionItems(find(doc, "Action items")?.items ?? []),
    lesson: lessons || null,
  };
}

function actionItemsOwned(items: ActionItem[], required: boolean): CheckResult {
  const bad = items.filter((i) => i.owners.length !== 1 || !i.due);
  const describe = (i: ActionItem) =>
    `"${i.title.slice(0, 50)}" (${i.owners.length === 0 ? "no owner" : i.owners.length > 1 ? `${i.owners.length} owners` : "one owner"}, ${i.due ? "due date" : "no valid due date"})`;
  return {
    key: "action_items_owned",
    label: "Every action item has one owner and a due date",
    passed: bad.length === 0 && (items.length > 0 || !required),
    detail:
      items.length === 0
        ? required
          ? "No action item yet."
          : "No action items."
        : bad.length === 0
          ? `${plural(items.length, "action item")}, each with one owner and a due date.`
          : `Fix: ${bad.map(describe).join("; ")}.`,
  };
}

function escapeRegExp(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** People named in a text: full names in any case, first names as written (capitalised), and @handles. */
export function namedPeople(text: string, people: readonly string[]): string[] {
  const found = new Set<string>();
  for (const person of people) {
    const full = person.trim();
    if (!full) continue;
    if (new RegExp(`(^|[^\\p{L}])${escapeRegExp(full)}($|[^\\p{L}])`, "iu").test(text)) {
      found.add(full);
      continue;
    }
    const first = full.split(/\s+/)[0]!;
    if (first.length >= 3 && new RegExp(`(^|[^\\p{L}])${escapeRegExp(first)}($|[^\\p{L}])`, "u").test(text)) found.add(full);
  }
  for (const handle of text.match(/(?<![\w.])@[A-Za-z][\w.-]*/g) ?? []) found.add(handle);
  return [...found];
}

/** A COE with a record: the document's narrative sections, and the record's parts. */
function coeRecordChecks(template: Template, doc: ParsedDocument, record: CoeRecordFacts, people: readonly string[]): CheckResult[] {
  const shallow = record.chains.filter((c) => c.whys.length < 5 && !/^\s*(\*\*)?stop\b/i.test(c.whys.at(-1) ?? ""));
  const blamed = namedPeople(record.rootCauses.join("\n"), people);
  return [
    sectionsFilled(template, doc, COE_RECORD_SECTIONS),
    {
      key: "timeline_complete",
      label: "Timeline has the start, the detection and the mitigation",
      passed: record.timeline,
      detail: record.timeline ? "In the record." : "Fill in the record's timeline.",
    },
    {
      key: "why_chains_deep",
      label: "Each why-chain is five deep or says why it stops",
      passed: record.chains.length > 0 && shallow.length === 0,
      detail:
        shallow.length === 0
          ? `${plural(record.chains.length, "chain")} in the record, each deep enough.`
          : shallow.map((c) => `"${c.problem}" is ${c.whys.length} deep and does not say why it stops (a last why starting "Stop:")`).join("; ") + ".",
    },
    {
      key: "root_causes_actioned",
      label: "Root causes are named, each with a category, and action items follow",
      passed: record.rootCauses.length > 0 && record.actions > 0,
      detail: `${plural(record.rootCauses.length, "root cause")} and ${plural(record.actions, "action item")} in the record, each item with one owner and a due date.`,
    },
    {
      key: "no_blame",
      label: "No person blamed by name in root causes",
      passed: blamed.length === 0,
      detail:
        blamed.length === 0
          ? "Root causes name systems and processes, not people."
          : `Root causes name ${blamed.join(", ")}; describe the system or process instead.`,
    },
  ];
}

function coeChecks(template: Template, doc: ParsedDocument, ctx: CheckContext): CheckResult[] {
  if (ctx.coe) return coeRecordChecks(template, doc, ctx.coe, ctx.people);
  const impact = find(doc, "Customer impact")?.ownText ?? "";
  const timeline = find(doc, "Timeline")?.ownText ?? "";
  const missingMoments = [
    ["start", /\b(start|started|began|begin)/i],
    ["detection", /\bdetect/i],
    ["mitigation", /\bmitigat/i],
  ]
    .filter(([, re]) => !(re as RegExp).test(timeline))
    .map(([name]) => name as string);

  // Why-chains: one per subsection of "Five whys" (or the section's own list when it has none).
  const whys = find(doc, "Five whys");
  const whysIndex = whys ? doc.sections.indexOf(whys) : -1;
  const chains: { name: string; items: string[] }[] = [];
  if (whys) {
    for (let j = whysIndex + 1; j < doc.sections.length && doc.sections[j]!.depth > whys.depth; j++) {
      chains.push({ name: doc.sections[j]!.title, items: doc.sections[j]!.items });
    }
    if (whys.items.length > 0) chains.unshift({ name: "Five whys", items: whys.items });
  }
  const shallow = chains.filter((c) => c.items.length < 5 && !/^\s*(\*\*)?stop\b/i.test(c.items[c.items.length - 1] ?? ""));

  const rootItems = find(doc, "Root causes")?.items ?? [];
  const rootLabels = rootItems.map((r) => /^\s*(?:\*\*)?RC(\d+)\b/i.exec(r)?.[1]).map((n) => (n ? `RC${n}` : null));
  const actions = parseActionItems(find(doc, "Action items")?.items ?? []);
  const addressed = new Set(actions.flatMap((a) => a.rootCauses.map((r) => r.toUpperCase())));
  const unlabelled = rootLabels.filter((l) => l === null).length;
  const unaddressed = rootLabels.filter((l): l is string => l !== null && !addressed.has(l.toUpperCase()));
  const blamed = namedPeople(find(doc, "Root causes")?.text ?? "", ctx.people);

  return [
    sectionsFilled(template, doc),
    {
      key: "customer_impact_counted",
      label: "Customer impact gives a count of affected customers",
      passed: /\d/.test(impact),
      detail: /\d/.test(impact) ? "The impact has a number." : "Say how many customers were affected, as a number.",
    },
    {
      key: "timeline_complete",
      label: "Timeline has the start, the detection and the mitigation",
      passed: missingMoments.length === 0,
      detail: missingMoments.length === 0 ? "Start, detection and mitigation are all there." : `Missing: ${missingMoments.join(", ")}.`,
    },
    {
      key: "why_chains_deep",
      label: "Each why-chain is five deep or says why it stops",
      passed: chains.length > 0 && shallow.length === 0,
      detail:
        chains.length === 0
          ? "No why-chain yet: a numbered list of whys under Five whys."
          : shallow.length === 0
            ? `${plural(chains.length, "chain")}, each deep enough.`
            : shallow.map((c) => `"${c.name}" is ${c.items.length} deep and does not say why it stops (a last item starting "Stop:")`).join("; ") + ".",
    },
    {
      key: "root_causes_actioned",
      label: "Every root cause has an action item",
      passed: rootItems.length > 0 && unlabelled === 0 && unaddressed.length === 0,
      detail:
        rootItems.length === 0
          ? "No root cause listed yet."
          : unlabelled > 0
            ? `${plural(unlabelled, "root cause")} without a label; start each with RC1:, RC2:...`
            : unaddressed.length > 0
              ? `No action item names ${unaddressed.join(", ")}.`
              : `${plural(rootItems.length, "root cause")}, each with an action item.`,
    },
    actionItemsOwned(actions, true),
    {
      key: "no_blame",
      label: "No person blamed by name in root causes",
      passed: blamed.length === 0,
      detail:
        blamed.length === 0
          ? "Root causes name systems and processes, not people."
          : `Root causes name ${blamed.join(", ")}; describe the system or process instead.`,
    },
  ];
}

function minutesChecks(template: Template, doc: ParsedDocument): CheckResult[] {
  const decisions = find(doc, "Decisions");
  const decisionCount = decisions ? Math.max(decisions.items.length, filled(decisions) ? 1 : 0) : 0;
  const actions = parseActionItems(find(doc, "Action items")?.items ?? []);
  return [
    sectionsFilled(template, doc),
    {
      key: "decision_or_action",
      label: "At least one decision or action item",
      passed: decisionCount + actions.length > 0,
      detail:
        decisionCount + actions.length > 0
          ? `${plural(decisionCount, "decision")}, ${plural(actions.length, "action item")}.`
          : "Record what was decided or who does what next.",
    },
    ...(actions.length > 0 ? [actionItemsOwned(actions, false)] : []),
  ];
}

/** The checks of a document of this kind. Kinds without a template have none. */
export function runChecks(kind: ArtifactKind, body: string, ctx: CheckContext): CheckResult[] {
  const template = templateFor(kind);
  if (!template) return [];
  const doc = parseDocument(body);
  switch (kind) {
    case "prfaq":
      return prfaqChecks(template, doc);
    case "six_pager":
      return sixPagerChecks(template, doc);
    case "one_pager":
      return [sectionsFilled(template, doc), wordLimit("length", "About one page", doc.words, WORD_LIMITS.onePager)];
    case "three_pager":
      return [sectionsFilled(template, doc), wordLimit("length", "About three pages", doc.words, WORD_LIMITS.threePager)];
    case "coe":
      return coeChecks(template, doc, ctx);
    case "meeting_minutes":
      return minutesChecks(template, doc);
    default:
      return [sectionsFilled(template, doc)];
  }
}

export function allPassed(results: readonly CheckResult[]): boolean {
  return results.every((r) => r.passed);
}

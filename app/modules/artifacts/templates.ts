// In-app templates for the narrative kinds (PRODUCT.md "Templates and their checks").
// A template is data: its sections, each with its guidance, which the editor shows beside the
// section being written (issue 24) rather than in the text. Documents written from an earlier
// template may still hold guidance as HTML comments, which the checks ignore and the renderer
// drops. Pure and safe for the browser.
import type { ArtifactKind } from "~/modules/lifecycle/stages";
import { normaliseHeading } from "./markdown";

export type TemplateSection = {
  title: string;
  depth: 2 | 3;
  guidance: string;
  /** Not needed for "every section filled" (an appendix, or a section another check covers). */
  optional?: boolean;
};

export type Template = {
  kind: ArtifactKind;
  /** What the template is for, shown above the editor. */
  summary: string;
  sections: TemplateSection[];
};

const h2 = (title: string, guidance: string, optional = false): TemplateSection => ({ title, depth: 2, guidance, optional });
const h3 = (title: string, guidance: string, optional = false): TemplateSection => ({ title, depth: 3, guidance, optional });

/** Word limits: the press release of a PR/FAQ, a 6-pager without its appendix, and the short narratives. */
export const WORD_LIMITS = { pressRelease: 500, sixPager: 3000, onePager: 500, threePager: 1500 } as const;

const SHORT_NARRATIVE = (pages: string): TemplateSection[] => [
  h2("Purpose", `Why this ${pages} exists, in a sentence or two.`),
  h2("Context", "What the reader needs to know first."),
  h2("Problem", "The customer's problem, with the data that shows it."),
  h2("Proposal", "What we propose to do, and what it costs."),
  h2("Decision requested", "The decision you need from the reader, and by when."),
];

export const TEMPLATES: Partial<Record<ArtifactKind, Template>> = {
  prfaq: {
    kind: "prfaq",
    summary: "Working backwards: the press release of the launch, then the questions customers and the company will ask.",
    sections: [
      h2("The five questions", "Answer each one before writing the press release."),
      h3("Who is the customer?", 'Name them. Write "internal" if they work inside the company: an external FAQ is then optional.'),
      h3("What is the customer's problem?", "In their words, with how often it happens."),
      h3("What is the most important customer benefit?", "One benefit, not a list."),
      h3("How do we know what customers need?", "Data, interviews, support tickets."),
      h3("What does the customer experience look like?", "Walk through it, step by step."),
      h2("Press release", `About one page: ${WORD_LIMITS.pressRelease} words at most for everything in this section.`),
      h3("Heading", "One sentence: the launch, in the customer's words."),
      h3("Subheading", "One sentence: who the customer is and the benefit they get."),
      h3("Summary", "City, outlet and launch date, then the launch in two or three sentences."),
      h3("Problem", "The problem the customer has today."),
      h3("Solution", "How the launch solves it."),
      h3("Company quote", "A leader's quote on why we did this."),
      h3("Getting started", "How a customer starts, in one or two steps."),
      h3("Customer quote", "A customer's quote on the benefit they got."),
      h3("Call to action", "Where to go next."),
      h2("External FAQ", "Questions customers will ask, each ending with a question mark, then the answer."),
      h2("Internal FAQ", "Questions the company will ask: cost, risks, dependencies, what we will not do."),
      h2("Appendix", "Data and detail that support the FAQ.", true),
    ],
  },
  six_pager: {
    kind: "six_pager",
    summary: `A narrative of about six pages: at most ${WORD_LIMITS.sixPager.toLocaleString("en")} words before the appendix.`,
    sections: [
      h2("Introduction", "What this document is about and what you ask of the reader."),
      h2("Goals", 'A list: each goal with its baseline, its target and the date, e.g. "- Cut setup time: baseline 40 min, target 10 min by 2027-06-30".'),
      h2("Tenets", "The principles that decide trade-offs."),
      h2("State of the business", "Where things stand, with numbers."),
      h2("Lessons learned", "What we learned so far."),
      h2("Proposal", "What we propose."),
      h3("Alternatives", "A list of at least two options, one of them doing nothing."),
      h3("Risks", "What could go wrong and what we would do."),
      h3("Plan", "Who does what by when."),
      h2("FAQ", "Questions the readers will ask, with the answers."),
      h2("Appendix", "Data and detail. Not counted in the word limit.", true),
    ],
  },
  one_pager: {
    kind: "one_pager",
    summary: `A one-page narrative: at most ${WORD_LIMITS.onePager} words.`,
    sections: SHORT_NARRATIVE("1-pager"),
  },
  three_pager: {
    kind: "three_pager",
    summary: `A three-page narrative: at most ${WORD_LIMITS.threePager.toLocaleString("en")} words.`,
    sections: SHORT_NARRATIVE("3-pager"),
  },
  coe: {
    kind: "coe",
    summary:
      "Correction of error: what happened, why, and what we change so it does not happen again. Blame systems, not people. Once the COE has its record (impact, timeline, why-chains, root causes with categories, action items), those sections live there and the document keeps the narrative.",
    sections: [
      h2("Summary", "What happened, in a paragraph."),
      h2("Customer impact", "How many customers were affected (a number) and how."),
      h2("Timeline", "When it started, when it was detected and when it was mitigated, with times."),
      h2("Supporting metrics", "The graphs or numbers that show the impact."),
      h2(
        "Five whys",
        'One subsection per problem, each with a numbered list of whys at least five deep; a chain that ends early says why with a last item starting "Stop:".',
      ),
      h2("Root causes", 'A list, each labelled "RC1:", "RC2:"... Describe systems and processes, never a person.'),
      h2("Lessons learned", "What we learned."),
      h2("What went well", "What helped."),
      h2(
        "Action items",
        'A list, each with the root cause it fixes, one owner, a due date and a ticket, e.g. "- Add a canary stage (RC1). Owner: Max Member. Due: 2027-01-15. Ticket: https://tickets.example.com/OPS-1"',
      ),
    ],
  },
  how_document: {
    kind: "how_document",
    summary: "How the team will build it: every section filled before the Plan gate.",
    sections: [
      h2("Problem recap", "The problem, in a paragraph, with a link to the PR/FAQ."),
      h2("Constraints and tenets", "SLAs, SLOs, dates that matter and the tenets that decide trade-offs."),
      h2("How it works", "The design, at the level a reviewer can check."),
      h2("Alternatives", "The other ways considered and why not."),
      h2("Milestones", "Dates and owners."),
      h2("Risks", "What could go wrong and what we would do."),
    ],
  },
  meeting_minutes: {
    kind: "meeting_minutes",
    summary: "What was decided and who does what next: at least one decision or action item.",
    sections: [
      h2("Date", "The date of the meeting, e.g. 2026-11-23."),
      h2("Attendees", "Who was there."),
      h2("Decisions", "A list of what was decided.", true),
      h2("Action items", 'A list, e.g. "- Draft the how-document. Owner: Max Member. Due: 2026-12-04"', true),
    ],
  },
};

export function templateFor(kind: ArtifactKind): Template | null {
  return TEMPLATES[kind] ?? null;
}

export const TEMPLATE_KINDS = Object.keys(TEMPLATES) as ArtifactKind[];

/** The Markdown a new document of this kind starts from: its title, its headings and their guidance. */
export function templateBody(kind: ArtifactKind, title: string): string {
  const template = templateFor(kind);
  if (!template) return `# ${title}\n\n`;
  const lines = [`# ${title}`, ""];
  for (const section of template.sections) lines.push(`${"#".repeat(section.depth)} ${section.title}`, "", "");
  return lines.join("\n");
}

/** The template section the caret is in: the last heading before it, matched by its words. */
export function sectionAt(kind: ArtifactKind, body: string, caret: number): TemplateSection | null {
  const template = templateFor(kind);
  if (!template) return null;
  const before = body.slice(0, caret).split("\n");
  for (let i = before.length - 1; i >= 0; i--) {
    const heading = /^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$/.exec(before[i]!);
    if (!heading) continue;
    const key = normaliseHeading(heading[1]!);
    return template.sections.find((s) => normaliseHeading(s.title) === key) ?? null;
  }
  return null;
}

/** A document of this kind with every section's guidance replaced by `content(section)`. */
export function filledBody(kind: ArtifactKind, title: string, content: (section: TemplateSection) => string): string {
  const template = templateFor(kind);
  if (!template) return `# ${title}\n\n${content({ title, depth: 2, guidance: "" })}\n`;
  const lines = [`# ${title}`, ""];
  template.sections.forEach((section, i) => {
    const next = template.sections[i + 1];
    const parent = next !== undefined && next.depth > section.depth;
    lines.push(`${"#".repeat(section.depth)} ${section.title}`, "");
    const text = parent ? "" : content(section);
    if (text) lines.push(text, "");
  });
  return lines.join("\n");
}

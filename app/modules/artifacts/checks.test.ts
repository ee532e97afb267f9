import { describe, expect, it } from "vitest";
import { allPassed, COE_RECORD_SECTIONS, namedPeople, outline, parseActionItems, runChecks, type CheckResult } from "./checks";
import { countSentences, countWords, parseDocument } from "./markdown";
import { sampleBody } from "./samples";
import { sectionAt, TEMPLATE_KINDS, templateBody } from "./templates";

const ctx = { people: ["Max Member", "Ada Admin"] };

function check(results: CheckResult[], key: string): CheckResult {
  const found = results.find((r) => r.key === key);
  if (!found) throw new Error(`no check ${key} in ${results.map((r) => r.key).join(", ")}`);
  return found;
}

/** Replaces one section's content (up to the next heading of the same or a higher level) in a sample. */
function withSection(body: string, heading: string, content: string): string {
  const lines = body.split("\n");
  const start = lines.findIndex((l) => l.replace(/^#+\s+/, "") === heading && l.startsWith("#"));
  if (start === -1) throw new Error(`no section ${heading}`);
  const depth = /^#+/.exec(lines[start]!)![0].length;
  let end = start + 1;
  while (end < lines.length && !(/^#+\s/.test(lines[end]!) && /^#+/.exec(lines[end]!)![0].length <= depth)) end++;
  return [...lines.slice(0, start + 1), "", content, "", ...lines.slice(end)].join("\n");
}

function words(n: number) {
  return Array.from({ length: n }, (_, i) => `word${i}`).join(" ");
}

describe("markdown reading", () => {
  it("counts words without guidance comments or Markdown marks", () => {
    expect(countWords("<!-- not this -->\n**Two** words - ")).toBe(2);
  });

  it("counts sentences", () => {
    expect(countSentences("One thing happened.")).toBe(1);
    expect(countSentences("It shipped. Customers loved it!")).toBe(2);
    expect(countSentences("<!-- guidance -->")).toBe(0);
  });

  it("splits a document into sections whose text runs through their subsections", () => {
    const doc = parseDocument("# T\n\n## A\n\nalpha\n\n### A1\n\n- one\n- two\n\n## B\n\nbeta");
    const a = doc.sections.find((s) => s.title === "A")!;
    expect(a.ownText).toBe("alpha");
    expect(a.text).toContain("- two");
    expect(a.text).not.toContain("beta");
    expect(doc.sections.find((s) => s.title === "A1")!.items).toEqual(["one", "two"]);
  });
});

describe("templates", () => {
  it.each(TEMPLATE_KINDS)("a fresh %s template fails its section check and every sample passes all checks", (kind) => {
    const empty = runChecks(kind, templateBody(kind, "Draft"), ctx);
    expect(check(empty, "sections_filled").passed).toBe(false);
    const sample = runChecks(kind, sampleBody(kind, "Sample"), ctx);
    expect(sample.filter((r) => !r.passed)).toEqual([]);
    expect(allPassed(sample)).toBe(true);
  });

  it("kinds without a template have no checks", () => {
    expect(runChecks("design_doc", "anything", ctx)).toEqual([]);
  });

  it("the outline shows each template section, filled or not", () => {
    const body = withSection(sampleBody("how_document", "H"), "Risks", "<!-- to do -->");
    const entries = outline("how_document", body);
    expect(entries.find((e) => e.title === "Risks")).toMatchObject({ present: true, filled: false });
    expect(entries.find((e) => e.title === "How it works")).toMatchObject({ present: true, filled: true });
  });

  it("a COE with a record keeps its record's sections there, and the rest in its text", () => {
    const body = "# COE\n\n## Summary\n\nThe label printer stopped.\n";
    const without = outline("coe", body);
    expect(without.find((e) => e.title === "Timeline")).toMatchObject({ present: false, inRecord: false });
    const withRecord = outline("coe", body, true);
    expect(withRecord.filter((e) => e.inRecord).map((e) => e.title)).toEqual(COE_RECORD_SECTIONS);
    expect(withRecord.find((e) => e.title === "Summary")).toMatchObject({ inRecord: false, filled: true });
  });
});

describe("every template section filled", () => {
  it("names the empty section", () => {
    const result = check(runChecks("how_document", withSection(sampleBody("how_document", "H"), "Alternatives", ""), ctx), "sections_filled");
    expect(result.passed).toBe(false);
    expect(result.detail).toContain("Alternatives");
  });

  it("an optional appendix may stay empty", () => {
    const body = withSection(sampleBody("six_pager", "S"), "Appendix", "<!-- later -->");
    expect(check(runChecks("six_pager", body, ctx), "sections_filled").passed).toBe(true);
  });
});

describe("PR/FAQ", () => {
  const base = sampleBody("prfaq", "Labels");

  it("press release at most 500 words", () => {
    const long = withSection(base, "Solution", words(520));
    const result = check(runChecks("prfaq", long, ctx), "press_release_length");
    expect(result.passed).toBe(false);
    expect(result.detail).toMatch(/of at most 500/);
    expect(check(runChecks("prfaq", base, ctx), "press_release_length").passed).toBe(true);
  });

  it("the appendix does not count toward the press release", () => {
    const body = withSection(base, "Appendix", words(900));
    expect(check(runChecks("prfaq", body, ctx), "press_release_length").passed).toBe(true);
  });

  it("heading and subheading are one sentence each", () => {
    const two = withSection(base, "Heading", "Labels in one click. Also faster.");
    expect(check(runChecks("prfaq", two, ctx), "heading_one_sentence").passed).toBe(false);
    const empty = withSection(base, "Subheading", "");
    expect(check(runChecks("prfaq", empty, ctx), "subheading_one_sentence")).toMatchObject({ passed: false, detail: "The subheading is empty." });
  });

  it("needs at least one internal FAQ question", () => {
    const body = withSection(base, "Internal FAQ", "We will think about it.");
    expect(check(runChecks("prfaq", body, ctx), "internal_faq").passed).toBe(false);
  });

  it("needs an external FAQ when the customer is external, not when internal", () => {
    const noExternal = withSection(base, "External FAQ", "");
    expect(check(runChecks("prfaq", noExternal, ctx), "external_faq").passed).toBe(false);
    const internal = withSection(noExternal, "Who is the customer?", "Internal support agents who answer parcel questions.");
    const results = runChecks("prfaq", internal, ctx);
    expect(check(results, "external_faq").passed).toBe(true);
    expect(check(results, "sections_filled").passed).toBe(true);
  });
});

describe("6-pager", () => {
  const base = sampleBody("six_pager", "Plan");

  it("at most 3,000 words without the appendix", () => {
    expect(check(runChecks("six_pager", withSection(base, "Appendix", words(4000)), ctx), "length").passed).toBe(true);
    expect(check(runChecks("six_pager", withSection(base, "State of the business", words(3100)), ctx), "length").passed).toBe(false);
  });

  it("at least two alternatives, one of them doing nothing", () => {
    const one = withSection(base, "Alternatives", "- Partner with a vendor.");
    expect(check(runChecks("six_pager", one, ctx), "alternatives").passed).toBe(false);
    const noNothing = withSection(base, "Alternatives", "- Partner with a vendor.\n- Build it.");
    expect(check(runChecks("six_pager", noNothing, ctx), "alternatives")).toMatchObject({ passed: false, detail: expect.stringContaining("do nothing") });
  });

  it("every goal has a baseline, a target and a date", () => {
    const noDate = withSection(base, "Goals", "- Cut setup time: baseline 40 minutes, target 10 minutes.");
    expect(check(runChecks("six_pager", noDate, ctx), "goals_complete")).toMatchObject({ passed: false, detail: expect.stringContaining("Cut setup time") });
    const monthDate = withSection(base, "Goals", "- Cut setup time: baseline 40 minutes, target 10 minutes by March 2027.");
    expect(check(runChecks("six_pager", monthDate, ctx), "goals_complete").passed).toBe(true);
  });
});

describe("1-pager and 3-pager", () => {
  it("stay within their length", () => {
    const long = withSection(sampleBody("one_pager", "One"), "Context", words(520));
    expect(check(runChecks("one_pager", long, ctx), "length").passed).toBe(false);
    expect(check(runChecks("three_pager", withSection(sampleBody("three_pager", "Three"), "Context", words(520)), ctx), "length").passed).toBe(true);
  });
});

describe("COE", () => {
  const base = sampleBody("coe", "Upload outage");

  it("why-chains at least five deep or saying why they stop", () => {
    const shallow = withSection(base, "Uploads failed", "1. Why? A timeout.\n2. Why? The pool was empty.");
    expect(check(runChecks("coe", shallow, ctx), "why_chains_deep")).toMatchObject({
      passed: false,
      detail: expect.stringContaining('"Uploads failed" is 2 deep'),
    });
    const stops = withSection(
      base,
      "Uploads failed",
      "1. Why? A timeout.\n2. Why? The provider's network failed.\n3. Stop: the provider's network is outside our control; we track it with them.",
    );
    expect(check(runChecks("coe", stops, ctx), "why_chains_deep").passed).toBe(true);
  });

  it("every root cause has an action item", () => {
    const two = withSection(base, "Root causes", "- RC1: Canary can be skipped.\n- RC2: Pool size has no alarm.");
    expect(check(runChecks("coe", two, ctx), "root_causes_actioned")).toMatchObject({ passed: false, detail: "No action item names RC2." });
    const unlabelled = withSection(base, "Root causes", "- Canary can be skipped.");
    expect(check(runChecks("coe", unlabelled, ctx), "root_causes_actioned").passed).toBe(false);
  });

  it("every action item has one owner and a due date", () => {
    const noDue = withSection(base, "Action items", "- Require approval (RC1). Owner: Max Member.");
    expect(check(runChecks("coe", noDue, ctx), "action_items_owned")).toMatchObject({ passed: false, detail: expect.stringContaining("no valid due date") });
    const twoOwners = withSection(base, "Action items", "- Require approval (RC1). Owner: Max Member and Ada Admin. Due: 2027-01-15");
    expect(check(runChecks("coe", twoOwners, ctx), "action_items_owned")).toMatchObject({ passed: false, detail: expect.stringContaining("2 owners") });
    const badDate = withSection(base, "Action items", "- Require approval (RC1). Owner: Max Member. Due: 2027-02-30");
    expect(check(runChecks("coe", badDate, ctx), "action_items_owned").passed).toBe(false);
  });

  it("no person blamed by name in root causes", () => {
    const blamed = withSection(base, "Root causes", "- RC1: Max Member skipped the canary stage.");
    expect(check(runChecks("coe", blamed, ctx), "no_blame")).toMatchObject({ passed: false, detail: expect.stringContaining("Max Member") });
    const handle = withSection(base, "Root causes", "- RC1: @jdoe skipped the canary stage.");
    expect(check(runChecks("coe", handle, ctx), "no_blame").passed).toBe(false);
  });

  it("customer impact is counted and the timeline complete", () => {
    expect(check(runChecks("coe", withSection(base, "Customer impact", "Many customers were unhappy."), ctx), "customer_impact_counted").passed).toBe(false);
    expect(check(runChecks("coe", withSection(base, "Timeline", "- 09:12 errors began."), ctx), "timeline_complete")).toMatchObject({
      passed: false,
      detail: "Missing: detection, mitigation.",
    });
  });
});

describe("meeting minutes", () => {
  it("needs at least one decision or action item", () => {
    const base = sampleBody("meeting_minutes", "Weekly");
    const none = withSection(withSection(base, "Decisions", ""), "Action items", "");
    expect(check(runChecks("meeting_minutes", none, ctx), "decision_or_action").passed).toBe(false);
    const onlyAction = withSection(base, "Decisions", "");
    expect(check(runChecks("meeting_minutes", onlyAction, ctx), "decision_or_action").passed).toBe(true);
  });
});

describe("action items and names", () => {
  it("reads an action item's title, owner, due date, ticket and root causes", () => {
    expect(parseActionItems(["Add a canary stage (RC1, RC3). Owner: Max Member. Due: 2027-01-15. Ticket: https://t.example.com/OPS-1"])).toEqual([
      {
        title: "Add a canary stage (RC1, RC3)",
        owners: ["Max Member"],
        due: "2027-01-15",
        ticketUrl: "https://t.example.com/OPS-1",
        rootCauses: ["RC1", "RC3"],
      },
    ]);
  });

  it("finds full names in any case and first names only as written", () => {
    expect(namedPeople("max member forgot", ["Max Member"])).toEqual(["Max Member"]);
    expect(namedPeople("the max pool size", ["Max Member"])).toEqual([]);
  });
});

describe("the template section the caret is in", () => {
  it("is the last heading before the caret, matched by its words, and none before the first", () => {
    const body = "# PR/FAQ\n\n## The five questions\n\n### Who is the customer?\n\nShops.\n\n## Press release\n\nText";
    expect(sectionAt("prfaq", body, body.indexOf("Shops"))?.title).toBe("Who is the customer?");
    expect(sectionAt("prfaq", body, body.length)?.title).toBe("Press release");
    expect(sectionAt("prfaq", body, 3)).toBeNull();
    expect(sectionAt("email", body, body.length)).toBeNull();
    expect(templateBody("prfaq", "T")).not.toContain("<!--");
  });
});

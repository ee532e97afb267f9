import { describe, expect, it } from "vitest";
import { DEFAULT_PLAYBOOK } from "./playbook";
import { parsePlaybookFile, playbookToFile } from "./playbook-file";

const { version: _v, ...content } = DEFAULT_PLAYBOOK;

describe("playbook files", () => {
  it("round-trips the default playbook through YAML and JSON", () => {
    for (const format of ["yaml", "json"] as const) {
      const parsed = parsePlaybookFile(playbookToFile(DEFAULT_PLAYBOOK, format));
      expect(parsed).toEqual({ ok: true, playbook: content });
    }
  });

  it("refuses an unknown rule, naming its line", () => {
    const yaml = playbookToFile(DEFAULT_PLAYBOOK, "yaml").replace("rule: proposer_recorded", "rule: gut_feeling");
    const line = yaml.split("\n").findIndex((l) => l.includes("gut_feeling")) + 1;
    const parsed = parsePlaybookFile(yaml);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? [] : parsed.problems).toEqual([{ line, message: expect.stringMatching(/^stages\.0\.criteria\.3\.rule: Unknown rule "gut_feeling"/) }]);
  });

  it("refuses a duplicate stage and a bad weight, each with its line", () => {
    const json = JSON.parse(playbookToFile(DEFAULT_PLAYBOOK, "json"));
    json.stages[1].stage = "identify";
    json.stages[2].criteria[2].weight = 0;
    const text = JSON.stringify(json, null, 2);
    const parsed = parsePlaybookFile(text);
    const lines = text.split("\n");
    expect(parsed.ok ? [] : parsed.problems.map((p) => [p.message, lines[(p.line ?? 0) - 1]?.trim()])).toEqual([
      ['stages.1.stage: Duplicate stage "identify"', '"stage": "identify",'],
      ["stages.2.criteria.2.weight: Weight is at least 1", '"weight": 0,'],
    ]);
  });

  it("says which decisions require a retrospective, and refuses one that is not a decision, with its line", () => {
    const yaml = `retrospectiveRequired: [stop, recycle]\n${playbookToFile(DEFAULT_PLAYBOOK, "yaml")}`;
    expect(parsePlaybookFile(yaml)).toEqual({ ok: true, playbook: { ...content, retrospectiveRequired: ["stop", "recycle"] } });
    const parsed = parsePlaybookFile(yaml.replace("[stop, recycle]", "[stop, shrug]"));
    expect(parsed.ok ? [] : parsed.problems.map((p) => [p.line, p.message.split(":")[0]])).toEqual([[1, "retrospectiveRequired.1"]]);
  });

  it("reports a syntax error with its line", () => {
    const parsed = parsePlaybookFile("doneDonePeriods: 4\nstages: [\n  {stage: identify\n");
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? null : parsed.problems[0].line).toBeGreaterThan(1);
  });

  it("refuses a duplicate key and a file that is not a playbook", () => {
    expect(parsePlaybookFile("doneDonePeriods: 4\ndoneDonePeriods: 5\nstages: []\n").ok).toBe(false);
    expect(parsePlaybookFile("- just\n- a list\n")).toEqual({
      ok: false,
      problems: [{ line: 1, message: "The file must describe a playbook: doneDonePeriods and stages." }],
    });
  });

  it("refuses a file built to multiply aliases (a YAML alias bomb) instead of expanding it", () => {
    const levels = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 9; i++) levels.push(`l${i}: &l${i} [${Array.from({ length: 10 }, () => (i === 1 ? "*a" : `*l${i - 1}`)).join(", ")}]`);
    const result = parsePlaybookFile(levels.join("\n"));
    expect(result.ok).toBe(false);
    expect(result.ok ? "" : result.problems[0].message).toMatch(/^The file cannot be read: .*alias/i);
  });
});

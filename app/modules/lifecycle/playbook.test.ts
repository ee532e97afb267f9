import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { DEFAULT_PLAYBOOK, parsePlaybook, playbookSchema } from "./playbook";

function clone() {
  return structuredClone(DEFAULT_PLAYBOOK) as unknown as {
    doneDonePeriods: number;
    stages: { stage: string; criteria: Record<string, unknown>[] }[];
  };
}

function messages(input: unknown): string[] {
  const result = playbookSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
}

describe("playbook validation", () => {
  it("accepts the default playbook unchanged", () => {
    expect(parsePlaybook(clone())).toEqual(DEFAULT_PLAYBOOK);
  });

  it("refuses an unknown rule, naming it", () => {
    const p = clone();
    p.stages[0].criteria[0].rule = "vibes_ok";
    expect(messages(p)).toEqual([expect.stringMatching(/^stages\.0\.criteria\.0\.rule: Unknown rule "vibes_ok"/)]);
  });

  it("refuses a duplicate stage", () => {
    const p = clone();
    p.stages[1] = { ...p.stages[1], stage: "identify" };
    expect(messages(p)).toContain('stages.1.stage: Duplicate stage "identify"');
  });

  it("refuses stages out of order or missing", () => {
    const p = clone();
    p.stages.reverse();
    expect(messages(p)).toEqual([expect.stringMatching(/^stages: Stages must be exactly identify, understand/)]);
    const q = clone();
    q.stages.pop();
    expect(messages(q).length).toBe(1);
  });

  it("refuses a bad weight", () => {
    for (const weight of [0, 11, 1.5, "3"]) {
      const p = clone();
      p.stages[2].criteria[2].weight = weight;
      expect(messages(p)).toEqual([expect.stringMatching(/^stages\.2\.criteria\.2\.weight: /)]);
    }
  });

  it("refuses bad rule parameters, with their path", () => {
    const p = clone();
    p.stages[0].criteria[0].params = { field: "favouriteColour" };
    expect(messages(p)).toEqual([expect.stringMatching(/^stages\.0\.criteria\.0\.params\.field: /)]);
  });

  it("refuses an artifact criterion without artifact kinds, and duplicate criterion keys", () => {
    const p = clone();
    p.stages[0].criteria[4].artifactKinds = [];
    p.stages[0].criteria[1].key = "customer_named";
    expect(messages(p)).toEqual([
      "stages.0.criteria.4.artifactKinds: An artifact rule needs at least one artifact kind",
      'stages.0.criteria.1.key: Duplicate criterion key "customer_named"',
    ]);
  });

  it("fills rule parameter defaults", () => {
    const p = clone();
    p.stages[0].criteria[4].params = {};
    expect(parsePlaybook(p).stages[0].criteria[4].params).toEqual({ approved: true, min: 1 });
  });

  it("throws a ZodError from parsePlaybook on bad input", () => {
    expect(() => parsePlaybook({ stages: [] })).toThrow(ZodError);
  });

  it("upgrades a stored version saved before today's stage table: missing stages from the default, unknown ones dropped, table order", () => {
    const stored = clone();
    const plan = stored.stages.find((s) => s.stage === "plan")!;
    plan.criteria = plan.criteria.slice(0, 1); // the organisation's own edit, kept
    stored.stages = stored.stages.filter((s) => s.stage !== "execute").reverse();
    stored.stages.push({ ...structuredClone(stored.stages[0]!), stage: "retired_stage" });
    const upgraded = parsePlaybook(stored);
    expect(upgraded.stages.map((s) => s.stage)).toEqual(DEFAULT_PLAYBOOK.stages.map((s) => s.stage));
    expect(upgraded.stages.find((s) => s.stage === "execute")).toEqual(DEFAULT_PLAYBOOK.stages.find((s) => s.stage === "execute"));
    expect(upgraded.stages.find((s) => s.stage === "plan")!.criteria).toHaveLength(1);
  });

  it("does not upgrade a file being imported: it is validated as written", () => {
    const p = clone();
    p.stages.pop();
    expect(messages(p)).toEqual([expect.stringMatching(/^stages: Stages must be exactly/)]);
  });
});

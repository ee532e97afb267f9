import { describe, expect, it } from "vitest";
import { DecisionLogSchema, MilestoneSchema } from "./plan-forms";

describe("plan forms", () => {
  it("a one-way door needs two options, the chosen one among them, and a confirmation", () => {
    const one = DecisionLogSchema.safeParse({
      intent: "add_decision",
      title: "Build or buy",
      door: "one_way",
      options: "Build",
      chosen: "Buy",
      rationale: "Cost",
    });
    expect(one.success ? [] : one.error.issues.map((i) => `${i.path[0]}: ${i.message}`)).toEqual([
      "confirm: A one-way door cannot be undone: tick to confirm you mean it",
      "options: A one-way door needs at least two options, one per line",
      "chosen: The chosen option must be one of the options listed",
    ]);
    const ok = DecisionLogSchema.parse({
      intent: "add_decision",
      title: "Build or buy",
      door: "one_way",
      options: "Build\nBuy\n",
      chosen: "Buy",
      rationale: "Cost",
      dissent: "Ana, Bo",
      confirm: "on",
    });
    expect(ok).toMatchObject({ options: ["Build", "Buy"], chosen: "Buy", dissent: ["Ana", "Bo"] });
  });

  it("a two-way door may list a single option", () => {
    expect(
      DecisionLogSchema.safeParse({ intent: "add_decision", title: "Rename field", door: "two_way", options: "Rename", chosen: "Rename", rationale: "Clarity" })
        .success,
    ).toBe(true);
  });

  it("a milestone needs a real date and an owner", () => {
    const r = MilestoneSchema.safeParse({ intent: "add_milestone", title: "Pilot", dueDate: "2026-02-30" });
    expect(r.success ? [] : r.error.issues.map((i) => i.path[0])).toEqual(["dueDate", "ownerId"]);
  });
});

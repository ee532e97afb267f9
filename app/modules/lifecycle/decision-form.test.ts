import { describe, expect, it } from "vitest";
import { DecisionFormSchema, toDecisionRequest } from "./decision-form";

describe("decision form", () => {
  it("parses a Hold with its revisit date as a UTC day", () => {
    const parsed = DecisionFormSchema.parse({ intent: "decide", version: "3", kind: "hold", rationale: " wait ", revisitDate: "2026-12-01" });
    expect(toDecisionRequest(parsed)).toMatchObject({ kind: "hold", rationale: "wait", revisitDate: new Date("2026-12-01T00:00:00Z") });
  });

  it("names the field of each bad value", () => {
    const result = DecisionFormSchema.safeParse({ intent: "decide", version: "x", kind: "maybe", revisitDate: "31/12/2026", recycleTo: "nowhere" });
    expect(result.success).toBe(false);
    const fields = result.success ? [] : result.error.issues.map((i) => i.path[0]);
    expect(fields.sort()).toEqual(["kind", "recycleTo", "revisitDate", "version"]);
  });

  it("refuses an impossible date", () => {
    const result = DecisionFormSchema.safeParse({ intent: "decide", version: 1, kind: "hold", revisitDate: "2026-02-31" });
    expect(result.success ? null : result.error.issues[0]).toMatchObject({ path: ["revisitDate"], message: "Use a real date, like 2026-12-31" });
  });

  it("a Stop is taken only when confirmed; other decisions need no confirmation", () => {
    const stop = { intent: "decide", version: 2, kind: "stop", rationale: "A vendor covers it" };
    const refused = DecisionFormSchema.safeParse(stop);
    expect(refused.success ? null : refused.error.issues.map((i) => [i.path[0], i.message])).toEqual([
      ["confirm", "Stop closes the project for good: tick to confirm"],
    ]);
    expect(DecisionFormSchema.safeParse({ ...stop, confirm: "on" }).success).toBe(true);
    expect(DecisionFormSchema.safeParse({ intent: "decide", version: 2, kind: "go", rationale: "Ready" }).success).toBe(true);
  });
});

import { describe, expect, it } from "vitest";
import { diffArtifacts, diffChecklists } from "./diff";

const crit = (key: string, met: boolean) => ({ key, label: `L-${key}`, level: "must" as const, weight: 1, rule: "field_present" as const, met, reason: "" });

describe("diffChecklists", () => {
  it("lists criteria that turned met or unmet, and added or removed ones", () => {
    const before = { stage: "plan" as const, criteria: [crit("a", false), crit("b", true), crit("c", true), crit("gone", true)] };
    const after = { stage: "plan" as const, criteria: [crit("a", true), crit("b", false), crit("c", true), crit("new", false)] };
    expect(diffChecklists(before, after)).toEqual({ sameStage: true, nowMet: ["L-a"], nowUnmet: ["L-b"], added: ["L-new"], removed: ["L-gone"] });
  });

  it("does not compare checklists of different gates", () => {
    const d = diffChecklists({ stage: "identify", criteria: [crit("a", false)] }, { stage: "understand", criteria: [crit("a", true)] });
    expect(d).toEqual({ sameStage: false, nowMet: [], nowUnmet: [], added: [], removed: [] });
  });

  it("finds no change in identical checklists", () => {
    const c = { stage: "owner" as const, criteria: [crit("a", true), crit("b", false)] };
    expect(diffChecklists(c, c)).toEqual({ sameStage: true, nowMet: [], nowUnmet: [], added: [], removed: [] });
  });
});

describe("diffArtifacts", () => {
  it("reports added, withdrawn, new versions and state changes", () => {
    const before = [
      { id: "1", kind: "prfaq", version: 1, state: "approved" },
      { id: "2", kind: "email", version: 1, state: "draft" },
      { id: "3", kind: "six_pager", version: 2, state: "in_review" },
    ];
    const after = [
      { id: "1", kind: "prfaq", version: 2, state: "draft" },
      { id: "3", kind: "six_pager", version: 2, state: "approved" },
      { id: "4", kind: "other", version: 1, state: "draft" },
    ];
    expect(diffArtifacts(before, after)).toEqual([
      { id: "1", kind: "prfaq", change: "new version", from: "v1", to: "v2", versions: { from: 1, to: 2 } },
      { id: "3", kind: "six_pager", change: "state", from: "in_review", to: "approved" },
      { id: "4", kind: "other", change: "added" },
      { id: "2", kind: "email", change: "withdrawn" },
    ]);
  });
});

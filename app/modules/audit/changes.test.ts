import { describe, expect, it } from "vitest";
import { SHOWN_LENGTH, shownChanges } from "./changes";

describe("the values a change recorded", () => {
  it("labels each field and shows both values, empty ones said so", () => {
    const data = {
      changes: [
        { field: "whyNow", before: "Peak season", after: "Peak season; carrier API ready" },
        { field: "customer", before: null, after: "Night-shift pickers" },
        { field: "stage", before: "plan", after: "execute" },
        { field: "status", before: "active", after: "on_hold" },
        { field: "teamId", before: "t1", after: "t9" },
        { field: "launchedAt", before: null, after: "2031-03-01T00:00:00.000Z" },
      ],
    };
    expect(shownChanges(data, new Map([["t1", "Fulfilment"]])).map((c) => `${c.label}: ${c.before} → ${c.after}`)).toEqual([
      "Why now?: Peak season → Peak season; carrier API ready",
      "Customer: (empty) → Night-shift pickers",
      "Stage: Plan in place → Executing",
      "Status: Active → On hold",
      "Team: Fulfilment → a team since removed",
      "Launch date: (empty) → 2031-03-01",
    ]);
  });

  it("cuts long text, and reads events that record no changes (or something else) as none", () => {
    const long = "x".repeat(SHOWN_LENGTH + 50);
    const [change] = shownChanges({ changes: [{ field: "problem", before: "short", after: long }] });
    expect(change!.after).toHaveLength(SHOWN_LENGTH);
    expect(change!.after.endsWith("…")).toBe(true);
    expect(shownChanges(null)).toEqual([]);
    expect(shownChanges({ changes: "nope" })).toEqual([]);
    expect(shownChanges({ changes: [42, { field: 7 }] })).toEqual([]);
  });
});

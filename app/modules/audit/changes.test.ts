import { describe, expect, it } from "vitest";
import { netChanges, SHOWN_LENGTH, shownChanges, wordDiff } from "./changes";

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

  it("shows long or multi-line text as a word diff: what was removed and added, unchanged runs folded", () => {
    const before = `${"Opening words stay. ".repeat(10)}We ship in March.\nThen we measure.`;
    const after = `${"Opening words stay. ".repeat(10)}We ship in April.\nThen we measure.`;
    const [change] = shownChanges({ changes: [{ field: "differently", before, after }] });
    expect(change!.label).toBe("What we would do differently");
    const parts = change!.diff!;
    expect(parts.filter((p) => p.kind === "removed").map((p) => p.text.trim())).toEqual(["March"]);
    expect(parts.filter((p) => p.kind === "added").map((p) => p.text.trim())).toEqual(["April"]);
    // The long unchanged opening is folded to its last words before the change.
    expect(parts[0]).toMatchObject({ kind: "same" });
    expect(parts[0]!.text.startsWith("…")).toBe(true);
    expect(parts[0]!.text.length).toBeLessThan(50);
    // Short one-line values need no diff.
    expect(shownChanges({ changes: [{ field: "whyNow", before: "a", after: "b" }] })[0]!.diff).toBeUndefined();
  });

  it("cuts a very long added run in a diff", () => {
    const parts = wordDiff("short", `short ${"word ".repeat(200)}`);
    const added = parts.find((p) => p.kind === "added")!;
    expect(added.text.length).toBe(SHOWN_LENGTH);
  });
});

describe("changes since a date, one per field", () => {
  it("keeps each field's first value before and last value after, and drops a field edited back", () => {
    const events = [
      {
        changes: [
          { field: "whyNow", before: "Peak season", after: "Peak season; API" },
          { field: "customer", before: "A", after: "B" },
        ],
      },
      { changes: [{ field: "whyNow", before: "Peak season; API", after: "Peak season; carrier API ready" }] },
      null,
      { changes: [{ field: "customer", before: "B", after: "A" }] },
    ];
    expect(netChanges(events)).toEqual([{ field: "whyNow", before: "Peak season", after: "Peak season; carrier API ready" }]);
  });
});

import { describe, expect, it } from "vitest";
import { foundItems, matchCommands, moveActive, paletteList } from "./palette";

const found = foundItems({
  projects: [{ key: "GP-12", title: "Same-day returns", stage: "plan", status: "on_hold" }],
  people: [{ id: "u1", name: "Pia Gatekeeper", email: "pia@example.com" }],
  artifacts: [{ id: "a1", title: "Returns PR/FAQ", kind: "prfaq", projectKey: "GP-12" }],
  metrics: [{ id: "m1", name: "Returns collected", projectKey: "GP-12" }],
});

describe("the command palette's list", () => {
  it("puts the matching commands first, then projects, people, artifacts and metrics, then a full search", () => {
    expect(paletteList("ret", found).map((i) => [i.kind, i.label, i.to])).toEqual([
      ["project", "GP-12 Same-day returns", "/projects/GP-12"],
      ["person", "Pia Gatekeeper", "/projects?owner=u1"],
      ["artifact", "Returns PR/FAQ", "/artifacts/a1"],
      ["metric", "Returns collected", "/metrics/m1"],
      ["search", "Search for “ret”", "/search?q=ret"],
    ]);
    expect(paletteList("board", []).map((i) => i.to)).toEqual(["/board", "/dashboard", "/search?q=board"]);
  });

  it("says what each result is and where it stands", () => {
    expect(found[0]!.detail).toBe("Project · Plan in place · on hold");
    expect(found[2]!.detail).toBe("PR/FAQ · GP-12");
  });

  it("offers every command before anything is typed, and no search", () => {
    const all = paletteList("  ", []);
    expect(all.every((i) => i.kind === "command")).toBe(true);
    expect(all).toHaveLength(matchCommands("").length);
  });

  it("moves through the list with the arrow keys, wrapping at either end", () => {
    expect(moveActive(-1, 3, 1)).toBe(0);
    expect(moveActive(-1, 3, -1)).toBe(2);
    expect(moveActive(2, 3, 1)).toBe(0);
    expect(moveActive(0, 3, -1)).toBe(2);
    expect(moveActive(-1, 0, 1)).toBe(-1);
  });
});

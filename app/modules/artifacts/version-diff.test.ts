import { describe, expect, it } from "vitest";
import { diffVersions } from "./version-diff";

const lines = (n: number, prefix = "line") => Array.from({ length: n }, (_, i) => `${prefix} ${i + 1}`);

describe("diffVersions", () => {
  it("marks added and removed lines with two lines of context, folding the rest", () => {
    const before = [...lines(10), "old"].join("\n");
    const after = [...lines(10), "new"].join("\n");
    expect(diffVersions(before, after)).toEqual([
      { kind: "skipped", count: 8 },
      { kind: "same", text: "line 9" },
      { kind: "same", text: "line 10" },
      { kind: "removed", text: "old" },
      { kind: "added", text: "new" },
    ]);
  });

  it("keeps context after a change and folds the long run between two changes", () => {
    const before = ["a", ...lines(8), "b"].join("\n");
    const after = ["A", ...lines(8), "B"].join("\n");
    expect(diffVersions(before, after)).toEqual([
      { kind: "removed", text: "a" },
      { kind: "added", text: "A" },
      { kind: "same", text: "line 1" },
      { kind: "same", text: "line 2" },
      { kind: "skipped", count: 4 },
      { kind: "same", text: "line 7" },
      { kind: "same", text: "line 8" },
      { kind: "removed", text: "b" },
      { kind: "added", text: "B" },
    ]);
  });

  it("is empty when nothing changed", () => {
    expect(diffVersions("same\ntext", "same\ntext")).toEqual([]);
  });
});

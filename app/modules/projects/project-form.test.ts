import { describe, expect, it } from "vitest";
import { diffFields, EditProjectSchema, toProjectData } from "./project-form";

describe("project form", () => {
  it("stores blanks as not recorded and a launch date as a UTC day", () => {
    const parsed = EditProjectSchema.parse({ version: "2", title: "  Faster refunds ", customer: "Merchants", launchedAt: "2026-03-01" });
    expect(toProjectData(parsed)).toMatchObject({
      title: "Faster refunds",
      customer: "Merchants",
      problem: null,
      teamId: null,
      launchedAt: new Date("2026-03-01T00:00:00Z"),
    });
  });

  it("names the field of a missing title and of a bad date", () => {
    const result = EditProjectSchema.safeParse({ version: "1", title: "ab", launchedAt: "2026-13-01" });
    expect(result.success ? [] : result.error.issues.map((i) => i.path.join("."))).toEqual(["title", "launchedAt"]);
  });

  it("diffs only the fields that changed, dates by value", () => {
    const before = { title: "A", customer: null, launchedAt: new Date("2026-01-01T00:00:00Z") };
    const after = { title: "A", customer: "Merchants", launchedAt: new Date("2026-01-01T00:00:00Z") };
    expect(diffFields<Record<string, string | Date | null>>(before, after, ["title", "customer", "launchedAt"])).toEqual([
      { field: "customer", before: null, after: "Merchants" },
    ]);
  });
});

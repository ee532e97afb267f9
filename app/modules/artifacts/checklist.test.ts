import { describe, expect, it } from "vitest";
import { DEFAULT_PLAYBOOK } from "~/modules/lifecycle/playbook";
import { artifactChecklist, type ChecklistArtifact } from "./checklist";

const artifact = (over: Partial<ChecklistArtifact>): ChecklistArtifact => ({
  id: "a1",
  kind: "prfaq",
  stage: "understand",
  title: "PR/FAQ",
  state: "approved",
  version: 1,
  approvedVersion: 1,
  checksPassed: true,
  approvedChecksPassed: true,
  ...over,
});

describe("artifactChecklist", () => {
  it("lists each stage up to the current one with its artifact criteria and their artifacts", () => {
    const stages = artifactChecklist({
      playbook: DEFAULT_PLAYBOOK,
      stage: "understand",
      results: [
        { stage: "identify", criteria: [{ key: "narrative", met: true, reason: "2 approved artifacts." }] },
        { stage: "understand", criteria: [{ key: "prfaq_approved", met: true, reason: "1 approved artifact." }] },
      ],
      artifacts: [
        artifact({}),
        artifact({ id: "a2", kind: "email", stage: "identify", title: "Kick-off" }),
        artifact({ id: "a3", kind: "other", stage: "understand", title: "Notes" }),
      ],
    });
    expect(stages.map((s) => [s.stage, s.passed])).toEqual([
      ["identify", true],
      ["understand", false],
    ]);
    const narrative = stages[0]!.items.find((i) => i.key === "narrative")!;
    // The PR/FAQ is a narrative too: it counts for the identify criterion as well.
    expect(narrative.artifacts.map((a) => a.id)).toEqual(["a1", "a2"]);
    expect(narrative.templateKinds).toEqual(["prfaq", "one_pager", "three_pager", "six_pager"]);
    expect(stages[1]!.items.find((i) => i.key === "prfaq_approved")).toMatchObject({ met: true, templateKinds: ["prfaq", "six_pager"] });
    expect(stages[1]!.others.map((a) => a.id)).toEqual(["a3"]);
  });

  it("a passed stage's unmet criterion shows with its reason; withdrawn artifacts are left out", () => {
    const stages = artifactChecklist({
      playbook: DEFAULT_PLAYBOOK,
      stage: "understand",
      results: [{ stage: "identify", criteria: [{ key: "narrative", met: false, reason: "Needs 1 approved narrative; there is none yet." }] }],
      artifacts: [artifact({ kind: "email", stage: "identify", state: "withdrawn" })],
    });
    expect(stages[0]!.items.find((i) => i.key === "narrative")).toMatchObject({ met: false, reason: expect.stringContaining("none yet"), artifacts: [] });
  });
});

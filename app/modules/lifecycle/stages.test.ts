import { describe, expect, it } from "vitest";
import { stageColumns } from "~/components/ui/stage-columns";
import { FACT_FIELDS } from "./facts";
import { DEFAULT_PLAYBOOK } from "./playbook";
import { ADOPTION_STAGE, nextStage, PLAN_STAGE, STAGE_NAMES, STAGE_TABLE, STAGES, stageDefinition } from "./stages";

describe("the stage table", () => {
  it("gives the stages their order and names", () => {
    expect(STAGES).toEqual(STAGE_TABLE.map((s) => s.key));
    expect(STAGES.map((s) => STAGE_NAMES[s])).toEqual(STAGE_TABLE.map((s) => s.name));
    expect(nextStage(STAGES[STAGES.length - 1]!)).toBeNull();
  });

  it("names one plan stage (forks start there) and one adoption stage, the last", () => {
    expect(STAGE_TABLE.filter((s) => s.forkable)).toHaveLength(1);
    expect(STAGE_TABLE.filter((s) => s.adoption)).toHaveLength(1);
    expect(PLAN_STAGE).toBe("plan");
    expect(ADOPTION_STAGE).toBe(STAGES[STAGES.length - 1]);
  });

  it("is what the default playbook's stages are made of", () => {
    expect(DEFAULT_PLAYBOOK.stages.map((s) => [s.stage, s.name, s.expectedDays])).toEqual(STAGE_TABLE.map((s) => [s.key, s.name, s.expectedDays]));
  });

  it("lists each written fact under one stage, the one whose gate asks for it", () => {
    const listed = STAGE_TABLE.flatMap((s) => s.facts);
    expect(new Set(listed).size).toBe(listed.length);
    for (const stage of DEFAULT_PLAYBOOK.stages) {
      for (const c of stage.criteria.filter((c) => c.rule === "field_present")) {
        const field = (c.params as { field: string }).field;
        // The steady-state owner is a person, not text: it gets its own picker (issue 12, item 5).
        if (field === "steadyStateOwner") continue;
        expect(stageDefinition(stage.stage).facts as readonly string[], `${c.key} reads ${field}`).toContain(field);
      }
    }
    expect(listed.every((f) => (FACT_FIELDS as readonly string[]).includes(f))).toBe(true);
  });

  it("sizes the board and the stage path with one column a stage", () => {
    expect(stageColumns()).toEqual({ sm: `sm:grid-cols-${STAGES.length}`, xl: `xl:grid-cols-${STAGES.length}` });
    expect(stageColumns(7)).toEqual({ sm: "sm:grid-cols-7", xl: "xl:grid-cols-7" });
  });
});

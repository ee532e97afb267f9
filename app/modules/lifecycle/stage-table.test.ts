// Issue 11: stage knowledge lives in the stage table. A seventh stage added to a copy of the
// table reaches the playbook validation, a stored playbook's upgrade, the gate evaluation and
// the board's columns with no other edit.
import { describe, expect, it } from "vitest";
import { stageColumns } from "~/components/ui/stage-columns";
import { boardColumns } from "~/modules/projects/board";
import { evaluate, gateStatus } from "./evaluate";
import { completeFacts, FIXTURE_NOW } from "./fixtures";
import { DEFAULT_PLAYBOOK, playbookSchemaFor, upgradeStoredPlaybook, type Playbook } from "./playbook";
import { STAGE_TABLE, type StageDefinition, type StageKey } from "./stages";

const PILOT: StageDefinition = { key: "pilot", name: "Piloted", shortName: "Pilot", facts: ["rollout"], forkable: false, adoption: false, expectedDays: 45 };
/** Today's six stages with a pilot between Executing and Adoption. */
const TABLE: readonly StageDefinition[] = [...STAGE_TABLE.slice(0, 5), PILOT, STAGE_TABLE[5]];
const pilot = "pilot" as StageKey;

/** Today's default playbook as stored, upgraded to the longer table, with one criterion for the pilot. */
function sevenStagePlaybook(): Playbook {
  const upgraded = upgradeStoredPlaybook(structuredClone(DEFAULT_PLAYBOOK), TABLE) as Playbook;
  const stage = upgraded.stages.find((s) => s.stage === pilot)!;
  stage.criteria.push({
    key: "pilot_site",
    label: "The pilot site is named",
    level: "must",
    weight: 1,
    rule: "field_present",
    params: { field: "rollout" },
    artifactKinds: [],
  });
  return playbookSchemaFor(TABLE).parse(upgraded) as Playbook;
}

describe("a stage added to a copy of the stage table", () => {
  it("playbook validation asks for the new stage, in the table's order", () => {
    const result = playbookSchemaFor(TABLE).safeParse(DEFAULT_PLAYBOOK);
    expect(result.success).toBe(false);
    expect(result.success ? [] : result.error.issues.map((i) => i.message)).toEqual([
      "Stages must be exactly identify, understand, owner, plan, execute, pilot, adopt, in that order",
    ]);
    // Today's table still accepts today's playbook and refuses the longer one.
    expect(playbookSchemaFor(STAGE_TABLE).safeParse(DEFAULT_PLAYBOOK).success).toBe(true);
    expect(playbookSchemaFor(STAGE_TABLE).safeParse(sevenStagePlaybook()).success).toBe(false);
  });

  it("a stored playbook of the older shape is upgraded: the new stage comes from the table, the others keep their criteria", () => {
    const playbook = sevenStagePlaybook();
    expect(playbook.stages.map((s) => s.stage)).toEqual(TABLE.map((s) => s.key));
    expect(playbook.stages[5]).toMatchObject({ stage: "pilot", name: "Piloted", expectedDays: 45 });
    expect(playbook.stages.filter((s) => s.stage !== pilot)).toEqual(DEFAULT_PLAYBOOK.stages);
  });

  it("the gate of the new stage is evaluated by its own criteria", () => {
    const playbook = sevenStagePlaybook();
    const ready = evaluate(completeFacts(pilot), playbook, FIXTURE_NOW);
    expect(ready).toMatchObject({ stage: "pilot", mustMet: 1, mustTotal: 1 });
    const facts = completeFacts(pilot);
    facts.fields.rollout = null;
    expect(evaluate(facts, playbook, FIXTURE_NOW).criteria).toEqual([
      expect.objectContaining({ key: "pilot_site", met: false, reason: "Rollout (pilot to everywhere) is not recorded yet." }),
    ]);
  });

  it("a project past the new stage carries its unmet criterion as gate debt", () => {
    const facts = completeFacts("adopt");
    facts.fields.rollout = null;
    const status = gateStatus(facts, sevenStagePlaybook(), FIXTURE_NOW);
    expect(status.debtCriteria.map((c) => [c.stage, c.key])).toEqual([["pilot", "pilot_site"]]);
  });

  it("the board gets a column for it, between its neighbours, and the grid one more column", () => {
    const keys = TABLE.map((s) => s.key);
    const columns = boardColumns(
      keys,
      [
        { stage: "pilot", n: 3 },
        { stage: "pilot", n: 2n },
        { stage: "adopt", n: 1 },
      ],
      [{ stage: "pilot", key: "GP-7" }],
    );
    expect(columns.map((c) => c.stage)).toEqual(["identify", "understand", "owner", "plan", "execute", "pilot", "adopt"]);
    expect(columns[5]).toEqual({ stage: "pilot", total: 5, cards: [{ stage: "pilot", key: "GP-7" }] });
    expect(columns[6]).toMatchObject({ stage: "adopt", total: 1, cards: [] });
    expect(stageColumns(TABLE.length)).toEqual({ sm: "sm:grid-cols-7", xl: "xl:grid-cols-7" });
  });
});

// The project page's artifact checklist: per stage up to the current one, the criteria that
// name artifact kinds, whether each is met, and the project's artifacts of those kinds. Pure.
import type { Playbook } from "~/modules/lifecycle/playbook";
import { STAGES, stageIndex, type ArtifactKind, type ArtifactState, type StageKey } from "~/modules/lifecycle/stages";
import { TEMPLATE_KINDS } from "./templates";

export type ChecklistArtifact = {
  id: string;
  kind: ArtifactKind;
  stage: StageKey;
  title: string;
  state: ArtifactState;
  version: number;
  approvedVersion: number | null;
  checksPassed: boolean;
  approvedChecksPassed: boolean;
};

export type ChecklistItem = {
  key: string;
  label: string;
  level: "must" | "should";
  kinds: ArtifactKind[];
  /** Met on today's facts (for a passed stage's must-meet criterion, unmet means gate debt). */
  met: boolean;
  reason: string | null;
  artifacts: ChecklistArtifact[];
  templateKinds: ArtifactKind[];
};

export type ChecklistStage = { stage: StageKey; passed: boolean; items: ChecklistItem[]; others: ChecklistArtifact[] };

export function artifactChecklist(input: {
  playbook: Playbook;
  stage: StageKey;
  /** Each stage's criteria judged on today's facts, up to the current stage. */
  results: { stage: StageKey; criteria: { key: string; met: boolean; reason: string }[] }[];
  artifacts: ChecklistArtifact[];
}): ChecklistStage[] {
  const live = input.artifacts.filter((a) => a.state !== "withdrawn");
  return STAGES.slice(0, stageIndex(input.stage) + 1).map((stage) => {
    const passed = stage !== input.stage;
    const criteria = input.playbook.stages.find((s) => s.stage === stage)?.criteria.filter((c) => c.artifactKinds.length > 0) ?? [];
    const claimed = new Set<string>();
    const items = criteria.map((c): ChecklistItem => {
      // Any artifact of the right kind counts for the criterion, whatever stage it was filed under.
      const artifacts = live.filter((a) => c.artifactKinds.includes(a.kind));
      for (const a of artifacts) claimed.add(a.id);
      const result = input.results.find((r) => r.stage === stage)?.criteria.find((r) => r.key === c.key);
      const met = Boolean(result?.met);
      return {
        key: c.key,
        label: c.label,
        level: c.level,
        kinds: c.artifactKinds,
        met,
        reason: result ? result.reason : null,
        artifacts,
        templateKinds: c.artifactKinds.filter((k) => TEMPLATE_KINDS.includes(k)),
      };
    });
    return { stage, passed, items, others: live.filter((a) => a.stage === stage && !claimed.has(a.id)) };
  });
}

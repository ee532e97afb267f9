// What an audited change changed, in words with its values (issue 26, item 1, first part): the
// `changes` an event recorded ({ field, before, after }) as a label and the old and new values a
// reader can compare. Pure; shared by the History tab and tested in changes.test.ts.
import { FACT_FIELD_NAMES } from "~/modules/lifecycle/facts";
import { STAGE_NAMES, STATUS_NAMES, type ProjectStatus, type StageKey } from "~/modules/lifecycle/stages";

export type ShownChange = { field: string; label: string; before: string; after: string };

const LABELS: Record<string, string> = { ...FACT_FIELD_NAMES, title: "Title", teamId: "Team", stage: "Stage", status: "Status" };
/** Longer values are cut here, with an ellipsis: the full text is in the project's facts and the audit trail. */
export const SHOWN_LENGTH = 280;

function text(field: string, value: unknown, teams: ReadonlyMap<string, string>): string {
  if (value === null || value === undefined || value === "") return "(empty)";
  if (field === "stage" && typeof value === "string" && value in STAGE_NAMES) return STAGE_NAMES[value as StageKey];
  if (field === "status" && typeof value === "string" && value in STATUS_NAMES) return STATUS_NAMES[value as ProjectStatus];
  if (field === "teamId" && typeof value === "string") return teams.get(value) ?? "a team since removed";
  if (field === "launchedAt" && typeof value === "string" && /^\d{4}-\d{2}-\d{2}T/.test(value)) return value.slice(0, 10);
  const shown = typeof value === "string" ? value : JSON.stringify(value);
  return shown.length > SHOWN_LENGTH ? `${shown.slice(0, SHOWN_LENGTH - 1)}…` : shown;
}

/** The changes an event's data records, each labelled, with both values as text; [] when it records none. */
export function shownChanges(data: unknown, teams: ReadonlyMap<string, string> = new Map()): ShownChange[] {
  const changes = (data as { changes?: unknown } | null)?.changes;
  if (!Array.isArray(changes)) return [];
  return changes.flatMap((c: unknown) => {
    if (typeof c !== "object" || c === null || typeof (c as { field?: unknown }).field !== "string") return [];
    const { field, before, after } = c as { field: string; before?: unknown; after?: unknown };
    return [{ field, label: LABELS[field] ?? field, before: text(field, before, teams), after: text(field, after, teams) }];
  });
}

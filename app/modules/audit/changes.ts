// What an audited change changed, in words with its values (issue 26, item 1, first part): the
// `changes` an event recorded ({ field, before, after }) as a label and the old and new values a
// reader can compare. Pure; shared by the History tab and tested in changes.test.ts.
import { diffWordsWithSpace } from "diff";
import { FACT_FIELD_NAMES } from "~/modules/lifecycle/facts";
import { STAGE_NAMES, STATUS_NAMES, type ProjectStatus, type StageKey } from "~/modules/lifecycle/stages";

export type DiffPart = { kind: "added" | "removed" | "same"; text: string };
/** A change's field, labelled, with both values as text; long or multi-line text also as a word diff. */
export type ShownChange = { field: string; label: string; before: string; after: string; diff?: DiffPart[] };

const LABELS: Record<string, string> = {
  ...FACT_FIELD_NAMES,
  title: "Title",
  teamId: "Team",
  stage: "Stage",
  status: "Status",
  expected: "What we expected",
  happened: "What happened",
  whys: "Why-chain",
  differently: "What we would do differently",
  actions: "Action items",
  tenet: "Tenet",
  tenetOrder: "Tenet order",
  milestone: "Milestone",
  milestoneState: "Milestone state",
  decision: "Logged decision",
  metric: "Metric",
  metricName: "Metric name",
  definition: "Definition",
  target: "Target",
  unit: "Unit",
  direction: "Direction",
  cadence: "Cadence",
  drives: "Drives",
  version: "Version",
  state: "State",
  document: "Document",
  category: "Category",
  impactCount: "Customers affected",
  startedAt: "Started",
  detectedAt: "Detected",
  mitigatedAt: "Mitigated",
  resolvedAt: "Resolved",
  whyChains: "Why-chains",
  rootCauses: "Root causes",
};

/** A role's field ("role.contributor") is labelled with the role's name. */
const label = (field: string) =>
  LABELS[field] ??
  (field.startsWith("role.") ? `${field.slice(5, 6).toUpperCase()}${field.slice(6)}` : field.startsWith("value.") ? `Value for ${field.slice(6)}` : field);
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

/** Unchanged words kept on each side of a change in a diff. */
const CONTEXT = 40;

/** The words of `after` against `before`: long unchanged runs folded to a little context, long changed runs cut. */
export function wordDiff(before: string, after: string): DiffPart[] {
  const parts = diffWordsWithSpace(before, after);
  return parts.map((p, i): DiffPart => {
    const kind = p.added ? "added" : p.removed ? "removed" : "same";
    if (kind !== "same") return { kind, text: p.value.length > SHOWN_LENGTH ? `${p.value.slice(0, SHOWN_LENGTH - 1)}…` : p.value };
    const head = i > 0 ? CONTEXT : 0;
    const tail = i < parts.length - 1 ? CONTEXT : 0;
    if (p.value.length <= head + tail + 3) return { kind, text: p.value };
    return { kind, text: `${p.value.slice(0, head)}…${tail ? p.value.slice(-tail) : ""}` };
  });
}

const needsDiff = (before: unknown, after: unknown) =>
  typeof before === "string" &&
  typeof after === "string" &&
  (before.length > SHOWN_LENGTH || after.length > SHOWN_LENGTH || before.includes("\n") || after.includes("\n"));

/** The changes an event's data records, each labelled, with both values as text; [] when it records none. */
export function shownChanges(data: unknown, teams: ReadonlyMap<string, string> = new Map()): ShownChange[] {
  const changes = (data as { changes?: unknown } | null)?.changes;
  if (!Array.isArray(changes)) return [];
  return changes.flatMap((c: unknown) => {
    if (typeof c !== "object" || c === null || typeof (c as { field?: unknown }).field !== "string") return [];
    const { field, before, after } = c as { field: string; before?: unknown; after?: unknown };
    const shown: ShownChange = { field, label: label(field), before: text(field, before, teams), after: text(field, after, teams) };
    return [needsDiff(before, after) ? { ...shown, diff: wordDiff(before as string, after as string) } : shown];
  });
}

export type FieldChange = { field: string; before: unknown; after: unknown };

type Scalar = string | number | boolean | null;
/** A field's change as an audit event stores it: JSON scalars, dates as ISO text, none as null. */
export type AuditChange = { field: string; before: Scalar; after: Scalar };

const scalar = (value: unknown): Scalar =>
  value === undefined || value === null
    ? null
    : value instanceof Date
      ? value.toISOString()
      : typeof value === "string" || typeof value === "number" || typeof value === "boolean"
        ? value
        : JSON.stringify(value);

/** One field's change as an audit event records it. */
export const changed = (field: string, before: unknown, after: unknown): AuditChange => ({ field, before: scalar(before), after: scalar(after) });

/** Several events' changes as one per field: its value before the first and after the last, oldest event first; unchanged in the end, left out. */
export function netChanges(events: readonly (unknown | { entityId: string; data: unknown })[]): FieldChange[] {
  const byField = new Map<string, FieldChange>();
  for (const event of events) {
    // Events of several things (two milestones) are told apart by the thing's id.
    const keyed = event !== null && typeof event === "object" && "entityId" in event ? (event as { entityId: string; data: unknown }) : null;
    const [thing, data] = keyed ? [keyed.entityId, keyed.data] : ["", event];
    const changes = (data as { changes?: unknown } | null)?.changes;
    if (!Array.isArray(changes)) continue;
    for (const c of changes as FieldChange[]) {
      if (typeof c?.field !== "string") continue;
      const key = `${thing}|${c.field}`;
      const seen = byField.get(key);
      if (seen) seen.after = c.after;
      else byField.set(key, { field: c.field, before: c.before, after: c.after });
    }
  }
  return [...byField.values()].filter((c) => JSON.stringify(c.before ?? null) !== JSON.stringify(c.after ?? null));
}

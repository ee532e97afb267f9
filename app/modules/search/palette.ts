// The command palette's list (issue 27, item 3): the page commands whose name holds what was typed,
// then what the search found (projects by key, title or customer, people, artifacts, metrics),
// then "Search for …". Pure: the route fetches, the component shows and moves through the list.
import { ARTIFACT_KIND_NAMES, STAGE_NAMES, type ArtifactKind, type StageKey } from "~/modules/lifecycle/stages";

export type PaletteItem = {
  /** Unique in the list: the option's element id is made from it. */
  id: string;
  kind: "command" | "project" | "person" | "artifact" | "metric" | "search";
  label: string;
  detail: string;
  to: string;
};

/** What the search found, as searchEverything returns it. */
export type PaletteFound = {
  projects: { key: string; title: string; stage: StageKey; status: string }[];
  people: { id: string; name: string; email: string }[];
  artifacts: { id: string; title: string; kind: string; projectKey: string }[];
  metrics: { id: string; name: string; projectKey: string }[];
};

/** How many of each kind the palette shows. */
export const PALETTE_LIMIT = 5;

export const COMMANDS: { label: string; to: string }[] = [
  { label: "My work", to: "/inbox" },
  { label: "Board", to: "/board" },
  { label: "Projects", to: "/projects" },
  { label: "New project", to: "/projects/new" },
  { label: "Dashboard", to: "/dashboard" },
  { label: "Artifacts", to: "/artifacts" },
  { label: "Lessons", to: "/lessons" },
  { label: "Playbook", to: "/playbook" },
  { label: "Notifications", to: "/notifications" },
  { label: "Your profile", to: "/settings/profile" },
];

/** The commands whose name holds the text typed (all of them before anything is typed). */
export function matchCommands(text: string): PaletteItem[] {
  const t = text.trim().toLowerCase();
  return COMMANDS.filter((c) => c.label.toLowerCase().includes(t)).map((c) => ({
    id: `command-${c.to}`,
    kind: "command",
    label: c.label,
    detail: "Go to",
    to: c.to,
  }));
}

/** What the search found, in the palette's order. */
export function foundItems(found: PaletteFound): PaletteItem[] {
  return [
    ...found.projects.map((p): PaletteItem => ({
      id: `project-${p.key}`,
      kind: "project",
      label: `${p.key} ${p.title}`,
      detail: `Project · ${STAGE_NAMES[p.stage]}${p.status === "active" ? "" : ` · ${p.status.replace("_", " ")}`}`,
      to: `/projects/${p.key}`,
    })),
    ...found.people.map((u): PaletteItem => ({
      id: `person-${u.id}`,
      kind: "person",
      label: u.name,
      detail: `Person · their projects`,
      to: `/projects?owner=${u.id}`,
    })),
    ...found.artifacts.map((a): PaletteItem => ({
      id: `artifact-${a.id}`,
      kind: "artifact",
      label: a.title,
      detail: `${ARTIFACT_KIND_NAMES[a.kind as ArtifactKind] ?? "Artifact"} · ${a.projectKey}`,
      to: `/artifacts/${a.id}`,
    })),
    ...found.metrics.map((m): PaletteItem => ({
      id: `metric-${m.id}`,
      kind: "metric",
      label: m.name,
      detail: `Metric · ${m.projectKey}`,
      to: `/metrics/${m.id}`,
    })),
  ];
}

/** The whole list for what was typed: commands, what was found, and a full search. */
export function paletteList(text: string, found: PaletteItem[]): PaletteItem[] {
  const q = text.trim();
  const search: PaletteItem[] = q
    ? [{ id: "search", kind: "search", label: `Search for “${q}”`, detail: "All results", to: `/search?q=${encodeURIComponent(q)}` }]
    : [];
  return [...matchCommands(q), ...found, ...search];
}

/** The option after (or before) `index`, wrapping around; -1 when the list is empty. */
export function moveActive(index: number, length: number, step: 1 | -1): number {
  if (length === 0) return -1;
  if (index < 0) return step === 1 ? 0 : length - 1;
  return (index + step + length) % length;
}

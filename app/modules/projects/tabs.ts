// The project page's tabs: each a route of its own (routes/projects+/$key.<tab>.tsx), listed
// here once for the tab bar and for every link that points into one.

export const PROJECT_TABS = [
  { tab: "", label: "Overview" },
  { tab: "plan", label: "Plan" },
  { tab: "artifacts", label: "Artifacts" },
  { tab: "metrics", label: "Metrics" },
  { tab: "decisions", label: "Decisions" },
  { tab: "discussion", label: "Discussion" },
  { tab: "retrospectives", label: "Retrospectives" },
  { tab: "people", label: "People" },
  { tab: "history", label: "History" },
] as const;

export type ProjectTab = (typeof PROJECT_TABS)[number]["tab"];

/** The address of one of a project's tabs, optionally at an anchor on it. */
export function projectTab(key: string, tab: ProjectTab, anchor?: string) {
  return `/projects/${key}${tab ? `/${tab}` : ""}${anchor ? `#${anchor}` : ""}`;
}

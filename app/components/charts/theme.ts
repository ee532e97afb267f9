// One set of chart colours, shared by every chart (and readable beside the Tailwind tokens).
export const CHART = {
  thisYear: "#1d4ed8",
  lastYear: "#94a3b8",
  target: "#b45309",
  grid: "#e2e8f0",
  /** Axis labels: slate-600, 4.5:1 or more on white. */
  axis: "#475569",
  series: ["#1d4ed8", "#047857", "#7c3aed"],
} as const;

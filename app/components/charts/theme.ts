// One set of chart colours, shared by every chart (and readable beside the Tailwind tokens).
export const CHART = {
  thisYear: "#1d4ed8",
  lastYear: "#94a3b8",
  target: "#b45309",
  grid: "#e2e8f0",
  series: ["#1d4ed8", "#047857", "#7c3aed"],
} as const;

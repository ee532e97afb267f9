// One set of chart colours, shared by every chart. They are CSS variables of the theme
// (tailwind.config.ts), read in the browser, where charts are drawn, and read again when the
// person switches theme or their system does: SVG attributes cannot hold var() themselves.
import { useEffect, useState } from "react";

const NAMES = {
  thisYear: "chart-this-year",
  lastYear: "chart-last-year",
  target: "chart-target",
  grid: "chart-grid",
  axis: "chart-axis",
  second: "chart-2",
  third: "chart-3",
} as const;

export type ChartColours = Record<keyof typeof NAMES, string> & { series: [string, string, string] };

function read(): ChartColours {
  const style = getComputedStyle(document.documentElement);
  const colours = Object.fromEntries(
    Object.entries(NAMES).map(([key, name]) => [key, `rgb(${style.getPropertyValue(`--${name}`).trim() || "0 0 0"})`]),
  ) as Record<keyof typeof NAMES, string>;
  return { ...colours, series: [colours.thisYear, colours.second, colours.third] };
}

/** The theme's chart colours, kept current when the page's theme changes. Charts render in the browser only. */
export function useChartColours(): ChartColours {
  const [colours, setColours] = useState(read);
  useEffect(() => {
    const update = () => setColours(read());
    const media = window.matchMedia("(prefers-color-scheme: dark)");
    media.addEventListener("change", update);
    const observer = new MutationObserver(update);
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ["class"] });
    update();
    return () => {
      media.removeEventListener("change", update);
      observer.disconnect();
    };
  }, []);
  return colours;
}

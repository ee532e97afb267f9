// Bars of a count per category (the dashboard's open projects per stage, gates passed per month).
// Lazy and browser-only like every chart; the numbers are in the table beside it.
import { Bar, BarChart, CartesianGrid, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useChartColours } from "./theme";

type Props = {
  data: { label: string; value: number }[];
  /** What the bars count, for the figure's name and the tooltip ("Open projects"). */
  title: string;
  /** Categories down the side (long names, like stages) or along the bottom (months). */
  layout: "rows" | "columns";
};

export default function Bars({ data, title, layout }: Props) {
  const CHART = useChartColours();
  const rows = layout === "rows";
  return (
    <figure aria-label={`${title}: bar chart`} className={rows ? "h-56 w-full" : "h-48 w-full"}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout={rows ? "vertical" : "horizontal"} margin={{ top: 4, right: 28, bottom: 0, left: 0 }}>
          <CartesianGrid stroke={CHART.grid} horizontal={!rows} vertical={rows} />
          {rows ? (
            <>
              <XAxis type="number" allowDecimals={false} tick={{ fontSize: 11, fill: CHART.axis }} />
              <YAxis type="category" dataKey="label" width={150} tick={{ fontSize: 11, fill: CHART.axis }} interval={0} />
            </>
          ) : (
            <>
              <XAxis dataKey="label" tick={{ fontSize: 11, fill: CHART.axis }} interval="preserveStartEnd" minTickGap={8} />
              <YAxis allowDecimals={false} width={32} tick={{ fontSize: 11, fill: CHART.axis }} />
            </>
          )}
          <Tooltip formatter={(v) => [String(v), title]} />
          <Bar dataKey="value" name={title} fill={CHART.thisYear} isAnimationActive={false}>
            {/* The number on each bar: the length is not the only way to read it. */}
            <LabelList dataKey="value" position={rows ? "right" : "top"} style={{ fontSize: 11, fill: CHART.axis }} />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}

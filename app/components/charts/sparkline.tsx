// A 6-12 sparkline for page 0: the 6 weeks, a gap, the 12 months; no axes. Lazy and browser-only.
import { Line, LineChart, ReferenceLine, ResponsiveContainer, YAxis } from "recharts";
import { useChartColours } from "./theme";

export default function Sparkline({
  points,
  label,
  series = 0,
  target,
  caption = "6-12 sparkline",
}: {
  points: { label: string; value: number | null }[];
  label: string;
  /** Which of the theme's series colours: 0 for the metric itself, 1 and 2 for its inputs. */
  series?: 0 | 1 | 2;
  /** Drawn as a dashed line; the axis stretches to show it. */
  target?: number;
  caption?: string;
}) {
  const CHART = useChartColours();
  return (
    <figure aria-label={`${label}: ${caption}`} className="h-10 w-40">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={points} margin={{ top: 2, right: 2, bottom: 2, left: 2 }}>
          <YAxis hide domain={["auto", "auto"]} />
          {target !== undefined ? <ReferenceLine y={target} stroke={CHART.target} strokeDasharray="3 3" ifOverflow="extendDomain" /> : null}
          <Line dataKey="value" stroke={CHART.series[series]} strokeWidth={1.5} dot={false} connectNulls={false} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}

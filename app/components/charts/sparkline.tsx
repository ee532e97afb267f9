// A 6-12 sparkline for page 0: the 6 weeks, a gap, the 12 months; no axes. Lazy and browser-only.
import { Line, LineChart, ResponsiveContainer, YAxis } from "recharts";
import { CHART } from "./theme";

export default function Sparkline({
  points,
  label,
  colour = CHART.thisYear,
}: {
  points: { label: string; value: number | null }[];
  label: string;
  colour?: string;
}) {
  return (
    <figure aria-label={`${label}: 6-12 sparkline`} className="h-10 w-40">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={points} margin={{ top: 2, right: 2, bottom: 2, left: 2 }}>
          <YAxis hide domain={["auto", "auto"]} />
          <Line dataKey="value" stroke={colour} strokeWidth={1.5} dot={false} connectNulls={false} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}

// The 6-12 chart: trailing 6 weeks, a gap, then trailing 12 months on one axis; this year as a
// solid line, last year dashed, the target as diamond markers. Loaded lazily, in the browser
// only, by the pages that show it (Recharts stays out of every other bundle).
import { CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Scatter, Tooltip, XAxis, YAxis } from "recharts";
import { CHART } from "./theme";

export type SixTwelvePoint = { label: string; value: number | null; lastYear: number | null };

type Series = { name: string; weeks: SixTwelvePoint[]; months: SixTwelvePoint[] };

type Props = {
  weeks: SixTwelvePoint[];
  months: SixTwelvePoint[];
  target: number | null;
  format: (value: number) => string;
  title: string;
  /** Up to two more metrics of the same unit, drawn on the same axis (three at most a chart). */
  others?: Series[];
};

export default function SixTwelveChart({ weeks, months, target, format, title, others = [] }: Props) {
  const extra = others.slice(0, 2);
  const at = (i: number, section: "weeks" | "months") => Object.fromEntries(extra.map((o, n) => [`other${n}`, o[section][i]?.value ?? null]));
  const data = [
    ...weeks.map((w, i) => ({ ...w, ...at(i, "weeks"), key: `w-${w.label}`, target })),
    { key: "gap", label: "", value: null, lastYear: null, target: null },
    ...months.map((m, i) => ({ ...m, ...at(i, "months"), key: `m-${m.label}`, target })),
  ];
  return (
    <figure aria-label={`${[title, ...extra.map((o) => o.name)].join(", ")}: 6-12 chart`} className="h-72 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
          <CartesianGrid stroke={CHART.grid} vertical={false} />
          <XAxis dataKey="key" tickFormatter={(_key: string, i: number) => data[i]?.label ?? ""} interval={0} tick={{ fontSize: 11 }} />
          <YAxis tickFormatter={(v: number) => format(v)} width={72} tick={{ fontSize: 11 }} />
          <Tooltip
            labelFormatter={(_key, payload) => String(payload?.[0]?.payload?.label ?? "")}
            formatter={(v) => (typeof v === "number" ? format(v) : String(v))}
          />
          <Legend />
          <Line
            name={extra.length ? title : "This year"}
            dataKey="value"
            stroke={CHART.thisYear}
            strokeWidth={2}
            dot={{ r: 3 }}
            connectNulls={false}
            isAnimationActive={false}
          />
          {extra.map((o, n) => (
            <Line
              key={o.name}
              name={o.name}
              dataKey={`other${n}`}
              stroke={CHART.series[n + 1]}
              strokeWidth={2}
              dot={{ r: 3 }}
              connectNulls={false}
              isAnimationActive={false}
            />
          ))}
          <Line name="Last year" dataKey="lastYear" stroke={CHART.lastYear} strokeDasharray="5 4" dot={false} connectNulls={false} isAnimationActive={false} />
          {target !== null ? <Scatter name="Target" dataKey="target" fill={CHART.target} shape="diamond" isAnimationActive={false} /> : null}
        </ComposedChart>
      </ResponsiveContainer>
    </figure>
  );
}

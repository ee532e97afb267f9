// The 6-12 chart: trailing 6 weeks, a gap, then trailing 12 months on one axis; this year as a
// solid line, last year dashed, each period's target as a diamond. Loaded lazily, in the browser
// only, by the pages that show it (Recharts stays out of every other bundle).
//
// Readable at every width (issue 13): Recharts drops x labels that would touch (minTickGap) but
// keeps the first and last, the right margin leaves room for the last one, weeks ("16 Nov") and
// months ("Dec ’25") never read alike, and the y-axis fits the numbers and targets (axis.ts).
import { CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Scatter, Tooltip, XAxis, YAxis } from "recharts";
import { fitDomain, periodTitle, tickLabel } from "./axis";
import { useChartColours } from "./theme";

export type SixTwelvePoint = { start: string; label: string; value: number | null; lastYear: number | null; target: number | null };

type Series = { name: string; weeks: SixTwelvePoint[]; months: SixTwelvePoint[] };

type Props = {
  weeks: SixTwelvePoint[];
  months: SixTwelvePoint[];
  format: (value: number) => string;
  title: string;
  /** A rate's axis stays within 0 to 100%. */
  isRate?: boolean;
  /** Up to two more metrics of the same unit, drawn on the same axis (three at most a chart). */
  others?: Series[];
};

export default function SixTwelveChart({ weeks, months, format, title, isRate = false, others = [] }: Props) {
  const CHART = useChartColours();
  const extra = others.slice(0, 2);
  const at = (i: number, section: "weeks" | "months") => Object.fromEntries(extra.map((o, n) => [`other${n}`, o[section][i]?.value ?? null]));
  const data = [
    ...weeks.map((w, i) => ({ ...w, ...at(i, "weeks"), key: `w-${w.start}`, tick: tickLabel(w.start, "week"), title: periodTitle(w.start, "week") })),
    { key: "gap", start: "", label: "", tick: "", title: "", value: null, lastYear: null, target: null },
    ...months.map((m, i) => ({ ...m, ...at(i, "months"), key: `m-${m.start}`, tick: tickLabel(m.start, "month"), title: periodTitle(m.start, "month") })),
  ];
  const domain = fitDomain(
    data.flatMap((p) => [p.value, p.lastYear, p.target, ...extra.map((_, n) => (p as Record<string, unknown>)[`other${n}`] as number | null)]),
    { isRate },
  );
  const hasTarget = data.some((p) => p.target !== null);
  // Recharts passes a shown tick's index among the shown ones, not the data's: look the label up by key.
  const ticks = new Map(data.map((p) => [p.key, p.tick]));
  return (
    <figure aria-label={`${[title, ...extra.map((o) => o.name)].join(", ")}: 6-12 chart`} className="w-full">
      <div className="h-72 w-full">
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={data} margin={{ top: 8, right: 28, bottom: 4, left: 0 }}>
            <CartesianGrid stroke={CHART.grid} vertical={false} />
            <XAxis
              dataKey="key"
              tickFormatter={(key: string) => ticks.get(key) ?? ""}
              interval="preserveStartEnd"
              minTickGap={10}
              tick={{ fontSize: 11, fill: CHART.axis }}
            />
            <YAxis
              tickFormatter={(v: number) => format(v)}
              width={64}
              tickCount={5}
              tick={{ fontSize: 11, fill: CHART.axis }}
              domain={domain ?? [0, "auto"]}
              allowDataOverflow={false}
            />
            <Tooltip
              labelFormatter={(_key, payload) => String(payload?.[0]?.payload?.title ?? "")}
              formatter={(v) => (typeof v === "number" ? format(v) : String(v))}
            />
            <Legend wrapperStyle={{ fontSize: 12 }} />
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
            <Line
              name="Last year"
              dataKey="lastYear"
              stroke={CHART.lastYear}
              strokeDasharray="5 4"
              dot={false}
              connectNulls={false}
              isAnimationActive={false}
            />
            {hasTarget ? <Scatter name="Target" dataKey="target" fill={CHART.target} shape="diamond" isAnimationActive={false} /> : null}
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="mt-1 text-xs text-slate-600">
        Left of the gap, the last 6 weeks by their Monday; right of it, the last 12 months.
        {hasTarget && weeks.some((w) => w.target !== null) && months.some((m) => m.target !== null && m.target !== weeks.at(-1)?.target)
          ? " A month's target adds up its weeks' or days' targets."
          : ""}
      </figcaption>
    </figure>
  );
}

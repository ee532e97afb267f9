// The charts as pages use them: Recharts is fetched only by a page that renders one, and only
// in the browser; the server renders a line of text in its place (the numbers are in tables).
import { lazy, Suspense, type ComponentProps } from "react";
import { ClientOnly } from "remix-utils/client-only";

const SixTwelveChartImpl = lazy(() => import("./six-twelve-chart"));
const SparklineImpl = lazy(() => import("./sparkline"));
const BarsImpl = lazy(() => import("./bars"));

export function SixTwelveChart({
  before = "The chart draws once the page has loaded.",
  ...props
}: ComponentProps<typeof SixTwelveChartImpl> & { before?: string }) {
  return (
    <ClientOnly fallback={<p className="h-72 text-sm text-slate-600">{before}</p>}>
      {() => (
        <Suspense fallback={<p className="h-72 text-sm text-slate-500">Loading the chart…</p>}>
          <SixTwelveChartImpl {...props} />
        </Suspense>
      )}
    </ClientOnly>
  );
}

export function Sparkline(props: ComponentProps<typeof SparklineImpl>) {
  return (
    <ClientOnly fallback={null}>
      {() => (
        <Suspense fallback={null}>
          <SparklineImpl {...props} />
        </Suspense>
      )}
    </ClientOnly>
  );
}

/** A bar chart; before it draws, the table it sits beside has the numbers. */
export function Bars(props: ComponentProps<typeof BarsImpl>) {
  return (
    <ClientOnly fallback={null}>
      {() => (
        <Suspense fallback={null}>
          <BarsImpl {...props} />
        </Suspense>
      )}
    </ClientOnly>
  );
}

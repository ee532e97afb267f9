import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { formatDay } from "~/utils/dates";
import { HeadRow } from "~/components/ui/head-row";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Pager } from "~/components/data-table/data-table";
import { formatMetricValue, meetsTarget } from "~/modules/metrics/format";
import type { Change } from "~/modules/metrics/six-twelve";
import { getWbrCached } from "~/modules/metrics/wbr.server";
import { STAGE_NAMES } from "~/modules/lifecycle/stages";
import { requireUserWithPermission } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { notFound } from "~/utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `WBR · ${data.team.name} · Gatepath` : "WBR · Gatepath" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, "project:read");
  const slug = z
    .string()
    .regex(/^[a-z0-9-]{1,80}$/)
    .safeParse(params.slug);
  const pageParam = Number(new URL(request.url).searchParams.get("page") ?? "1");
  const wbr = slug.success ? await getWbrCached(prisma, { slug: slug.data, page: Number.isFinite(pageParam) ? Math.trunc(pageParam) : 1 }) : null;
  if (!wbr) throw notFound(`There is no team "${params.slug ?? ""}".`);
  return json(wbr);
}

function describe(c: Change) {
  if (!c) return "–";
  return c.unit === "bps" ? `${c.value > 0 ? "+" : ""}${c.value.toLocaleString("en")} bps` : `${c.value > 0 ? "+" : ""}${c.value.toFixed(1)}%`;
}

export default function Wbr() {
  const { team, projects, page, pages, total } = useLoaderData<typeof loader>();
  const through = projects[0]?.metrics[0]?.totals.through;
  return (
    <div className="space-y-6 print:space-y-3">
      <div className="flex flex-wrap items-baseline gap-4">
        <h1 className="text-2xl font-bold">Weekly business review: {team.name}</h1>
        {through ? <p className="text-sm text-slate-600">Week ending {formatDay(through, "long")}</p> : null}
        <p className="text-sm print:hidden">Print this page for the meeting: the navigation and links stay off the paper.</p>
      </div>
      {projects.length === 0 ? <p className="rounded-lg border border-slate-200 bg-white p-4 text-sm">No project of this team has metrics yet.</p> : null}
      {projects.map((p) => (
        <section
          key={p.key}
          aria-labelledby={`wbr-${p.key}`}
          // Its own horizontal scroll: the wide table scrolls inside the card on a phone, never the page.
          className="relative min-w-0 break-inside-avoid overflow-x-auto rounded-lg border border-slate-200 bg-white p-4 print:overflow-visible print:border-slate-400"
        >
          <h2 id={`wbr-${p.key}`} className="font-semibold">
            <Link to={`/projects/${p.key}/metrics`} className="hover:text-brand">
              {p.key} {p.title}
            </Link>{" "}
            <span className="text-sm font-normal text-slate-600">
              · {STAGE_NAMES[p.stage]}
              {p.owner ? ` · ${p.owner}` : ""}
            </span>
          </h2>
          <table className="mt-2 min-w-full text-sm">
            <caption className="sr-only">Metrics of {p.key}, inputs first</caption>
            <thead className="text-left text-slate-600">
              <HeadRow
                columns={[
                  "Metric",
                  "Last week",
                  "Week over week",
                  "Year over year",
                  "Month to date (YoY)",
                  "Year to date (YoY)",
                  { label: "Target", className: "py-1" },
                ]}
              />
            </thead>
            <tbody className="divide-y divide-slate-100">
              {p.metrics.map((m) => {
                const last = m.totals.lastWeek.value;
                const met = last === null ? null : meetsTarget(last, m.target, m.direction);
                const fmt = (v: number | null) => (v === null ? "–" : formatMetricValue(v, m));
                return (
                  <tr key={m.id} data-wbr-metric={m.name}>
                    <th scope="row" className="py-1 pr-3 text-left font-normal">
                      <span className="text-xs uppercase text-slate-500">{m.kind}</span> {m.name}
                      {m.drives.length ? <span className="block text-xs text-slate-500">drives {m.drives.join(", ")}</span> : null}
                    </th>
                    <td className="py-1 pr-3 tabular-nums">
                      {fmt(last)}
                      {met !== null ? (
                        <span className={`ml-1 text-xs font-semibold ${met ? "text-ok" : "text-bad"}`}>{met ? "on target" : "off target"}</span>
                      ) : null}
                    </td>
                    <td className="py-1 pr-3 tabular-nums">{describe(m.totals.lastWeek.wow)}</td>
                    <td className="py-1 pr-3 tabular-nums">{describe(m.totals.lastWeek.yoy)}</td>
                    <td className="py-1 pr-3 tabular-nums">
                      {fmt(m.totals.monthToDate.value)} ({describe(m.totals.monthToDate.yoy)})
                    </td>
                    <td className="py-1 pr-3 tabular-nums">
                      {fmt(m.totals.yearToDate.value)} ({describe(m.totals.yearToDate.yoy)})
                    </td>
                    <td className="py-1 tabular-nums">{m.target === null ? "–" : `${m.direction === "higher" ? "≥" : "≤"} ${fmt(m.target)}`}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      ))}
      <div className="print:hidden">
        <Pager page={page} pages={pages} total={total} noun="projects with metrics" href={(n) => `?page=${n}`} />
      </div>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";

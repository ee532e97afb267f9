import { stageColumns } from "~/components/ui/stage-columns";
import { formatDay } from "~/utils/dates";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { daysInStage } from "~/modules/lifecycle/time-in-stage";
import { StatusBadge } from "~/components/ui/badges";
import { Button } from "~/components/ui/field";
import { loadCurrentPlaybook } from "~/modules/lifecycle/playbook.server";
import { activeFilters, FilterFold, ProjectFilterFields } from "~/components/project-filters";
import { NoProjectsYet } from "~/components/first-steps";
import { STAGE_NAMES, STAGES, STATUS_NAMES, type StageKey } from "~/modules/lifecycle/stages";
import { can } from "~/modules/people/authorize";
import { listSearch, parseListParams, type ListParams } from "~/modules/projects/list-params";
import { getBoardPage, OVERDUE_LABELS, overdueFlag } from "~/modules/projects/list.server";
import { requireUserWithPermission } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { badRequest } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "Board · Gatepath" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "project:read");
  const search = new URL(request.url).searchParams;
  const parsed = parseListParams(search);
  if (!parsed.ok) throw badRequest(Object.values(parsed.errors).join(". "));
  // On a phone the board shows one stage at a time: the one picked (?col=), else the first.
  const col = search.get("col");
  if (col !== null && !(STAGES as readonly string[]).includes(col)) throw badRequest(`col: choose one of the stages (${STAGES.join(", ")}).`);
  const shown = (col as StageKey | null) ?? STAGES[0];
  const now = new Date();
  const [{ columns: board, teams, owners, health }, playbook] = await Promise.all([getBoardPage(prisma, parsed.params, user.id), loadCurrentPlaybook(prisma)]);
  const expected = Object.fromEntries(playbook.stages.map((s) => [s.stage, s.expectedDays]));
  return json({
    shown,
    params: parsed.params,
    canCreate: can(user.role, "project:write"),
    // No open project at all, rather than none matching: the board says how to make the first.
    empty: board.every((c) => c.total === 0) && activeFilters(parsed.params) === 0,
    teams,
    owners,
    columns: board.map((c) => ({
      ...c,
      expectedDays: expected[c.stage],
      cards: c.cards.map((p) => {
        const days = daysInStage(p.stageEnteredAt, now);
        const overdue = overdueFlag(p, now);
        return {
          key: p.key,
          title: p.title,
          status: p.status,
          owner: p.ownerName,
          team: p.teamName,
          days,
          late: days > expected[c.stage],
          mustMet: p.gateMustMet,
          mustTotal: p.gateMustTotal,
          debt: p.gateDebt,
          health: health[p.id] ?? null,
          overdue: overdue ? { label: OVERDUE_LABELS[overdue.kind], date: formatDay(overdue.date) } : null,
        };
      }),
    })),
  });
}

export default function Board() {
  const { columns, canCreate, params, teams, owners, shown, empty } = useLoaderData<typeof loader>();
  const p = params as ListParams;
  const filters = listSearch(p);
  return (
    <div>
      <div className="flex flex-wrap items-baseline gap-4">
        <h1 className="text-2xl font-bold">Board</h1>
        <p className="text-sm text-slate-600">
          {p.status ? `${STATUS_NAMES[p.status]} projects` : "Open projects (active and on hold)"} by stage, longest in stage first.
        </p>
        {canCreate ? (
          <Link to="/projects/new" className="ml-auto rounded bg-brand px-4 py-2 text-sm font-medium text-white hover:bg-brand-dark">
            New project
          </Link>
        ) : null}
      </div>

      {/* Keyed by the query: another filter's address (the back button, a link) shows its own values. */}
      <Form key={filters} method="get" className="mt-3 text-sm" aria-label="Filter the board">
        <FilterFold id="board-filters" active={activeFilters(p)} className="mt-2 gap-3 sm:mt-0 sm:grid-cols-4 lg:grid-cols-7">
          <ProjectFilterFields params={p} teams={teams} owners={owners} anyStatusLabel="Open" />
          {/* The stage shown on a phone stays picked when the filter changes. */}
          {shown !== STAGES[0] ? <input type="hidden" name="col" value={shown} /> : null}
          <div className="flex items-end">
            <Button type="submit">Apply</Button>
          </div>
        </FilterFold>
      </Form>

      {empty ? (
        <div className="mt-4">
          <NoProjectsYet canCreate={canCreate} />
        </div>
      ) : null}

      {/* Phones: one stage at a time, picked here (links, so it works before JavaScript loads). */}
      <nav aria-label="Stages" className="mt-4 overflow-x-auto md:hidden">
        <ul className="flex gap-2 pb-1 text-sm">
          {columns.map((column) => (
            <li key={column.stage}>
              <Link
                to={`${filters ? `${filters}&` : "?"}col=${column.stage}`}
                preventScrollReset
                aria-current={column.stage === shown ? "page" : undefined}
                className={`inline-block whitespace-nowrap rounded-full border px-3 py-2 ${column.stage === shown ? "border-brand bg-brand-light font-semibold text-brand" : "border-slate-300 bg-white text-slate-700"}`}
              >
                {STAGE_NAMES[column.stage]} <span className="text-xs">({column.total})</span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      <div className={`mt-4 grid grid-cols-1 gap-3 md:grid-cols-3 ${stageColumns().xl}`}>
        {columns.map((column) => (
          <section
            key={column.stage}
            aria-labelledby={`col-${column.stage}`}
            className={`rounded-lg bg-slate-100 p-2 ${column.stage === shown ? "" : "hidden md:block"}`}
          >
            <h2 id={`col-${column.stage}`} className="flex items-baseline justify-between px-1 text-sm font-semibold">
              {STAGE_NAMES[column.stage]}
              <span className="text-xs font-normal text-slate-600">
                {column.total} <span className="sr-only">projects</span>
              </span>
            </h2>
            {column.cards.length === 0 ? (
              <p className="px-1 py-4 text-xs text-slate-500">No projects here.</p>
            ) : (
              <ul className="mt-2 space-y-2">
                {column.cards.map((card) => (
                  <li key={card.key}>
                    <Link
                      to={`/projects/${card.key}`}
                      className="block rounded border border-slate-200 bg-white p-2 text-sm shadow-sm hover:border-brand"
                      data-card={card.key}
                    >
                      <span className="text-xs text-slate-500">{card.key}</span>
                      <span className="block font-medium">{card.title}</span>
                      <span className="mt-1 block text-xs text-slate-600">
                        {card.owner ?? "No owner yet"}
                        {card.team ? ` · ${card.team}` : ""}
                      </span>
                      <span className="mt-1 block text-xs">
                        <span className={card.mustMet === card.mustTotal ? "text-ok" : "text-slate-600"}>
                          {card.mustMet} of {card.mustTotal} must-meet
                        </span>
                        {" · "}
                        <span className={card.late ? "font-semibold text-warn" : "text-slate-600"}>
                          {card.days} {card.days === 1 ? "day" : "days"} in stage{card.late ? ` (over ${column.expectedDays})` : ""}
                        </span>
                      </span>
                      {card.health ? (
                        <span className="mt-1 block text-xs" data-health={card.health.status}>
                          <span
                            className={card.health.status === "on" ? "text-ok" : card.health.status === "off" ? "font-semibold text-bad" : "text-slate-600"}
                          >
                            {card.health.metric}: {card.health.status === "on" ? "on target" : card.health.status === "off" ? "off target" : "no data yet"}
                          </span>
                          {card.health.needNotes > 0 ? (
                            <span className="text-warn">
                              {" "}
                              · {card.health.needNotes} {card.health.needNotes === 1 ? "point needs" : "points need"} a note
                            </span>
                          ) : null}
                        </span>
                      ) : null}
                      {card.debt > 0 || card.overdue || card.status !== "active" ? (
                        <span className="mt-1 flex flex-wrap gap-1 text-xs">
                          {card.status !== "active" ? <StatusBadge status={card.status} /> : null}
                          {card.debt > 0 ? <span className="rounded bg-bad-light px-1.5 py-0.5 font-medium text-bad">Gate debt: {card.debt}</span> : null}
                          {card.overdue ? (
                            <span className="rounded bg-warn-light px-1.5 py-0.5 font-medium text-warn">
                              {card.overdue.label} ({card.overdue.date})
                            </span>
                          ) : null}
                        </span>
                      ) : null}
                    </Link>
                  </li>
                ))}
              </ul>
            )}
            {column.total > column.cards.length ? (
              <Link
                to={`/projects${listSearch({ ...p, stage: column.stage, sort: "days", dir: "desc", page: 1 })}`}
                className="mt-2 block px-1 text-xs text-brand underline"
              >
                {column.total - column.cards.length} more: see {STAGE_NAMES[column.stage]} in the table
              </Link>
            ) : null}
          </section>
        ))}
      </div>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";

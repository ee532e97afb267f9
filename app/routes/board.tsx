import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { differenceInCalendarDays } from "date-fns";
import { StatusBadge } from "~/components/ui/badges";
import { STAGE_NAMES } from "~/modules/lifecycle/stages";
import { getBoard } from "~/modules/projects/projects.server";
import { can } from "~/modules/people/permissions";
import { requireUserWithPermission } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";

export const meta: MetaFunction = () => [{ title: "Board · Gatepath" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "project:read");
  const board = await getBoard(prisma);
  const now = new Date();
  return json({
    canCreate: can(user.role, "project:write"),
    closed: board.closed,
    columns: board.columns.map((c) => ({
      ...c,
      cards: c.cards.map((p) => ({
        key: p.key,
        title: p.title,
        status: p.status,
        owner: p.owner?.name ?? null,
        team: p.team?.name ?? null,
        daysInStage: differenceInCalendarDays(now, p.stageEnteredAt),
      })),
    })),
  });
}

export default function Board() {
  const { columns, closed, canCreate } = useLoaderData<typeof loader>();
  return (
    <div>
      <div className="flex flex-wrap items-baseline gap-4">
        <h1 className="text-2xl font-bold">Board</h1>
        <p className="text-sm text-slate-600">
          Open projects by stage, longest in stage first. Not shown: {closed.done ?? 0} done, {closed.stopped ?? 0} stopped.
        </p>
        {canCreate ? (
          <Link to="/projects/new" className="ml-auto rounded bg-brand px-4 py-2 text-sm font-medium text-white hover:bg-brand-dark">
            New project
          </Link>
        ) : null}
      </div>
      <div className="mt-4 grid grid-cols-1 gap-3 md:grid-cols-3 xl:grid-cols-6">
        {columns.map((column) => (
          <section key={column.stage} aria-labelledby={`col-${column.stage}`} className="rounded-lg bg-slate-100 p-2">
            <h2 id={`col-${column.stage}`} className="flex items-baseline justify-between px-1 text-sm font-semibold">
              {STAGE_NAMES[column.stage]}
              <span className="text-xs font-normal text-slate-600" aria-label={`${column.total} projects`}>
                {column.total}
              </span>
            </h2>
            {column.cards.length === 0 ? (
              <p className="px-1 py-4 text-xs text-slate-500">No open projects at this stage.</p>
            ) : (
              <ul className="mt-2 space-y-2">
                {column.cards.map((card) => (
                  <li key={card.key}>
                    <Link to={`/projects/${card.key}`} className="block rounded border border-slate-200 bg-white p-2 text-sm shadow-sm hover:border-brand">
                      <span className="text-xs text-slate-500">{card.key}</span>
                      <span className="block font-medium">{card.title}</span>
                      <span className="mt-1 block text-xs text-slate-600">
                        {card.owner ?? "No owner yet"}
                        {card.team ? ` · ${card.team}` : ""}
                      </span>
                      <span className="mt-1 flex items-center gap-2 text-xs text-slate-600">
                        {card.daysInStage} {card.daysInStage === 1 ? "day" : "days"} in stage
                        {card.status !== "active" ? <StatusBadge status={card.status} /> : null}
                      </span>
                    </Link>
                  </li>
                ))}
              </ul>
            )}
            {column.total > column.cards.length ? (
              <p className="mt-2 px-1 text-xs text-slate-600">and {column.total - column.cards.length} more in this stage</p>
            ) : null}
          </section>
        ))}
      </div>
    </div>
  );
}

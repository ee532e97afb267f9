import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Instant } from "~/components/ui/instant";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import type { ColumnDef } from "@tanstack/react-table";
import { DataTable, Pager, type ColumnMeta } from "~/components/data-table/data-table";
import { ArtifactStateBadge } from "~/components/ui/badges";
import { Button, SelectField, TextField } from "~/components/ui/field";
import { librarySearch, parseLibraryParams, type LibraryParams } from "~/modules/artifacts/library-params";
import { listArtifacts, listAuthors, reviewQueueCount } from "~/modules/artifacts/library.server";
import { ARTIFACT_KIND_NAMES, ARTIFACT_KINDS, ARTIFACT_STATE_NAMES, ARTIFACT_STATES, STAGE_NAMES, STAGES } from "~/modules/lifecycle/stages";
import { listTeams } from "~/modules/projects/projects.server";
import { requireUserWithPermission } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { badRequest } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "Artifacts · Gatepath" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "project:read");
  const parsed = parseLibraryParams(new URL(request.url).searchParams);
  if (!parsed.ok) throw badRequest(parsed.message);
  const [list, queue, teams, authors] = await Promise.all([
    listArtifacts(prisma, parsed.params, user.id),
    reviewQueueCount(prisma, user.id),
    listTeams(prisma),
    listAuthors(prisma),
  ]);
  return json({
    params: { ...parsed.params, page: list.page },
    total: list.total,
    pages: list.pages,
    queue,
    teams,
    authors,
    rows: list.rows.map((a) => ({
      id: a.id,
      title: a.title,
      kind: a.kind,
      state: a.state,
      stage: a.stage,
      version: a.version,
      approvedVersion: a.approvedVersion,
      checksPassed: a.checksPassed,
      updated: a.updatedAt.toISOString(),
      author: a.author.name,
      reviewer: a.reviewer?.name ?? null,
      project: a.project.key,
      projectTitle: a.project.title,
      team: a.project.team?.name ?? null,
    })),
  });
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>["rows"][number];
const meta_ = (m: ColumnMeta) => m;

const COLUMNS: ColumnDef<Row, unknown>[] = [
  {
    id: "title",
    header: "Title",
    accessorKey: "title",
    meta: meta_({ sort: "title" }),
    cell: ({ row }) => (
      <Link to={`/artifacts/${row.original.id}`} className="font-medium text-brand underline">
        {row.original.title}
      </Link>
    ),
  },
  { id: "kind", header: "Kind", accessorFn: (r) => ARTIFACT_KIND_NAMES[r.kind], meta: meta_({ sort: "kind" }) },
  {
    id: "state",
    header: "State",
    accessorKey: "state",
    meta: meta_({ sort: "state" }),
    cell: ({ row }) => (
      <span className="flex flex-wrap items-center gap-1">
        <ArtifactStateBadge state={row.original.state} />
        {!row.original.checksPassed ? <span className="text-xs font-semibold text-bad">checks fail</span> : null}
      </span>
    ),
  },
  { id: "stage", header: "Stage", accessorFn: (r) => STAGE_NAMES[r.stage] },
  {
    id: "project",
    header: "Project",
    accessorKey: "project",
    cell: ({ row }) => (
      <Link to={`/projects/${row.original.project}`} className="text-brand underline">
        {row.original.project}
      </Link>
    ),
  },
  { id: "team", header: "Team", accessorFn: (r) => r.team ?? "No team" },
  { id: "author", header: "Author", accessorKey: "author" },
  { id: "reviewer", header: "Reviewer", accessorFn: (r) => r.reviewer ?? "" },
  {
    id: "updated",
    header: "Updated",
    accessorKey: "updated",
    meta: meta_({ sort: "updated" }),
    cell: ({ row }) => <Instant value={row.original.updated} />,
  },
];

export default function ArtifactLibrary() {
  const { params, total, pages, rows, queue, teams, authors } = useLoaderData<typeof loader>();
  const p = params as LibraryParams;
  const inQueue = p.review === "me";
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline gap-4">
        <h1 className="text-2xl font-bold">{inQueue ? "Waiting for my review" : "Artifacts"}</h1>
        {inQueue ? (
          <Link to="/artifacts" className="text-sm text-brand underline">
            All artifacts
          </Link>
        ) : (
          <Link to="/artifacts?review=me" className="text-sm text-brand underline">
            Waiting for my review ({queue})
          </Link>
        )}
      </div>
      <Form
        method="get"
        className="grid grid-cols-[minmax(0,1fr)] gap-3 rounded-lg border border-slate-200 bg-white p-3 text-sm sm:grid-cols-3 lg:grid-cols-7"
        aria-label="Filter artifacts"
      >
        {inQueue ? <input type="hidden" name="review" value="me" /> : null}
        <TextField id="f-q" name="q" label="Title contains" defaultValue={p.q ?? ""} />
        <SelectField id="f-kind" name="kind" label="Kind" defaultValue={p.kind ?? ""}>
          <option value="">Any kind</option>
          {ARTIFACT_KINDS.map((k) => (
            <option key={k} value={k}>
              {ARTIFACT_KIND_NAMES[k]}
            </option>
          ))}
        </SelectField>
        {!inQueue ? (
          <SelectField id="f-state" name="state" label="State" defaultValue={p.state ?? ""}>
            <option value="">Any state</option>
            {ARTIFACT_STATES.map((s) => (
              <option key={s} value={s}>
                {ARTIFACT_STATE_NAMES[s]}
              </option>
            ))}
          </SelectField>
        ) : null}
        <SelectField id="f-stage" name="stage" label="Stage" defaultValue={p.stage ?? ""}>
          <option value="">Any stage</option>
          {STAGES.map((s) => (
            <option key={s} value={s}>
              {STAGE_NAMES[s]}
            </option>
          ))}
        </SelectField>
        <SelectField id="f-author" name="author" label="Author" defaultValue={p.author ?? ""}>
          <option value="">Anyone</option>
          {authors.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </SelectField>
        <SelectField id="f-team" name="team" label="Team" defaultValue={p.team ?? ""}>
          <option value="">Any team</option>
          {teams.map((t) => (
            <option key={t.slug} value={t.slug}>
              {t.name}
            </option>
          ))}
        </SelectField>
        <div className="flex items-end">
          <Button type="submit">Apply</Button>
        </div>
      </Form>
      <DataTable
        caption={inQueue ? "Artifacts waiting for my review" : "Artifacts"}
        data={rows}
        columns={COLUMNS}
        sort={{ column: p.sort, dir: p.dir }}
        sortHref={(column, dir) => librarySearch(p, { sort: column, dir, page: 1 }) || "?"}
        rowKey={(r) => r.id}
        empty={
          inQueue ? (
            "Nothing waits for your review."
          ) : (
            <>
              No artifact matches these filters.{" "}
              <Link to="/artifacts" className="text-brand underline">
                Clear the filters
              </Link>
            </>
          )
        }
      />
      <Pager page={p.page} pages={pages} total={total} noun="artifacts" href={(page) => librarySearch(p, { page }) || "?"} />
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";

import { parseWithZod } from "@conform-to/zod";
import { Instant } from "~/components/ui/instant";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData, useSubmit } from "@remix-run/react";
import type { ColumnDef } from "@tanstack/react-table";
import { daysInStage } from "~/modules/lifecycle/time-in-stage";
import { z } from "zod";
import { DataTable, Pager, type ColumnMeta } from "~/components/data-table/data-table";
import { StatusBadge } from "~/components/ui/badges";
import { Button } from "~/components/ui/field";
import { activeFilters, FilterFold, ProjectFilterFields } from "~/components/project-filters";
import { NoProjectsYet } from "~/components/first-steps";
import { can } from "~/modules/people/authorize";
import { STAGE_NAMES, type ProjectStatus, type StageKey } from "~/modules/lifecycle/stages";
import { setPreference } from "~/modules/people/preferences.server";
import { getPreference } from "~/modules/people/queries.server";
import { listSearch, parseListParams, type ListParams } from "~/modules/projects/list-params";
import { getTablePage } from "~/modules/projects/list.server";
import { chosenColumns, COLUMNS_PREFERENCE, ColumnsSchema, TABLE_COLUMNS, type TableColumnId } from "~/modules/projects/table-columns";
import { requireUserWithPermission } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { badRequest } from "~/utils/http.server";
import { dispatchIntent, submitIntent, type IntentAction } from "~/utils/intent.server";
import type { Person } from "~/modules/people/authorize";
import { backTo, BulkChangeSchema, bulkMessage, NO_TEAM } from "~/modules/projects/bulk-form";
import { changeProjects } from "~/modules/projects/bulk.server";
import { tableEditing } from "~/modules/projects/table-edit.server";
import { columnsOfQuery, DeleteViewSchema, SaveViewSchema } from "~/modules/projects/view-form";
import { deleteView, listViews, saveView } from "~/modules/projects/views.server";
import { SavedViews } from "./__table-views";
import { BulkBar, EditableCell, InlineEdit, RowCheckbox } from "./__table-edit";

export const meta: MetaFunction = () => [{ title: "Projects · Gatepath" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "project:read");
  const parsed = parseListParams(new URL(request.url).searchParams);
  if (!parsed.ok) throw badRequest(Object.values(parsed.errors).join(". "));
  const { params } = parsed;
  const [{ list, teams, owners }, saved] = await Promise.all([getTablePage(prisma, params, user.id), getPreference(prisma, user.id, COLUMNS_PREFERENCE)]);
  const search = new URL(request.url).searchParams;
  const [edit, views] = await Promise.all([tableEditing(user, list.rows, search), listViews(prisma, user.id)]);
  const now = new Date();
  return json({
    params: { ...params, page: list.page },
    canCreate: can(user.role, "project:write"),
    // No project at all, rather than none matching: the page says how to make the first.
    empty: list.total === 0 && activeFilters(params) === 0,
    total: list.total,
    pages: list.pages,
    // A view's link names its columns (cols=); otherwise the person's own choice.
    columns: columnsOfQuery(search) ?? chosenColumns(saved),
    views,
    teams,
    owners,
    edit,
    rows: list.rows.map((p) => ({
      key: p.key,
      title: p.title,
      customer: p.customer,
      stage: p.stage,
      status: p.status,
      owner: p.ownerName,
      ownerId: p.ownerId,
      team: p.teamName,
      teamId: p.teamId,
      days: daysInStage(p.stageEnteredAt, now),
      mustMet: p.gateMustMet,
      mustTotal: p.gateMustTotal,
      debt: p.gateDebt,
      updated: p.updatedAt.toISOString(),
    })),
  });
}

const ColumnsForm = z.object({
  intent: z.literal("columns"),
  col: ColumnsSchema.default([]),
  search: z
    .string()
    .regex(/^(\?[^#]*)?$/)
    .default(""),
});

const INTENTS: Record<string, IntentAction<{ user: Person }>> = {
  columns: async ({ user }, form) => {
    const submission = parseWithZod(form, { schema: ColumnsForm });
    if (submission.status !== "success") throw badRequest("Choose columns from the list.");
    await setPreference(prisma, user.id, COLUMNS_PREFERENCE, submission.value.col);
    return redirect(`/projects${submission.value.search}`);
  },
  save_view: ({ user }, form, intent) =>
    submitIntent(form, intent, SaveViewSchema, (v) => saveView(prisma, user, v), {
      to: (v) => `/projects${v.search}`,
      message: (v) => `View "${v.name}" saved: it is under Views, and its link shows this table to anyone who may read projects.`,
    }),
  delete_view: ({ user }, form, intent) =>
    submitIntent(form, intent, DeleteViewSchema, (v) => deleteView(prisma, user, v.viewId), {
      to: "/projects",
      message: (_, r) => `View "${r.name}" deleted.`,
    }),
  // A row's team or owner in place, or the rows chosen at once (issue 27, item 4).
  change_projects: ({ user }, form, intent) =>
    submitIntent(
      form,
      intent,
      BulkChangeSchema,
      (v) =>
        changeProjects(
          prisma,
          user,
          v.keys,
          v.field === "team" ? { field: "team", teamId: v.teamId === NO_TEAM ? null : v.teamId! } : { field: "owner", ownerId: v.ownerId! },
        ),
      {
        to: (v) => backTo(v.back),
        message: (v, r) => bulkMessage(v.field, r),
        kind: (_, r) => (r.refused.length || !r.changed.length ? "info" : "success"),
      },
    ),
};

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, "project:read");
  return dispatchIntent(await request.formData(), INTENTS, { user });
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>["rows"][number];

const sortable = (m: ColumnMeta) => m;

const COLUMNS: ColumnDef<Row, unknown>[] = [
  {
    id: "key",
    header: "Key",
    accessorKey: "key",
    meta: sortable({ sort: "key" }),
    cell: ({ row }) => (
      <Link to={`/projects/${row.original.key}`} className="text-brand underline">
        {row.original.key}
      </Link>
    ),
  },
  {
    id: "title",
    header: "Title",
    accessorKey: "title",
    meta: sortable({ sort: "title" }),
    cell: ({ row }) => (
      <Link to={`/projects/${row.original.key}`} className="font-medium hover:text-brand">
        {row.original.title}
      </Link>
    ),
  },
  { id: "stage", header: "Stage", accessorFn: (r) => STAGE_NAMES[r.stage as StageKey], meta: sortable({ sort: "stage" }) },
  {
    id: "status",
    header: "Status",
    accessorKey: "status",
    meta: sortable({ sort: "status" }),
    cell: ({ row }) => <StatusBadge status={row.original.status as ProjectStatus} />,
  },
  { id: "owner", header: "Owner", accessorFn: (r) => r.owner ?? "No owner", meta: sortable({ sort: "owner" }) },
  { id: "team", header: "Team", accessorFn: (r) => r.team ?? "No team", meta: sortable({ sort: "team" }) },
  { id: "days", header: "Days in stage", accessorKey: "days", meta: sortable({ sort: "days", align: "right" }) },
  {
    id: "readiness",
    header: "Gate readiness",
    accessorFn: (r) => `${r.mustMet} of ${r.mustTotal} must-meet`,
    meta: sortable({ sort: "readiness" }),
  },
  {
    id: "debt",
    header: "Gate debt",
    accessorKey: "debt",
    meta: sortable({ sort: "debt", align: "right" }),
    cell: ({ row }) => (row.original.debt > 0 ? <span className="font-semibold text-bad">{row.original.debt}</span> : "0"),
  },
  { id: "customer", header: "Customer", accessorFn: (r) => r.customer ?? "" },
  {
    id: "updated",
    header: "Updated",
    accessorKey: "updated",
    meta: sortable({ sort: "updated" }),
    cell: ({ row }) => <Instant value={row.original.updated} />,
  },
];

type Edit = ReturnType<typeof useLoaderData<typeof loader>>["edit"];

/** The table's columns for this person: a checkbox per row, and team and owner cells that change in place, where they may. */
function columnsFor(edit: Edit, back: string): ColumnDef<Row, unknown>[] {
  const editHref = (key: string, field: "team" | "owner") => `${back ? `${back}&` : "?"}edit=${key}&field=${field}`;
  const editable =
    (field: "team" | "owner"): ColumnDef<Row, unknown>["cell"] =>
    // eslint-disable-next-line react/display-name -- a cell renderer, not a component of its own
    ({ row }) => {
      const r = row.original;
      const open = edit.editing;
      if (open && open.key === r.key && open.field === field) {
        return <InlineEdit projectKey={r.key} field={field} current={open.current} choices={open.choices} note={open.note} back={back} />;
      }
      return (
        <EditableCell
          projectKey={r.key}
          field={field}
          value={field === "team" ? r.team : r.owner}
          editable={Boolean(edit.rights[r.key]?.[field])}
          editHref={editHref(r.key, field)}
        />
      );
    };
  const choose: ColumnDef<Row, unknown> = {
    id: "choose",
    header: () => <span className="sr-only">Choose</span>,
    cell: ({ row }) => <RowCheckbox projectKey={row.original.key} />,
  };
  return [
    ...(edit.mayEdit ? [choose] : []),
    ...COLUMNS.map((c) => (c.id === "owner" ? { ...c, cell: editable("owner") } : c.id === "team" ? { ...c, cell: editable("team") } : c)),
  ];
}

export default function ProjectsTable() {
  const { params, total, pages, rows, columns, teams, owners, canCreate, empty, edit, views } = useLoaderData<typeof loader>();
  const submit = useSubmit();
  const p = params as ListParams;
  const visibility = Object.fromEntries(TABLE_COLUMNS.map((c) => [c.id, columns.includes(c.id as TableColumnId)]));
  const exportSearch = listSearch({ ...p, page: 1, size: undefined });
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline gap-4">
        <h1 className="text-2xl font-bold">Projects</h1>
        <a href={`/projects.csv${exportSearch}`} className="text-sm text-brand underline" download>
          Download CSV of this filter
        </a>
        {canCreate ? (
          <Link to="/projects/new" className="ml-auto rounded bg-brand px-4 py-2 text-sm font-medium text-white hover:bg-brand-dark">
            New project
          </Link>
        ) : null}
      </div>
      {empty ? <NoProjectsYet canCreate={canCreate} /> : null}

      {/* Keyed by the query: another filter's address (a saved view, the back button) shows its own values. */}
      <Form key={listSearch(p)} method="get" className="rounded-lg border border-slate-200 bg-white p-3 text-sm" aria-label="Filter projects">
        <FilterFold id="table-filters" active={activeFilters(p)} className="mt-2 gap-3 sm:mt-0 sm:grid-cols-4 lg:grid-cols-8">
          <ProjectFilterFields params={p} teams={teams} owners={owners} withStage withGroup />
          <div className="flex items-end gap-3">
            {p.sort !== "key" ? <input type="hidden" name="sort" value={p.sort} /> : null}
            {p.dir !== "asc" ? <input type="hidden" name="dir" value={p.dir} /> : null}
            {p.size !== 25 ? <input type="hidden" name="size" value={p.size} /> : null}
            <Button type="submit">Apply</Button>
          </div>
        </FilterFold>
      </Form>

      <SavedViews views={views} current={`${listSearch(p) || "?"}${listSearch(p) ? "&" : ""}cols=${columns.join(",")}`} />

      <details className="rounded-lg border border-slate-200 bg-white p-3 text-sm">
        <summary className="cursor-pointer font-medium">Columns</summary>
        <Form method="post" className="mt-2 flex flex-wrap items-center gap-3" onChange={(e) => submit(e.currentTarget)}>
          <input type="hidden" name="intent" value="columns" />
          <input type="hidden" name="search" value={listSearch(p)} />
          {TABLE_COLUMNS.map((c) => (
            <label key={c.id} className="flex items-center gap-1.5">
              <input type="checkbox" name="col" value={c.id} defaultChecked={columns.includes(c.id as TableColumnId)} disabled={"always" in c} />
              {c.label}
            </label>
          ))}
          <Button type="submit" variant="secondary">
            Save columns
          </Button>
        </Form>
      </details>

      {edit.mayEdit && rows.length > 0 ? <BulkBar teams={edit.teams} people={edit.people} back={listSearch(p)} /> : null}

      <DataTable
        caption="Projects"
        data={rows}
        columns={columnsFor(edit, listSearch(p))}
        sort={{ column: p.sort, dir: p.dir }}
        sortHref={(column, dir) => listSearch(p, { sort: column, dir, page: 1 }) || "?"}
        visibility={visibility}
        groupBy={p.group}
        rowKey={(r) => r.key}
        empty={
          <>
            No project matches these filters.{" "}
            <Link to="/projects" className="text-brand underline">
              Clear the filters
            </Link>
          </>
        }
      />
      <Pager page={p.page} pages={pages} total={total} noun="projects" href={(page) => listSearch(p, { page }) || "?"} />
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";

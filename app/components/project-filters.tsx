// The filter fields shared by the board and the table: a GET form's inputs, read from and
// written to the URL, so filtering works before JavaScript loads.
import { PROJECT_STATUSES, STAGE_NAMES, STAGES, STATUS_NAMES } from "~/modules/lifecycle/stages";
import { GROUP_COLUMNS, MINE, MINE_NAMES, type ListParams } from "~/modules/projects/list-params";

const selectClass = "mt-1 w-full rounded border border-slate-300 px-2 py-1.5";

function Select({
  label,
  name,
  value,
  options,
  anyLabel,
}: {
  label: string;
  name: string;
  value: string | undefined;
  options: { value: string; label: string }[];
  anyLabel: string;
}) {
  return (
    <label>
      <span className="block font-medium">{label}</span>
      <select name={name} defaultValue={value ?? ""} className={selectClass}>
        <option value="">{anyLabel}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

export function ProjectFilterFields({
  params,
  teams,
  owners,
  withStage = false,
  withGroup = false,
  anyStatusLabel = "Any status",
}: {
  params: ListParams;
  teams: { slug: string; name: string }[];
  owners: { id: string; name: string }[];
  withStage?: boolean;
  withGroup?: boolean;
  anyStatusLabel?: string;
}) {
  return (
    <>
      <label className="sm:col-span-2">
        <span className="block font-medium">Search</span>
        <input type="search" name="q" defaultValue={params.q ?? ""} placeholder="Title, customer or GP-12" className={selectClass} />
      </label>
      {withStage ? (
        <Select label="Stage" name="stage" value={params.stage} anyLabel="Any stage" options={STAGES.map((s) => ({ value: s, label: STAGE_NAMES[s] }))} />
      ) : null}
      <Select
        label="Status"
        name="status"
        value={params.status}
        anyLabel={anyStatusLabel}
        options={PROJECT_STATUSES.map((s) => ({ value: s, label: STATUS_NAMES[s] }))}
      />
      <Select label="Team" name="team" value={params.team} anyLabel="Any team" options={teams.map((t) => ({ value: t.slug, label: t.name }))} />
      <Select label="Owner" name="owner" value={params.owner} anyLabel="Anyone" options={owners.map((o) => ({ value: o.id, label: o.name }))} />
      {withGroup ? (
        <Select
          label="Group by"
          name="group"
          value={params.group}
          anyLabel="No grouping"
          options={GROUP_COLUMNS.map((g) => ({ value: g, label: g[0].toUpperCase() + g.slice(1) }))}
        />
      ) : null}
      <Select label="Whose" name="mine" value={params.mine} anyLabel="Everyone's" options={MINE.map((m) => ({ value: m, label: MINE_NAMES[m] }))} />
    </>
  );
}

/** How many of the filters are set (the fold's button says so). */
export function activeFilters(params: ListParams, keys: readonly (keyof ListParams)[] = ["q", "stage", "status", "team", "owner", "mine"]): number {
  return keys.filter((k) => params[k] !== undefined && params[k] !== "").length;
}

/**
 * The filter fields, folded behind one "Filters" control on a phone (issue 27, item 6) and always
 * shown from the small breakpoint up. A checkbox and its label fold them, so it works before
 * JavaScript loads; the checkbox is not sent with the form (no name).
 */
export function FilterFold({
  id,
  active,
  className,
  children,
  label = "Filters",
}: {
  id: string;
  active: number;
  className: string;
  children: React.ReactNode;
  label?: string;
}) {
  return (
    <>
      <input type="checkbox" id={`${id}-toggle`} className="peer sr-only sm:hidden" aria-controls={`${id}-fields`} />
      <label
        htmlFor={`${id}-toggle`}
        className="inline-flex cursor-pointer items-center gap-1 rounded border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-100 peer-checked:bg-brand-light peer-focus-visible:outline peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-brand sm:hidden"
      >
        {label}
        {active > 0 ? ` (${active} on)` : ""}
        <span aria-hidden="true">▾</span>
      </label>
      <div id={`${id}-fields`} className={`hidden peer-checked:grid sm:grid ${className}`}>
        {children}
      </div>
    </>
  );
}

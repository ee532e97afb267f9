// Editing in the project table (issue 27, item 4): a row's team or owner changed in place, and the
// rows chosen changed at once. In place: the cell's link opens its form in the row (the address
// says which, so it works before JavaScript loads and is kept small: one row's choices at a time).
// At once: each row's checkbox belongs to the bar's form. The route passes data by props; this
// file never imports the route.
import { getFormProps } from "@conform-to/react";
import { Form, Link } from "@remix-run/react";
import { Button, FormErrors } from "~/components/ui/field";
import { useIntentForm } from "~/components/ui/intent-form";
import { FilterFold } from "~/components/project-filters";
import { BulkChangeSchema, NO_TEAM } from "~/modules/projects/bulk-form";

export const BULK_FORM = "bulk-form";

type Choice = { id: string; name: string };

/** A row's team or owner: its value, and a link that opens its form in the row for those who may change it. */
export function EditableCell({
  projectKey,
  field,
  value,
  editable,
  editHref,
}: {
  projectKey: string;
  field: "team" | "owner";
  value: string | null;
  editable: boolean;
  editHref: string;
}) {
  const shown = value ?? (field === "team" ? "No team" : "No owner");
  if (!editable) return <>{shown}</>;
  return (
    <span className="inline-flex items-baseline gap-1">
      {shown}
      <Link to={editHref} preventScrollReset className="rounded px-1 text-brand underline" aria-label={`Change the ${field} of ${projectKey}`}>
        Change
      </Link>
    </span>
  );
}

/** The form a cell opens: the choices (only who may hold the role, for an owner), Save and Cancel. */
export function InlineEdit({
  projectKey,
  field,
  current,
  choices,
  note,
  back,
  action,
  cancel = back,
}: {
  projectKey: string;
  field: "team" | "owner";
  current: string | null;
  choices: Choice[];
  note: string | null;
  /** Where to go once saved: the table's query, or the project's page. */
  back: string;
  /** The table's action, when the form is elsewhere (the project page). */
  action?: string;
  cancel?: string;
}) {
  const { form } = useIntentForm("change_projects", BulkChangeSchema, { id: `inline-${projectKey}` });
  const name = field === "team" ? "teamId" : "ownerId";
  return (
    <Form method="post" action={action} className="flex flex-wrap items-center gap-1" {...getFormProps(form)} data-inline={field}>
      <input type="hidden" name="intent" value="change_projects" />
      <input type="hidden" name="keys" value={projectKey} />
      <input type="hidden" name="field" value={field} />
      <input type="hidden" name="back" value={back} />
      <label className="sr-only" htmlFor={`inline-${projectKey}-${field}`}>
        {field === "team" ? `Team of ${projectKey}` : `Owner of ${projectKey}`}
      </label>
      {/* The choices list itself first when the form opens, so the keyboard is where the change is made. */}
      <select
        id={`inline-${projectKey}-${field}`}
        name={name}
        defaultValue={current ?? (field === "team" ? NO_TEAM : "")}
        // eslint-disable-next-line jsx-a11y/no-autofocus
        autoFocus
        className="rounded border border-slate-300 px-1 py-0.5 text-sm"
        aria-describedby={note ? `inline-${projectKey}-note` : undefined}
      >
        {field === "team" ? <option value={NO_TEAM}>No team</option> : <option value="">Choose a person</option>}
        {choices.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </select>
      <Button type="submit" variant="secondary" className="!px-2 !py-0.5">
        Save
      </Button>
      <Link to={cancel} preventScrollReset className="text-xs text-slate-600 underline">
        Cancel
      </Link>
      {note ? (
        <span id={`inline-${projectKey}-note`} className="w-full text-xs text-slate-600">
          {note}
        </span>
      ) : null}
      <FormErrors errors={form.errors} />
    </Form>
  );
}

/** A row's checkbox, in the bar's form. */
export function RowCheckbox({ projectKey }: { projectKey: string }) {
  return <input type="checkbox" name="keys" value={projectKey} form={BULK_FORM} aria-label={`Choose ${projectKey}`} className="h-4 w-4" />;
}

/** The bar above the table: change the team or the owner of the rows chosen, in one go. */
export function BulkBar({ teams, people, back }: { teams: Choice[]; people: Choice[]; back: string }) {
  const { form, fields } = useIntentForm<{ keys: string[]; field: string; teamId: string; ownerId: string }>("change_projects", BulkChangeSchema, {
    id: BULK_FORM,
  });
  const errors = [...(form.errors ?? []), ...(fields.keys.errors ?? []), ...(fields.teamId.errors ?? []), ...(fields.ownerId.errors ?? [])];
  return (
    <Form method="post" className="rounded-lg border border-slate-200 bg-white p-3 text-sm" {...getFormProps(form)} aria-label="Change the chosen projects">
      <input type="hidden" name="intent" value="change_projects" />
      <input type="hidden" name="back" value={back} />
      {/* On a phone it folds like the filters, so the table starts on the first screen. */}
      <FilterFold id="bulk" active={0} label="Change the chosen" className="mt-2 gap-3 sm:mt-0 sm:auto-cols-max sm:grid-flow-col sm:items-end">
        <p className="font-medium sm:self-center">With the projects chosen below:</p>
        <label>
          <span className="block font-medium">Change</span>
          <select name="field" defaultValue="team" className="mt-1 rounded border border-slate-300 px-2 py-1.5">
            <option value="team">Team</option>
            <option value="owner">Owner</option>
          </select>
        </label>
        <label>
          <span className="block font-medium">New team</span>
          <select name="teamId" defaultValue={NO_TEAM} className="mt-1 rounded border border-slate-300 px-2 py-1.5">
            <option value={NO_TEAM}>No team</option>
            {teams.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span className="block font-medium">New owner</span>
          <select name="ownerId" defaultValue="" className="mt-1 rounded border border-slate-300 px-2 py-1.5">
            <option value="">Choose a person</option>
            {people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <Button type="submit" variant="secondary">
          Apply to the chosen
        </Button>
      </FilterFold>
      <FormErrors errors={errors.length ? errors : undefined} />
    </Form>
  );
}

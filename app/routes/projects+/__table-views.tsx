// Saved views of the project table (issue 27, item 4): each person's named filter, sort, grouping
// and columns, opened from here or by their link, which shows the same table to whoever opens it.
// The route passes data by props; this file never imports the route.
import { getFormProps, getInputProps } from "@conform-to/react";
import { Form, Link } from "@remix-run/react";
import { Button, FormErrors, TextField } from "~/components/ui/field";
import { useIntentForm } from "~/components/ui/intent-form";
import { SaveViewSchema } from "~/modules/projects/view-form";

export function SavedViews({ views, current }: { views: { id: string; name: string; search: string }[]; current: string }) {
  const { form, fields, replied } = useIntentForm<{ name: string; search: string }>("save_view", SaveViewSchema, { id: "save-view" });
  return (
    <details className="rounded-lg border border-slate-200 bg-white p-3 text-sm" open={replied || undefined} data-testid="saved-views">
      <summary className="cursor-pointer font-medium">Views{views.length ? ` (${views.length})` : ""}</summary>
      {views.length === 0 ? (
        <p className="mt-2 text-slate-600">No saved views yet: filter, sort, group and choose columns, then save the table as it is.</p>
      ) : (
        <ul className="mt-2 space-y-1" aria-label="Your saved views">
          {views.map((v) => (
            <li key={v.id} className="flex flex-wrap items-center gap-2">
              <Link to={`/projects${v.search}`} className="font-medium text-brand underline" aria-current={v.search === current ? "page" : undefined}>
                {v.name}
              </Link>
              <span className="text-xs text-slate-600">(its link shows this table to anyone who may read projects)</span>
              <Form method="post" className="ml-auto">
                <input type="hidden" name="intent" value="delete_view" />
                <input type="hidden" name="viewId" value={v.id} />
                <button type="submit" className="text-xs text-slate-600 underline hover:text-bad" aria-label={`Delete the view ${v.name}`}>
                  Delete
                </button>
              </Form>
            </li>
          ))}
        </ul>
      )}
      <Form method="post" className="mt-3 flex flex-wrap items-end gap-2" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="save_view" />
        <input type="hidden" name="search" value={current} />
        <TextField label="Save this table as" errors={fields.name.errors} {...getInputProps(fields.name, { type: "text" })} id={fields.name.id} />
        <Button type="submit" variant="secondary">
          Save view
        </Button>
        <FormErrors errors={form.errors} />
      </Form>
    </details>
  );
}

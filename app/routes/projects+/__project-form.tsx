import { getFormProps, getInputProps, getSelectProps, getTextareaProps } from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";
import type { z } from "zod";
import { Button, SelectField, TextAreaField, TextField, FormErrors } from "~/components/ui/field";
import { useIntentForm } from "~/components/ui/intent-form";
import { FACT_FIELD_NAMES } from "~/modules/lifecycle/facts";
import { STAGE_NAMES, STAGE_TABLE } from "~/modules/lifecycle/stages";
import type { ProjectFieldsSchema } from "~/modules/projects/project-form";

type Schema = typeof ProjectFieldsSchema | z.ZodObject<z.ZodRawShape>;

// The facts form follows the stage table: one group per stage that asks for facts.
const GROUPS = STAGE_TABLE.filter((s) => s.facts.length > 0).map((s) => ({ stage: s.key, fields: s.facts }));

/** The facts form for creating and editing a project; blank fields are saved as not recorded. */
export function ProjectForm({
  id,
  intent,
  schema,
  defaultValue,
  teams,
  version,
  submitLabel,
  groups = GROUPS.length,
}: {
  id: string;
  /** The action's intent: the form reads its own reply (useIntentForm). */
  intent: string;
  schema: Schema;
  defaultValue?: Record<string, string | null>;
  teams: { id: string; name: string }[];
  version?: number;
  submitLabel: string;
  groups?: number;
}) {
  const navigation = useNavigation();
  const { form, fields } = useIntentForm<Record<string, string>>(intent, schema, { id, defaultValue: defaultValue ?? undefined, constraint: true });
  const f = fields as unknown as Record<string, (typeof fields)[keyof typeof fields]>;
  return (
    <Form method="post" className="space-y-6" {...getFormProps(form)}>
      <input type="hidden" name="intent" value={intent} />
      {version !== undefined ? <input type="hidden" name="version" value={version} /> : null}
      <div className="grid gap-4 sm:grid-cols-3">
        <div className="sm:col-span-2">
          <TextField label="Title" errors={f.title.errors} {...getInputProps(f.title, { type: "text" })} id={f.title.id} />
        </div>
        <SelectField label="Team" errors={f.teamId.errors} {...getSelectProps(f.teamId)} id={f.teamId.id}>
          <option value="">No team</option>
          {teams.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </SelectField>
      </div>
      {GROUPS.slice(0, groups).map((group) => (
        <fieldset key={group.stage} className="rounded-lg border border-slate-200 bg-white p-4">
          <legend className="px-1 text-sm font-semibold">Facts for {STAGE_NAMES[group.stage]}</legend>
          <div className="space-y-4">
            {group.fields.map((name) =>
              name === "launchedAt" ? (
                <TextField
                  label={FACT_FIELD_NAMES.launchedAt}
                  errors={f[name].errors}
                  {...getInputProps(f[name], { type: "date" })}
                  key={name}
                  id={f[name].id}
                />
              ) : (
                <TextAreaField label={FACT_FIELD_NAMES[name]} errors={f[name].errors} {...getTextareaProps(f[name])} key={name} id={f[name].id} />
              ),
            )}
          </div>
        </fieldset>
      ))}
      <FormErrors id={form.errorId} errors={form.errors} />
      <Button type="submit" disabled={navigation.state === "submitting"}>
        {navigation.state === "submitting" ? "Saving…" : submitLabel}
      </Button>
    </Form>
  );
}

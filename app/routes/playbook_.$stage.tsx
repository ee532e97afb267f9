import { getFormProps } from "@conform-to/react";
import { useIntentForm } from "~/components/ui/intent-form";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { Button, FormErrors, SelectField, TextAreaField, TextField } from "~/components/ui/field";
import { MAX_QUORUM, type Playbook } from "~/modules/lifecycle/playbook";
import { removeCriterion, setResolveThreadsFirst, setStageNumber, upsertCriterion, type EditResult } from "~/modules/lifecycle/playbook-edit";
import { CriterionFormSchema, ExpectedDaysSchema, QuorumSchema, RemoveCriterionSchema, ResolveThreadsSchema } from "~/modules/lifecycle/playbook-forms";
import { loadCurrentPlaybook } from "~/modules/lifecycle/playbook.server";
import { savePlaybook } from "~/modules/lifecycle/publish-playbook.server";
import { RULE_KEYS, RULES, ruleParamHint } from "~/modules/lifecycle/rules";
import { ARTIFACT_KIND_NAMES, ARTIFACT_KINDS, STAGE_NAMES, STAGES, type StageKey } from "~/modules/lifecycle/stages";
import { stringify as toYaml } from "yaml";
import { requireUserWithPermission } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { answerRefusal, notFound } from "~/utils/http.server";
import { intentOf } from "~/utils/intent.server";
import { Section } from "~/components/ui/section";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Playbook: ${data.stage.name} · Gatepath` : "Playbook · Gatepath" }];

function stageParam(value: string | undefined) {
  const parsed = z.enum(STAGES).safeParse(value);
  if (!parsed.success) throw notFound(`There is no stage "${value ?? ""}".`);
  return parsed.data;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, "playbook:edit");
  const stageKey = stageParam(params.stage);
  const playbook = await loadCurrentPlaybook(prisma);
  const stage = playbook.stages.find((s) => s.stage === stageKey)!;
  const key = new URL(request.url).searchParams.get("key");
  const editing = key ? (stage.criteria.find((c) => c.key === key) ?? null) : null;
  if (key && !editing) throw notFound(`The ${stage.name} stage has no criterion "${key}".`);
  return json({
    version: playbook.version,
    stage,
    editing: editing && { ...editing, params: Object.keys(editing.params).length ? toYaml(editing.params).trim() : "" },
    rules: RULE_KEYS.map((r) => ({ key: r, description: RULES[r].description, hint: ruleParamHint(r) })),
  });
}

/** One form of this page: its schema and the playbook edit it asks for (pure, playbook-edit.ts). */
function stageForm<S extends z.ZodTypeAny>(schema: S, edit: (playbook: Playbook, stage: StageKey, value: z.infer<S>) => EditResult) {
  return { schema, edit };
}

const FORMS = {
  save: stageForm(CriterionFormSchema, (playbook, stage, { originalKey, note: _note, intent: _intent, ...criterion }) =>
    upsertCriterion(playbook, stage, originalKey, criterion),
  ),
  remove: stageForm(RemoveCriterionSchema, (playbook, stage, v) => removeCriterion(playbook, stage, v.key)),
  expected_days: stageForm(ExpectedDaysSchema, (playbook, stage, v) => setStageNumber(playbook, stage, "expectedDays", v.expectedDays)),
  quorum: stageForm(QuorumSchema, (playbook, stage, v) => setStageNumber(playbook, stage, "quorum", v.quorum)),
  resolve_threads: stageForm(ResolveThreadsSchema, (playbook, stage, v) => setResolveThreadsFirst(playbook, stage, v.resolveThreadsFirst === "yes")),
};

/** Whether this gate's documents wait for their comment threads to be resolved before approval. */
function ResolveThreadsForm({ value }: { value: boolean }) {
  const busy = useNavigation().state === "submitting";
  const { form, fields } = useIntentForm<Record<"resolveThreadsFirst" | "note", string>>("resolve_threads", ResolveThreadsSchema);
  return (
    <Form method="post" className="mt-2 grid gap-3 sm:grid-cols-[14rem_1fr_auto] sm:items-end" {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="resolve_threads" />
      <SelectField
        id="resolve-threads-value"
        name="resolveThreadsFirst"
        label="Open comment threads"
        defaultValue={value ? "yes" : "no"}
        errors={fields.resolveThreadsFirst.errors}
      >
        <option value="no">Do not block approval</option>
        <option value="yes">Block approval until resolved</option>
      </SelectField>
      <TextField id="resolve-threads-note" name="note" label="Change note" required errors={fields.note.errors} />
      <Button type="submit" disabled={busy}>
        Save
      </Button>
    </Form>
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, "playbook:edit");
  const stage = stageParam(params.stage);
  const form = await request.formData();
  const intent = intentOf(form, FORMS);
  const { schema, edit } = FORMS[intent] as ReturnType<typeof stageForm<z.ZodTypeAny>>;
  const submission = parseWithZod(form, { schema });
  if (submission.status !== "success") return json({ intent, result: submission.reply() }, { status: 400 });
  const result = edit(await loadCurrentPlaybook(prisma), stage, submission.value);
  if (!result.ok) return answerRefusal(result, (errors) => ({ intent, result: submission.reply(errors) }));
  const version = await savePlaybook(prisma, user.id, result.playbook, (submission.value as { note: string }).note);
  return redirect(`/playbook?saved=${version}#pb-${stage}`);
}

/** One number of a stage (its expected days, its quorum) with the change note every save needs. */
function StageNumberForm<F extends "expectedDays" | "quorum">(props: {
  intent: "expected_days" | "quorum";
  schema: typeof ExpectedDaysSchema | typeof QuorumSchema;
  field: F;
  label: string;
  max: number;
  value: number;
  button: string;
}) {
  const busy = useNavigation().state === "submitting";
  const { form, fields } = useIntentForm<Record<F | "note", string>>(props.intent, props.schema);
  return (
    <Form method="post" className="mt-2 grid gap-3 sm:grid-cols-[10rem_1fr_auto] sm:items-end" {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value={props.intent} />
      <TextField
        id={`${props.intent}-value`}
        name={props.field}
        type="number"
        min={1}
        max={props.max}
        label={props.label}
        defaultValue={props.value}
        required
        errors={fields[props.field].errors}
      />
      <TextField id={`${props.intent}-note`} name="note" label="Change note" required errors={fields.note.errors} />
      <Button type="submit" disabled={busy}>
        {props.button}
      </Button>
    </Form>
  );
}

export default function PlaybookStagePage() {
  const { version, stage, editing, rules } = useLoaderData<typeof loader>();
  const busy = useNavigation().state === "submitting";
  const { form: saveForm, fields: save } = useIntentForm<z.input<typeof CriterionFormSchema>>("save", CriterionFormSchema, {
    id: `save-${editing?.key ?? "new"}`,
  });
  const { form: removeForm, fields: remove } = useIntentForm<z.input<typeof RemoveCriterionSchema>>("remove", RemoveCriterionSchema, {
    id: `remove-${editing?.key ?? "new"}`,
  });
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <p className="text-sm">
        <Link to={`/playbook#pb-${stage.stage}`} className="text-brand underline">
          ← Playbook, version {version}
        </Link>
      </p>
      <h1 className="text-2xl font-bold">{STAGE_NAMES[stage.stage]}</h1>
      <p className="text-sm text-slate-600">Every save makes a new playbook version with your change note; every project is then judged by it.</p>

      <Section id="days" title="Expected time in this stage">
        <StageNumberForm
          intent="expected_days"
          schema={ExpectedDaysSchema}
          field="expectedDays"
          label="Expected days"
          max={3650}
          value={stage.expectedDays}
          button="Save days"
        />
      </Section>

      <Section id="quorum-heading" title="Deciders who must sign">
        <p className="mt-1 text-sm text-slate-600">
          A decision at this gate is applied once this many deciders sign the same decision; each signs with a rationale, and a dissent is kept.
        </p>
        <StageNumberForm intent="quorum" schema={QuorumSchema} field="quorum" label="Signatures" max={MAX_QUORUM} value={stage.quorum} button="Save quorum" />
      </Section>

      <Section id="threads-heading" title="Reviews of this gate's documents">
        <p className="mt-1 text-sm text-slate-600">
          A reviewer always may send a document back. When open threads block approval, a document for this gate is approved only once every comment thread on
          it is resolved (an administrator may still approve with a recorded reason).
        </p>
        <ResolveThreadsForm value={stage.resolveThreadsFirst ?? false} />
      </Section>

      <Section id="criteria" title="Criteria">
        <ul className="mt-2 space-y-1 text-sm">
          {stage.criteria.map((c) => (
            <li key={c.key}>
              <Link to={`?key=${c.key}#criterion`} className="text-brand underline">
                {c.label}
              </Link>{" "}
              <span className="text-slate-500">
                ({c.key}, {c.level === "must" ? "must-meet" : `should-meet, weight ${c.weight}`})
              </span>
            </li>
          ))}
        </ul>
        {editing ? (
          <p className="mt-2 text-sm">
            <Link to="?#criterion" className="text-brand underline">
              Add a criterion instead
            </Link>
          </p>
        ) : null}
      </Section>

      <Section id="criterion" title={<>{editing ? `Edit “${editing.label}”` : "Add a criterion"}</>}>
        <Form method="post" className="mt-2 space-y-3" key={editing?.key ?? "new"} {...getFormProps(saveForm)}>
          <FormErrors id={saveForm.errorId} errors={saveForm.errors} />
          <input type="hidden" name="intent" value="save" />
          <input type="hidden" name="originalKey" value={editing?.key ?? ""} />
          <TextField
            id="key"
            name="key"
            label="Key"
            hint="2 to 41 lower-case letters, digits or underscores, starting with a letter. Decisions refer to it."
            defaultValue={editing?.key ?? ""}
            required
            errors={save.key.errors}
          />
          <TextField id="label" name="label" label="Label" defaultValue={editing?.label ?? ""} required errors={save.label.errors} />
          <fieldset>
            <legend className="text-sm font-medium text-slate-800">Level</legend>
            <div className="mt-1 flex gap-4 text-sm">
              <label className="flex items-center gap-1.5">
                <input type="radio" name="level" value="must" defaultChecked={(editing?.level ?? "must") === "must"} /> Must meet
              </label>
              <label className="flex items-center gap-1.5">
                <input type="radio" name="level" value="should" defaultChecked={editing?.level === "should"} /> Should meet
              </label>
            </div>
            {save.level.errors ? <p className="text-sm text-bad">{save.level.errors.join(" ")}</p> : null}
          </fieldset>
          <TextField
            id="weight"
            name="weight"
            type="number"
            min={1}
            max={10}
            label="Weight"
            hint="Counts for should-meet criteria only (1 to 10)."
            defaultValue={editing?.weight ?? 1}
            errors={save.weight.errors}
          />
          <SelectField id="rule" name="rule" label="Rule" defaultValue={editing?.rule ?? ""} required errors={save.rule.errors}>
            <option value="" disabled>
              Choose a rule
            </option>
            {rules.map((r) => (
              <option key={r.key} value={r.key}>
                {r.key}: {r.description}
              </option>
            ))}
          </SelectField>
          <TextAreaField
            id="params"
            name="params"
            label="Parameters"
            rows={3}
            className="font-mono"
            hint={<>One &ldquo;name: value&rdquo; per line. {rules.map((r) => `${r.key}: ${r.hint}`).join(" · ")}</>}
            defaultValue={editing?.params ?? ""}
            errors={save.params.errors}
          />
          <fieldset>
            <legend className="text-sm font-medium text-slate-800">Required artifact kinds (for the artifact rule)</legend>
            <div className="mt-1 grid grid-cols-2 gap-1 text-sm sm:grid-cols-3">
              {ARTIFACT_KINDS.map((k) => (
                <label key={k} className="flex items-center gap-1.5">
                  <input type="checkbox" name="artifactKinds" value={k} defaultChecked={editing?.artifactKinds.includes(k)} /> {ARTIFACT_KIND_NAMES[k]}
                </label>
              ))}
            </div>
            {save.artifactKinds.errors ? <p className="text-sm text-bad">{save.artifactKinds.errors.join(" ")}</p> : null}
          </fieldset>
          <TextField id="note" name="note" label="Change note" required errors={save.note.errors} />
          <Button type="submit" disabled={busy}>
            {editing ? "Save as a new version" : "Add as a new version"}
          </Button>
        </Form>
        {editing ? (
          <Form method="post" className="mt-4 flex flex-wrap items-end gap-3 border-t border-slate-100 pt-4" {...getFormProps(removeForm)}>
            <FormErrors id={removeForm.errorId} errors={removeForm.errors} />
            <input type="hidden" name="intent" value="remove" />
            <input type="hidden" name="key" value={editing.key} />
            <TextField id="remove-note" name="note" label="Change note for the removal" required errors={remove.note.errors} />
            <Button type="submit" variant="secondary" disabled={busy}>
              Remove this criterion
            </Button>
          </Form>
        ) : null}
      </Section>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";

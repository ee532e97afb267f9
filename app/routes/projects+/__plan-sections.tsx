// The project page's plan: tenets (ordered, seven at most), milestones and the decision log.
import { Instant } from "~/components/ui/instant";
import { formatDay } from "~/utils/dates";
import { getFormProps, getInputProps, getTextareaProps } from "@conform-to/react";
import { Form } from "@remix-run/react";
import type { SerializeFrom } from "@remix-run/node";
import type { ReactNode } from "react";
import { useIntentForm } from "~/components/ui/intent-form";
import { Button, FieldErrors, FormErrors, SelectField, TextAreaField, TextField } from "~/components/ui/field";
import { MILESTONE_STATES } from "~/modules/lifecycle/stages";
import { DecisionLogSchema, MAX_TENETS, MilestoneSchema, TenetSchema } from "~/modules/projects/plan-forms";
import type { getPlan } from "~/modules/projects/queries.server";
import { Section } from "~/components/ui/section";
import { Disclosure } from "~/components/ui/disclosure";

// A milestone's due date is a calendar date; a logged decision's date an instant in the person's zone.
const day = (iso: string | null) => (iso ? formatDay(iso) : "no date");

export type PlanSectionsProps = {
  plan: SerializeFrom<Awaited<ReturnType<typeof getPlan>>>;
  canEdit: boolean;
  people: { id: string; name: string }[];
  /** Milestones past their due day and not done. */
  overdue: string[];
};

function usePlanForm<S extends typeof TenetSchema | typeof MilestoneSchema | typeof DecisionLogSchema>(intent: string, schema: S) {
  const { form, fields, replied } = useIntentForm<Record<string, string>>(intent, schema, { id: intent.replace("_", "-"), onSubmitOnly: true });
  // Closed until asked for; open again when the server sent it back with errors.
  return [form, fields, replied] as const;
}

function SmallButton({ intent, id, label, children }: { intent: string; id: string; label: string; children: ReactNode }) {
  return (
    <Form method="post" className="inline">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="id" value={id} />
      <button type="submit" aria-label={label} className="text-xs text-slate-600 underline hover:text-brand">
        {children}
      </button>
    </Form>
  );
}

/** The plan's sections; the route passes its data, each form reads its own reply (this file never imports the route). */
export function PlanSections({ plan, canEdit, people, overdue }: PlanSectionsProps) {
  return (
    <>
      <div className="grid gap-6 lg:grid-cols-2">
        <Section id="tenets" title={`Tenets (${plan.tenets.length} of ${MAX_TENETS} at most)`}>
          {plan.tenets.length === 0 ? (
            <p className="mt-2 text-sm text-slate-600">No tenets yet.</p>
          ) : (
            <ol className="mt-2 space-y-2 text-sm">
              {plan.tenets.map((t, i) => (
                <li key={t.id} data-tenet={t.position}>
                  <p>
                    <span className="font-semibold">
                      {t.position}. {t.title}
                    </span>{" "}
                    <span className="rounded bg-slate-100 px-1.5 text-xs">{t.kind}</span>
                  </p>
                  <p className="text-slate-700">{t.body}</p>
                  {canEdit ? (
                    <span className="flex gap-3">
                      {i > 0 ? (
                        <SmallButton intent="move_tenet_up" id={t.id} label={`Move "${t.title}" up`}>
                          Move up
                        </SmallButton>
                      ) : null}
                      <SmallButton intent="remove_tenet" id={t.id} label={`Remove "${t.title}"`}>
                        Remove
                      </SmallButton>
                    </span>
                  ) : null}
                </li>
              ))}
            </ol>
          )}
          {/* Keyed by the list: once a tenet is added the form starts again, closed and empty. */}
          {canEdit && plan.tenets.length < MAX_TENETS ? <TenetForm key={plan.tenets.map((t) => t.id).join()} /> : null}
        </Section>

        <Section id="milestones" title="Milestones">
          {plan.milestones.length === 0 ? (
            <p className="mt-2 text-sm text-slate-600">No milestones yet.</p>
          ) : (
            <ul className="mt-2 space-y-2 text-sm">
              {plan.milestones.map((m) => (
                <li key={m.id} className="flex flex-wrap items-center gap-2" data-milestone={m.title}>
                  <span className="font-medium">{m.title}</span>
                  <span className="text-slate-600">
                    due {day(m.dueDate)} · {m.owner?.name ?? "no owner"}
                  </span>
                  {overdue.includes(m.id) ? (
                    <span className="rounded bg-warn-light px-1.5 text-xs font-medium text-warn" data-testid="milestone-overdue">
                      Overdue
                    </span>
                  ) : null}
                  {canEdit ? (
                    <Form method="post" className="ml-auto flex items-center gap-2">
                      <input type="hidden" name="intent" value="milestone_state" />
                      <input type="hidden" name="milestoneId" value={m.id} />
                      <label className="sr-only" htmlFor={`state-${m.id}`}>
                        State of {m.title}
                      </label>
                      <select id={`state-${m.id}`} name="state" defaultValue={m.state} className="rounded border border-slate-300 px-1 py-0.5 text-xs">
                        {MILESTONE_STATES.map((s) => (
                          <option key={s} value={s}>
                            {s.replace("_", " ")}
                          </option>
                        ))}
                      </select>
                      <button type="submit" className="text-xs text-brand underline">
                        Set
                      </button>
                    </Form>
                  ) : (
                    <span className="rounded bg-slate-100 px-1.5 text-xs">{m.state.replace("_", " ")}</span>
                  )}
                </li>
              ))}
            </ul>
          )}
          {canEdit ? <MilestoneForm key={plan.milestones.length} people={people} /> : null}
        </Section>

        <div className="lg:col-span-2">
          <Section id="decision-log" title="Decision log">
            {plan.decisions.length === 0 ? (
              <p className="mt-2 text-sm text-slate-600">No decisions logged yet.</p>
            ) : (
              <ul className="mt-2 space-y-3 text-sm">
                {plan.decisions.map((d) => (
                  <li key={d.id} data-logged={d.title}>
                    <p>
                      <span className="font-semibold">{d.title}</span> · {d.door === "one_way" ? "one-way door (irreversible)" : "two-way door (reversible)"} ·{" "}
                      {d.decider.name} on <Instant value={d.decidedAt} />
                    </p>
                    <p>
                      Chose <span className="font-medium">{d.chosen}</span> of {(d.options as string[]).join(", ")}. {d.rationale}
                    </p>
                    {(d.dissent as string[]).length ? <p className="text-slate-600">Disagreed and committed: {(d.dissent as string[]).join(", ")}</p> : null}
                  </li>
                ))}
              </ul>
            )}
            {canEdit ? <DecisionForm key={plan.decisions.length} /> : null}
          </Section>
        </div>
      </div>
    </>
  );
}

function TenetForm() {
  const [form, fields, open] = usePlanForm("add_tenet", TenetSchema);
  return (
    <Disclosure summary="Add a tenet" open={open}>
      <Form method="post" className="space-y-2 mt-2" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="add_tenet" />
        <TextField label="Tenet" errors={fields.title.errors} {...getInputProps(fields.title, { type: "text" })} id={fields.title.id} />
        <TextField label="In one sentence" errors={fields.body.errors} {...getInputProps(fields.body, { type: "text" })} id={fields.body.id} />
        <SelectField label="Kind" errors={fields.kind.errors} name={fields.kind.name} id={fields.kind.id} defaultValue="foundational">
          <option value="foundational">Foundational</option>
          <option value="aspirational">Aspirational</option>
        </SelectField>
        <FormErrors id={form.errorId} errors={form.errors} />
        <Button type="submit" variant="secondary">
          Add tenet
        </Button>
      </Form>
    </Disclosure>
  );
}

function MilestoneForm({ people }: { people: { id: string; name: string }[] }) {
  const [form, fields, open] = usePlanForm("add_milestone", MilestoneSchema);
  return (
    <Disclosure summary="Add a milestone" open={open}>
      <Form method="post" className="space-y-2 mt-2" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="add_milestone" />
        <TextField label="Milestone" errors={fields.title.errors} {...getInputProps(fields.title, { type: "text" })} id={fields.title.id} />
        <TextField label="Due on" errors={fields.dueDate.errors} {...getInputProps(fields.dueDate, { type: "date" })} id={fields.dueDate.id} />
        <SelectField label="Milestone owner" errors={fields.ownerId.errors} name={fields.ownerId.name} id={fields.ownerId.id} defaultValue="">
          <option value="">Choose an owner</option>
          {people.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </SelectField>
        <FormErrors id={form.errorId} errors={form.errors} />
        <Button type="submit" variant="secondary">
          Add milestone
        </Button>
      </Form>
    </Disclosure>
  );
}

function DecisionForm() {
  const [form, fields, open] = usePlanForm("add_decision", DecisionLogSchema);
  return (
    <Disclosure summary="Log a decision" open={open}>
      <Form method="post" className="grid gap-3 mt-2 sm:grid-cols-2" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="add_decision" />
        <TextField label="What was decided" errors={fields.title.errors} {...getInputProps(fields.title, { type: "text" })} id={fields.title.id} />
        <SelectField label="Door" errors={fields.door.errors} name={fields.door.name} id={fields.door.id} defaultValue="two_way">
          <option value="two_way">Two-way door (reversible: a decider is enough)</option>
          <option value="one_way">One-way door (irreversible: a narrative and two options or more)</option>
        </SelectField>
        <TextAreaField label="Options considered (one per line)" errors={fields.options.errors} {...getTextareaProps(fields.options)} id={fields.options.id} />
        <TextField label="Option chosen" errors={fields.chosen.errors} {...getInputProps(fields.chosen, { type: "text" })} id={fields.chosen.id} />
        <TextAreaField label="Why this option" errors={fields.rationale.errors} {...getTextareaProps(fields.rationale)} id={fields.rationale.id} />
        <TextField
          label="Disagreed and committed (names, comma-separated)"
          errors={fields.dissent.errors}
          {...getInputProps(fields.dissent, { type: "text" })}
          id={fields.dissent.id}
        />
        <div className="sm:col-span-2">
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name={fields.confirm.name} aria-describedby={fields.confirm.errors ? fields.confirm.errorId : undefined} /> It is a one-way
            door: I confirm it cannot be undone
          </label>
          <FieldErrors id={fields.confirm.errorId} errors={fields.confirm.errors} />
        </div>
        <FormErrors id={form.errorId} errors={form.errors} />
        <div className="sm:col-span-2">
          <Button type="submit" variant="secondary">
            Log decision
          </Button>
        </div>
      </Form>
    </Disclosure>
  );
}

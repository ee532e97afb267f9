// The gate's two forms on the project overview: asking for a review (told first what is unmet)
// and recording or signing a decision. Each reads its own reply from the action (useIntentForm);
// this file never imports the route.
import { getFormProps, getInputProps, getTextareaProps } from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";
import { useEffect, useState } from "react";
import { Button, FieldErrors, FormErrors, SelectField, TextAreaField, TextField } from "~/components/ui/field";
import { useIntentForm } from "~/components/ui/intent-form";
import { DecisionFormSchema, RequestReviewSchema } from "~/modules/lifecycle/decision-form";
import { DECISION_KINDS, DECISION_NAMES, STAGE_NAMES, STAGES, stageIndex, type DecisionKind } from "~/modules/lifecycle/stages";

const KIND_HELP: Record<DecisionKind, string> = {
  go: "advance to the next stage",
  conditional_go: "advance now, with a condition and a due date",
  hold: "stay, with a date to revisit",
  recycle: "send back to an earlier stage",
  stop: "close the project",
};

export function RequestReviewForm({ unmet }: { unmet: string[] }) {
  const { form, fields } = useIntentForm<{ confirm: string }>("request_review", RequestReviewSchema, { id: "request-review" });
  return (
    <Form method="post" className="mt-3 space-y-2 text-sm" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="request_review" />
      {unmet.length > 0 ? (
        <>
          <p>
            {unmet.length} must-meet {unmet.length === 1 ? "criterion is" : "criteria are"} still unmet, so Go would be refused:
          </p>
          <ul className="list-disc pl-5">
            {unmet.map((label) => (
              <li key={label}>{label}</li>
            ))}
          </ul>
          <label className="flex items-center gap-2">
            <input type="checkbox" name={fields.confirm.name} aria-describedby={fields.confirm.errors ? fields.confirm.errorId : undefined} />
            Ask anyway (the deciders may Hold, Recycle or Stop)
          </label>
          <FieldErrors id={fields.confirm.errorId} errors={fields.confirm.errors} />
        </>
      ) : null}
      <FormErrors id={form.errorId} errors={form.errors} />
      <Button type="submit" variant="secondary">
        Request gate review
      </Button>
    </Form>
  );
}

export function DecisionForm({
  stage,
  version,
  ready,
  canOverride,
  quorum,
}: {
  stage: (typeof STAGES)[number];
  version: number;
  ready: boolean;
  canOverride: boolean;
  quorum: number;
}) {
  const navigation = useNavigation();
  // Validated on the server only: the lifecycle rules decide which fields a decision needs.
  const { form, fields } = useIntentForm<Record<string, string>>("decide", DecisionFormSchema, { id: "decision", serverOnly: true });
  // Before JavaScript loads every field shows; after, only the chosen decision's.
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const kind = (fields.kind.value as DecisionKind | undefined) ?? undefined;
  const show = (k: DecisionKind[]) => !hydrated || (kind !== undefined && k.includes(kind));
  const earlier = STAGES.slice(0, stageIndex(stage));
  return (
    <Form method="post" className="mt-4 space-y-4 border-t border-slate-100 pt-4" {...getFormProps(form)}>
      <h3 className="font-semibold">{quorum > 1 ? `Sign the gate decision (${quorum} deciders must sign the same one)` : "Record a gate decision"}</h3>
      <input type="hidden" name="intent" value="decide" />
      <input type="hidden" name="version" value={version} />
      <fieldset aria-describedby={fields.kind.errors?.length ? fields.kind.errorId : undefined}>
        <legend className="text-sm font-medium">Decision</legend>
        <div className="mt-1 flex flex-wrap gap-3">
          {DECISION_KINDS.map((k) => (
            <label
              key={k}
              className="flex items-center gap-2 rounded border border-slate-200 px-3 py-2 text-sm has-[:checked]:border-brand has-[:checked]:bg-brand-light"
            >
              <input type="radio" name={fields.kind.name} value={k} defaultChecked={fields.kind.initialValue === k} />
              <span>
                <span className="font-medium">{DECISION_NAMES[k]}</span> <span className="text-slate-600">— {KIND_HELP[k]}</span>
              </span>
            </label>
          ))}
        </div>
        <FieldErrors id={fields.kind.errorId} errors={fields.kind.errors} />
      </fieldset>
      <TextAreaField
        label="Rationale"
        hint="Why this decision; it is kept with the decision forever."
        errors={fields.rationale.errors}
        {...getTextareaProps(fields.rationale)}
        id={fields.rationale.id}
      />
      {show(["hold"]) ? (
        <TextField
          label="Revisit on (Hold)"
          errors={fields.revisitDate.errors}
          {...getInputProps(fields.revisitDate, { type: "date" })}
          id={fields.revisitDate.id}
        />
      ) : null}
      {show(["recycle"]) ? (
        <SelectField
          label="Send back to (Recycle)"
          errors={fields.recycleTo.errors}
          name={fields.recycleTo.name}
          id={fields.recycleTo.id}
          defaultValue={(fields.recycleTo.initialValue as string) ?? ""}
        >
          <option value="">Choose an earlier stage</option>
          {earlier.map((s) => (
            <option key={s} value={s}>
              {STAGE_NAMES[s]}
            </option>
          ))}
        </SelectField>
      ) : null}
      {show(["conditional_go"]) ? (
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            label="Condition (Conditional Go)"
            errors={fields.condition.errors}
            {...getInputProps(fields.condition, { type: "text" })}
            id={fields.condition.id}
          />
          <TextField
            label="Condition due on"
            errors={fields.conditionDueDate.errors}
            {...getInputProps(fields.conditionDueDate, { type: "date" })}
            id={fields.conditionDueDate.id}
          />
        </div>
      ) : null}
      {canOverride && !ready && show(["go", "conditional_go"]) ? (
        <TextAreaField
          label="Override reason (administrators)"
          hint="Go with unmet must-meet criteria is refused unless you give a reason; the override stays visible on the decision."
          errors={fields.overrideReason.errors}
          {...getTextareaProps(fields.overrideReason)}
          id={fields.overrideReason.id}
        />
      ) : null}
      {show(["stop"]) ? (
        <div>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name={fields.confirm.name} aria-describedby={fields.confirm.errors ? fields.confirm.errorId : undefined} /> Stop: I confirm
            it closes the project for good
          </label>
          <FieldErrors id={fields.confirm.errorId} errors={fields.confirm.errors} />
        </div>
      ) : null}
      {quorum > 1 ? (
        <TextAreaField
          label="Disagree and commit (optional)"
          hint="Signing with the others although you disagree? Say why; it is kept with your signature."
          errors={fields.dissent.errors}
          {...getTextareaProps(fields.dissent)}
          id={fields.dissent.id}
        />
      ) : null}
      <FormErrors id={form.errorId} errors={form.errors} />
      <Button type="submit" disabled={navigation.state === "submitting"}>
        {navigation.state === "submitting" ? "Recording…" : quorum > 1 ? "Sign decision" : "Record decision"}
      </Button>
    </Form>
  );
}

// Parts of the project overview (routes/projects+/$key._index.tsx): what changed since the last
// decision, the pending review, the lessons at this stage, and the steady-state owner and fork
// forms. Data comes in by props, typed from the overview module; this file never imports the route.
import { getFormProps, getInputProps, getSelectProps, getTextareaProps } from "@conform-to/react";
import type { SerializeFrom } from "@remix-run/node";
import { Form, Link } from "@remix-run/react";
import { ChangedValue } from "~/components/ui/changed-value";
import { Disclosure } from "~/components/ui/disclosure";
import { Button, FormErrors, SelectField, TextAreaField, TextField } from "~/components/ui/field";
import { useIntentForm } from "~/components/ui/intent-form";
import { Section } from "~/components/ui/section";
import { ARTIFACT_KIND_NAMES, DECISION_NAMES, STAGE_NAMES, type StageKey } from "~/modules/lifecycle/stages";
import type { OverviewData } from "~/modules/projects/overview.server";
import { ForkSchema } from "~/modules/projects/project-form";
import { SteadyOwnerSchema } from "~/modules/projects/role-form";
import { projectTab } from "~/modules/projects/tabs";
import { useInstant } from "~/utils/use-time-zone";

type Overview = SerializeFrom<OverviewData>;

/** Each change since the gate's last decision: criteria, documents, facts and metrics, with their values. */
export function SinceLast({ sinceLast }: { sinceLast: NonNullable<Overview["sinceLast"]> }) {
  const instant = useInstant();
  const on = (iso: string) => instant(iso);
  return (
    <div className="mt-3 rounded border border-slate-200 bg-slate-50 px-3 py-2 text-sm" data-testid="since-last">
      <p className="font-medium">
        Since the last decision ({DECISION_NAMES[sinceLast.decision]} on {on(sinceLast.at)})
      </p>
      {sinceLast.checklist?.sameStage === false ? (
        <p className="text-slate-600">That decision was taken at another gate; its checklist is under Decisions.</p>
      ) : null}
      <ul className="mt-1 list-disc pl-5">
        {sinceLast.checklist?.nowMet.map((l) => (
          <li key={`m-${l}`}>Now met: {l}</li>
        ))}
        {sinceLast.checklist?.nowUnmet.map((l) => (
          <li key={`u-${l}`}>No longer met: {l}</li>
        ))}
        {sinceLast.checklist?.added.map((l) => (
          <li key={`a-${l}`}>New criterion: {l}</li>
        ))}
        {sinceLast.checklist?.removed.map((l) => (
          <li key={`r-${l}`}>Criterion removed: {l}</li>
        ))}
        {sinceLast.artifacts.map((a) => (
          <li key={`art-${a.id}`}>
            {ARTIFACT_KIND_NAMES[a.kind as keyof typeof ARTIFACT_KIND_NAMES] ?? a.kind}: {a.change}
            {a.from ? ` (${a.from} → ${a.to})` : ""}
            {a.versions ? (
              <>
                {" "}
                <Link to={`/artifacts/${a.id}?from=${a.versions.from}&to=${a.versions.to}#changes`} className="text-brand underline">
                  See what changed
                </Link>
              </>
            ) : null}
          </li>
        ))}
        {sinceLast.facts.map((c, i) => (
          <li key={`fact-${i}-${c.field}`} data-testid="since-fact">
            <ChangedValue change={c} />
          </li>
        ))}
        {sinceLast.metrics.map((c) => (
          <li key={`metric-${c.field}`} data-testid="since-metric">
            <ChangedValue change={c} />
          </li>
        ))}
        {!sinceLast.artifacts.length &&
        !sinceLast.facts.length &&
        !sinceLast.metrics.length &&
        !(
          sinceLast.checklist?.nowMet.length ||
          sinceLast.checklist?.nowUnmet.length ||
          sinceLast.checklist?.added.length ||
          sinceLast.checklist?.removed.length
        ) ? (
          <li>Nothing has changed.</li>
        ) : null}
      </ul>
    </div>
  );
}

/** The review waiting for its deciders: who asked, who signed what, and its open threads. */
export function PendingReview({ review, quorum, projectKey }: { review: NonNullable<Overview["pendingReview"]>; quorum: number; projectKey: string }) {
  const instant = useInstant();
  const on = (iso: string) => instant(iso);
  return (
    <div className="mt-3 rounded bg-brand-light px-3 py-2 text-sm" data-testid="pending-review">
      <p>
        Review requested by {review.requestedBy ?? "someone"} on {on(review.requestedAt)}.{quorum > 1 ? ` ${quorum} deciders must sign the same decision.` : ""}
      </p>
      {review.signatures.length > 0 ? (
        <ul className="mt-1 space-y-0.5">
          {review.signatures.map((sig) => (
            <li key={sig.userId}>
              <span className={sig.void ? "line-through" : undefined}>
                <span className="font-medium">{sig.name}</span> signed {DECISION_NAMES[sig.kind]} on {on(sig.signedAt)}: “{sig.rationale}”
              </span>
              {sig.dissent ? <span className="text-slate-600"> (disagrees and commits: {sig.dissent})</span> : null}
              {sig.void ? <span className="text-warn"> No longer counts: {sig.void}.</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
      <p className="mt-1" data-testid="review-threads">
        {review.openThreads.length === 0 ? "No open threads on this review. " : `Open threads on this review (${review.openThreads.length}): `}
        {review.openThreads.map((t) => (
          <span key={t.id}>
            <Link to={projectTab(projectKey, "discussion", `thread-${t.id}`)} className="text-brand underline">
              {t.author.name}: {t.body.length > 60 ? `${t.body.slice(0, 60)}…` : t.body}
            </Link>{" "}
          </span>
        ))}
        <Link to={projectTab(projectKey, "discussion", "new-thread")} className="text-brand underline">
          Discuss this review
        </Link>
      </p>
    </div>
  );
}

/** The few most relevant lessons of earlier projects that stopped or recycled at this stage. */
export function StageLessons({ lessons, stage }: { lessons: Overview["lessons"]; stage: StageKey }) {
  return (
    <Section id="lessons" title={`Lessons from earlier projects at ${STAGE_NAMES[stage]}`}>
      <ul className="mt-2 space-y-2 text-sm" data-testid="stage-lessons">
        {lessons.map((l) => (
          <li key={l.id}>
            <p className="whitespace-pre-wrap">{l.text}</p>
            <p className="text-slate-600">
              {l.outcome === "stop" ? "Stopped" : "Recycled"} here:{" "}
              <Link to={`/projects/${l.project.key}/retrospectives`} className="text-brand underline">
                {l.project.key} {l.project.title}
              </Link>
              {l.project.team ? ` · ${l.project.team}` : ""}
            </p>
          </li>
        ))}
      </ul>
      <p className="mt-2 text-sm">
        <Link to={`/lessons?stage=${stage}`} className="text-brand underline">
          All lessons at this stage
        </Link>
      </p>
    </Section>
  );
}

/** Who runs the result once the project is done: the fact the Done-Done gate asks for, named here. */
export function SteadyOwnerForm({ current, people }: { current: string | null; people: { id: string; name: string; role: string }[] }) {
  const { form, fields, saved } = useIntentForm<{ userId: string }>("steady_owner", SteadyOwnerSchema, {
    id: "steady-owner",
    defaultValue: { userId: current ?? "" },
  });
  return (
    <Form method="post" className="mt-3 flex flex-wrap items-end gap-2 border-t border-slate-100 pt-3 text-sm" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="steady_owner" />
      <SelectField label="Steady-state owner" errors={fields.userId.errors} {...getSelectProps(fields.userId)} id={fields.userId.id}>
        <option value="">Nobody yet</option>
        {people
          .filter((p) => p.role !== "viewer")
          .map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
      </SelectField>
      <Button type="submit" variant="secondary">
        Save owner
      </Button>
      <FormErrors id={form.errorId} errors={form.errors} />
      {saved ? (
        <p role="status" className="w-full text-ok">
          Steady-state owner saved.
        </p>
      ) : null}
    </Form>
  );
}

export function ForkSection({ customer }: { customer: string | null }) {
  const { form, fields, replied } = useIntentForm<{ title: string; customer: string; problem: string }>("fork", ForkSchema, {
    defaultValue: { customer: customer ?? "" },
  });
  return (
    <Section id="fork-heading" title="Fork cut scope">
      <p className="mt-1 text-sm text-slate-600">Scope cut from the plan becomes its own project at stage 1, linked to this one.</p>
      <Disclosure summary="Fork scope into a new project" open={replied}>
        <Form method="post" className="mt-3 space-y-3" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="fork" />
          <TextField label="Title of the forked project" errors={fields.title.errors} {...getInputProps(fields.title, { type: "text" })} id={fields.title.id} />
          <TextField label="Customer" errors={fields.customer.errors} {...getInputProps(fields.customer, { type: "text" })} id={fields.customer.id} />
          <TextAreaField label="Problem it addresses" errors={fields.problem.errors} {...getTextareaProps(fields.problem)} id={fields.problem.id} />
          <FormErrors id={form.errorId} errors={form.errors} />
          <Button type="submit" variant="secondary">
            Fork into a new project
          </Button>
        </Form>
      </Disclosure>
    </Section>
  );
}

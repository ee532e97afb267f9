// A COE's record (issue 26, items 3 and 4): the customer impact with the metric that shows it,
// the timeline in the reader's time zone, why-chains, root causes each with a category from the
// organisation's list, and action items owned by people. The form works before JavaScript loads
// (fixed rows, blanks ignored). A recurring root cause is said here, on both COEs.
import { getFormProps, getTextareaProps } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { useId } from "react";
import { Button, FormErrors, SelectField, TextAreaField, TextField } from "~/components/ui/field";
import { useIntentForm } from "~/components/ui/intent-form";
import { Section } from "~/components/ui/section";
import { CHAIN_ROWS, chainDeepEnough, CoeRecordFormSchema, ReviewRecurrenceSchema, ROOT_CAUSE_ROWS, WHYS_PER_CHAIN } from "~/modules/learning/coe";
import { coeRecordPage, reviewRecurrence, saveCoeRecord } from "~/modules/learning/coe.server";
import { BLANK_ACTION_ROWS } from "~/modules/learning/retrospective";
import { type Person } from "~/modules/people/authorize";
import { requireUserWithPermission } from "~/utils/auth.server";
import { formatDay } from "~/utils/dates";
import { prisma } from "~/utils/db.server";
import { forbidden, notFound } from "~/utils/http.server";
import { dispatchIntent, submitIntent, type IntentAction } from "~/utils/intent.server";
import { lookOf } from "~/utils/time-zone.server";
import { coeRecordPageData, mayWriteCoe } from "~/modules/learning/coe-page.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `COE record: ${data.artifact.title} · Gatepath` : "COE record · Gatepath" }];

async function load(id: string | undefined) {
  const page = id && id.length <= 40 ? await coeRecordPage(prisma, id) : null;
  if (!page) throw notFound("There is no such COE.");
  return page;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "project:read");
  const page = await load(params.id);
  const { timeZone } = await lookOf(prisma, request, user.id);
  return json(await coeRecordPageData(user, page, timeZone));
}

type Context = { user: Person; artifactId: string; timeZone: string; may: boolean };

const INTENTS: Record<string, IntentAction<Context>> = {
  record: ({ user, artifactId, timeZone, may }, form, intent) => {
    // Who may, before what they sent (the module checks again in its transaction).
    if (!may) throw forbidden("Only the COE's author, the project's owner and contributors, and administrators keep its record.");
    return submitIntent(form, intent, CoeRecordFormSchema, (v) => saveCoeRecord(prisma, user, artifactId, v, timeZone), {
      to: `/artifacts/${artifactId}/record`,
      message: (_v, r) =>
        r.recurring > 0 ? "Record saved. A root cause falls in a category an earlier COE had fixed: it is flagged recurring." : "Record saved.",
    });
  },
  recurrence_reviewed: ({ user, artifactId, may }, form, intent) => {
    if (!may) throw forbidden("Only the COE's author, the project's owner and contributors, and administrators review it.");
    return submitIntent(form, intent, ReviewRecurrenceSchema, () => reviewRecurrence(prisma, user, artifactId), {
      to: `/artifacts/${artifactId}/record#recurrence`,
      message: () => "Marked reviewed: its action items were looked at again.",
    });
  },
};

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, "project:write");
  const page = await load(params.id);
  const { timeZone } = await lookOf(prisma, request, user.id);
  return dispatchIntent(await request.formData(), INTENTS, { user, artifactId: page.artifact.id, timeZone, may: mayWriteCoe(user, page.artifact) });
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

function RecordForm({ data }: { data: Data }) {
  const busy = useNavigation().state === "submitting";
  const id = useId();
  const { record, actions, categories, people, metrics } = data;
  const { form, fields } = useIntentForm<{ impactCount: string; impactMetricId: string; lesson: string }>("record", CoeRecordFormSchema, {
    defaultValue: { lesson: data.lesson ?? "" },
  });
  // Rows are fixed fields, not a list conform grows: each row's errors are read by its name.
  const errorsOf = (name: string) => form.allErrors[name];
  const chains = record?.whyChains ?? [];
  const causes = record?.rootCauses ?? [];
  return (
    <Form method="post" className="mt-2 max-w-4xl space-y-5" {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="record" />
      <fieldset className="grid gap-3 sm:grid-cols-2">
        <legend className="text-sm font-medium">Customer impact</legend>
        <TextField
          id={`${id}-impact`}
          name="impactCount"
          type="number"
          min={0}
          inputMode="numeric"
          label="Customers affected"
          defaultValue={record?.impactCount ?? ""}
          errors={errorsOf("impactCount")}
        />
        <SelectField
          id={`${id}-metric`}
          name="impactMetricId"
          label="The metric that shows it"
          defaultValue={record?.impactMetric?.id ?? ""}
          errors={errorsOf("impactMetricId")}
        >
          <option value="">None of this project&apos;s metrics</option>
          {metrics.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </SelectField>
      </fieldset>
      <fieldset className="grid gap-3 sm:grid-cols-4">
        <legend className="text-sm font-medium">Timeline (your time zone: {data.timeZone})</legend>
        {(
          [
            ["startedAt", "Started"],
            ["detectedAt", "Detected"],
            ["mitigatedAt", "Mitigated"],
            ["resolvedAt", "Resolved (optional)"],
          ] as const
        ).map(([name, label]) => (
          <TextField
            key={name}
            id={`${id}-${name}`}
            name={name}
            type="datetime-local"
            label={label}
            defaultValue={record?.moments[name] ?? ""}
            errors={errorsOf(name)}
          />
        ))}
      </fieldset>
      <fieldset className="space-y-3">
        <legend className="text-sm font-medium">Why-chains: a problem, then why, and why again (five deep, or a last why starting &ldquo;Stop:&rdquo;)</legend>
        <FormErrors id={`${id}-chains-error`} errors={errorsOf("chains")} />
        {Array.from({ length: Math.max(CHAIN_ROWS, chains.length + 1) }, (_, c) => (
          <div key={c} className="space-y-2 rounded border border-slate-100 p-2" data-testid="why-chain">
            <TextField
              id={`${id}-c${c}-problem`}
              name={`chains[${c}].problem`}
              label={`Problem ${c + 1}`}
              defaultValue={chains[c]?.problem ?? ""}
              errors={errorsOf(`chains[${c}].problem`)}
            />
            <div className="grid gap-2 sm:grid-cols-5">
              {Array.from({ length: Math.max(WHYS_PER_CHAIN, chains[c]?.whys.length ?? 0) }, (_, w) => (
                <TextField
                  key={w}
                  id={`${id}-c${c}-w${w}`}
                  name={`chains[${c}].whys[${w}]`}
                  label={`Why ${w + 1}`}
                  defaultValue={chains[c]?.whys[w] ?? ""}
                  errors={errorsOf(`chains[${c}].whys[${w}]`)}
                />
              ))}
            </div>
          </div>
        ))}
      </fieldset>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">Root causes: a system or a process, never a person, each with its category</legend>
        <FormErrors id={`${id}-causes-error`} errors={errorsOf("rootCauses")} />
        {categories.length === 0 ? (
          <p className="text-sm text-warn">No root-cause categories exist yet: an administrator adds them under Root causes.</p>
        ) : null}
        {Array.from({ length: Math.max(ROOT_CAUSE_ROWS, causes.length + 1) }, (_, i) => (
          <div key={i} className="grid gap-2 sm:grid-cols-[3fr_1fr]" data-testid="root-cause">
            <TextField
              id={`${id}-rc${i}`}
              name={`rootCauses[${i}].text`}
              label={`Root cause ${i + 1}`}
              defaultValue={causes[i]?.text ?? ""}
              errors={errorsOf(`rootCauses[${i}].text`)}
            />
            <SelectField
              id={`${id}-rc${i}-category`}
              name={`rootCauses[${i}].categoryId`}
              label="Category"
              defaultValue={causes[i]?.categoryId ?? ""}
              errors={errorsOf(`rootCauses[${i}].categoryId`)}
            >
              <option value="">Choose…</option>
              {categories.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </SelectField>
          </div>
        ))}
      </fieldset>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">Action items: specific, owned and dated (leave a row empty to skip it)</legend>
        <FormErrors id={`${id}-actions-error`} errors={errorsOf("actions")} />
        {Array.from({ length: actions.length + BLANK_ACTION_ROWS }, (_, i) => {
          const saved = actions[i];
          return (
            <div key={i} className="grid gap-2 rounded border border-slate-100 p-2 sm:grid-cols-[2fr_1fr_10rem_1fr]" data-testid="action-row">
              <TextField
                id={`${id}-a${i}`}
                name={`actions[${i}].title`}
                label={`Action ${i + 1}`}
                defaultValue={saved?.title ?? ""}
                errors={errorsOf(`actions[${i}].title`)}
              />
              <SelectField
                id={`${id}-a${i}-owner`}
                name={`actions[${i}].ownerId`}
                label="Owner"
                defaultValue={saved?.ownerId ?? ""}
                errors={errorsOf(`actions[${i}].ownerId`)}
              >
                <option value="">Choose…</option>
                {people.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </SelectField>
              <TextField
                id={`${id}-a${i}-due`}
                name={`actions[${i}].dueDate`}
                type="date"
                label="Due"
                defaultValue={saved?.dueDate?.slice(0, 10) ?? ""}
                errors={errorsOf(`actions[${i}].dueDate`)}
              />
              <TextField
                id={`${id}-a${i}-link`}
                name={`actions[${i}].link`}
                type="url"
                label="Ticket link"
                defaultValue={saved?.ticketUrl ?? ""}
                errors={errorsOf(`actions[${i}].link`)}
              />
            </div>
          );
        })}
      </fieldset>
      <TextAreaField
        {...getTextareaProps(fields.lesson)}
        id={`${id}-lesson`}
        label="The lesson, for the library (optional)"
        hint="What other teams should know: it is tagged with this COE's stage, team and first root cause's category."
        rows={3}
        errors={fields.lesson.errors}
      />
      <Button type="submit" disabled={busy}>
        Save record
      </Button>
    </Form>
  );
}

function RecordView({ data }: { data: Data }) {
  const r = data.record;
  if (!r) return <p className="mt-2 text-sm text-slate-600">No record yet. The COE&apos;s author, the project&apos;s owner and contributors fill it in.</p>;
  return (
    <dl className="mt-2 space-y-2 text-sm">
      <dt className="font-medium">Customer impact</dt>
      <dd>
        {r.impactCount.toLocaleString("en")} customers{r.impactMetric ? `, shown by ${r.impactMetric.name}` : ""}
      </dd>
      <dt className="font-medium">Timeline</dt>
      <dd>
        Started {r.shown.startedAt} · detected {r.shown.detectedAt} · mitigated {r.shown.mitigatedAt}
        {r.shown.resolvedAt ? ` · resolved ${r.shown.resolvedAt}` : ""}
      </dd>
      <dt className="font-medium">Why-chains</dt>
      <dd>
        {r.whyChains.map((c, i) => (
          <div key={i}>
            <p>
              {c.problem}
              {chainDeepEnough(c) ? "" : " (not five deep, and it does not say why it stops)"}
            </p>
            <ol className="list-decimal pl-5">
              {c.whys.map((w, j) => (
                <li key={j}>{w}</li>
              ))}
            </ol>
          </div>
        ))}
      </dd>
      <dt className="font-medium">Root causes</dt>
      <dd>
        <ol className="list-decimal pl-5">
          {r.rootCauses.map((c, i) => (
            <li key={i}>
              {c.text} <span className="text-slate-600">({c.category.name})</span>
            </li>
          ))}
        </ol>
      </dd>
    </dl>
  );
}

export default function CoeRecordPage() {
  const data = useLoaderData<typeof loader>();
  const { artifact, record, recurs, recurredIn, writer } = data;
  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <p className="text-sm">
        <Link to={`/projects/${artifact.project.key}`} className="text-brand underline">
          {artifact.project.key} {artifact.project.title}
        </Link>{" "}
        ›{" "}
        <Link to={`/artifacts/${artifact.id}`} className="text-brand underline">
          {artifact.title}
        </Link>
      </p>
      <h1 className="text-2xl font-bold">
        COE record: {artifact.title}
        {record?.recurring ? (
          <span className="ml-2 rounded bg-bad-light px-2 py-0.5 align-middle text-sm font-semibold text-bad" data-testid="recurring">
            Recurring root cause
          </span>
        ) : null}
      </h1>
      {recurs.length > 0 || recurredIn.length > 0 ? (
        <Section id="recurrence" title="Once fixed, it remains fixed?">
          <ul className="mt-2 list-disc pl-5 text-sm" data-testid="recurrence-list">
            {recurs.map((r) => (
              <li key={`${r.coe.id}-${r.category}`}>
                {r.category}: an earlier COE had closed it,{" "}
                <Link to={`/artifacts/${r.coe.id}/record`} className="text-brand underline">
                  {r.coe.title} ({r.coe.projectKey})
                </Link>
              </li>
            ))}
            {recurredIn.map((r) => (
              <li key={`${r.coe.id}-${r.category}`}>
                {r.category} came back in a later COE,{" "}
                <Link to={`/artifacts/${r.coe.id}/record`} className="text-brand underline">
                  {r.coe.title} ({r.coe.projectKey})
                </Link>
                : are this COE&apos;s action items still enough?
              </li>
            ))}
          </ul>
          {record?.reopenedAt && writer ? (
            <Form method="post" className="mt-2">
              <input type="hidden" name="intent" value="recurrence_reviewed" />
              <Button type="submit" variant="secondary">
                I reviewed its action items
              </Button>
            </Form>
          ) : null}
        </Section>
      ) : null}
      <Section id="coe-record" title="Impact, timeline, why-chains and root causes">
        {writer ? <RecordForm data={data} /> : <RecordView data={data} />}
      </Section>
      {!writer ? (
        <Section id="actions" title="Action items">
          {data.actions.length === 0 ? (
            <p className="mt-2 text-sm text-slate-600">No action items yet.</p>
          ) : (
            <ul className="mt-2 text-sm">
              {data.actions.map((a) => (
                <li key={a.id}>
                  {a.title} · {a.ownerName ?? "no owner"} · {a.dueDate ? `due ${formatDay(a.dueDate)}` : "no date"}
                  {a.doneAt ? " · done" : ""}
                </li>
              ))}
            </ul>
          )}
        </Section>
      ) : null}
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";

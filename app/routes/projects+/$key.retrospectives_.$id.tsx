// One retrospective (issue 26, item 2): what we expected, what happened, why (a why-chain), what
// we would do differently, and action items with an owner and a date. The project's owner writes
// it (a form that works before JavaScript loads: fixed rows for whys and actions, blanks ignored);
// everyone on the project discusses it in the threads of the gate review that opened it.
import { getFormProps, getTextareaProps } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { useId } from "react";
import { MentionTextarea } from "~/components/comments/mention-textarea";
import { digestHtml } from "~/components/comments/digest.server";
import { ThreadCard, ThreadForms } from "~/components/comments/thread";
import { Button, FormErrors, SelectField, TextAreaField, TextField } from "~/components/ui/field";
import { useIntentForm } from "~/components/ui/intent-form";
import { Section } from "~/components/ui/section";
import { StartThreadSchema } from "~/modules/comments/comment-form";
import { COMMENT_INTENTS, requireCommenter, type CommentContext } from "~/modules/comments/comment-intents.server";
import { editableComment, mentionPeople, projectThreads, startThread, threadsForPage } from "~/modules/comments/comments.server";
import { ActionDoneSchema, BLANK_ACTION_ROWS, RetrospectiveFormSchema, TRIGGER_NAMES, WHY_ROWS } from "~/modules/learning/retrospective";
import { findRetrospective, markActionItem, writeRetrospective } from "~/modules/learning/retrospectives.server";
import { STAGE_NAMES } from "~/modules/lifecycle/stages";
import { canComment, canMarkActionItem, mayOwnWork, whoMay } from "~/modules/people/authorize";
import { listUsers } from "~/modules/people/queries.server";
import { findProject, peopleOf, userMay, type PageProject } from "~/modules/projects/project-page.server";
import { projectTab } from "~/modules/projects/tabs";
import { requireUserWithPermission } from "~/utils/auth.server";
import { formatDay } from "~/utils/dates";
import { prisma } from "~/utils/db.server";
import { forbidden, notFound } from "~/utils/http.server";
import { islandsOf } from "~/utils/islands";
import { dispatchIntent, submitIntent, type IntentAction } from "~/utils/intent.server";
import { lookOf } from "~/utils/time-zone.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Retrospective (${TRIGGER_NAMES[data.retro.trigger]}) · ${data.project.key} · Gatepath` : "Retrospective · Gatepath" },
];

async function load(key: string | undefined, id: string | undefined) {
  const project = await findProject(key);
  const retro = id && id.length <= 40 ? await findRetrospective(prisma, project.id, id) : null;
  if (!retro) throw notFound("There is no such retrospective on this project.");
  return { project, retro };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "project:read");
  const { project, retro } = await load(params.key, params.id);
  const mayWrite = userMay(user, project, "write_retrospective");
  const mayComment = canComment(user);
  const { timeZone } = await lookOf(prisma, request, user.id);
  const islands = islandsOf(context);
  const search = new URL(request.url).searchParams;
  const subject = { onDocument: false, documentAuthorId: null, reviewerId: null, ownerId: project.owner?.id ?? null, proposerId: project.proposer?.id ?? null };
  const threads = (await projectThreads(prisma, project.id)).filter((t) => t.reviewId === retro.reviewId);
  const people = peopleOf(project);
  return json({
    project: { key: project.key, title: project.title },
    retro: {
      ...retro,
      actions: retro.actions.map((a) => ({ ...a, mayMark: canMarkActionItem(user, people, a) })),
    },
    mayWrite,
    // An action item's owner is someone who may act on it: never a viewer (authorize.ts).
    owners: mayWrite ? (await listUsers(prisma)).filter(mayOwnWork) : [],
    threads: threadsForPage(user, threads, subject, search.get("thread"), (t) => {
      const html = digestHtml(t, timeZone);
      if (!islands) return html;
      islands.set(`thread:${t.id}`, html);
      return null;
    }),
    viewer: {
      id: user.id,
      mayComment,
      people: mayComment ? await mentionPeople(prisma) : [],
      editing: await editableComment(prisma, user, search.get("edit")),
    },
  });
}

type Context = CommentContext & { project: PageProject; retroId: string; reviewId: string };

const INTENTS: Record<string, IntentAction<Context>> = {
  write: ({ user, here, project, retroId }, form, intent) => {
    // Who may, before what they sent (the module checks again in its transaction).
    if (!userMay(user, project, "write_retrospective")) throw forbidden(`Only ${whoMay("write_retrospective")} write its retrospective.`);
    return submitIntent(form, intent, RetrospectiveFormSchema, (v) => writeRetrospective(prisma, user, project.id, retroId, v), {
      to: here,
      message: () => "Retrospective saved; what you would do differently is now in the lessons library.",
    });
  },
  action_done: ({ user, here, project }, form, intent) => {
    if (user.role === "viewer") throw forbidden("Viewers read action items; their owners mark them done.");
    return submitIntent(form, intent, ActionDoneSchema, (v) => markActionItem(prisma, user, project.id, v.actionId, v.done === "yes"), {
      to: `${here}#actions`,
      message: (v) => (v.done === "yes" ? "Action item marked done." : "Action item open again."),
    });
  },
  start_thread: ({ user, here, project, reviewId }, form, intent) => {
    requireCommenter(user);
    return submitIntent(form, intent, StartThreadSchema, (v) => startThread(prisma, user, { projectId: project.id, reviewId }, { body: v.body }), {
      to: `${here}#discussion`,
      message: () => "Comment added.",
    });
  },
  ...COMMENT_INTENTS,
};

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, "project:read");
  const { project, retro } = await load(params.key, params.id);
  return dispatchIntent(await request.formData(), INTENTS, {
    user,
    here: `/projects/${project.key}/retrospectives/${retro.id}`,
    project,
    retroId: retro.id,
    reviewId: retro.reviewId,
  });
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

function WriteForm({ retro, owners }: { retro: Data["retro"]; owners: Data["owners"] }) {
  const busy = useNavigation().state === "submitting";
  const id = useId();
  const { form, fields } = useIntentForm<{ expected: string; happened: string; whys: string[]; differently: string; actions: Record<string, string>[] }>(
    "write",
    RetrospectiveFormSchema,
    {
      defaultValue: {
        expected: retro.expected ?? "",
        happened: retro.happened ?? "",
        differently: retro.differently ?? "",
        whys: retro.whys,
        actions: retro.actions.map((a) => ({ title: a.title, ownerId: a.ownerId, dueDate: a.dueDate.slice(0, 10), link: a.link ?? "" })),
      },
    },
  );
  // Rows are fixed fields, not a list conform grows: each row's errors are read by its name.
  const errorsOf = (name: string) => form.allErrors[name];
  const whyRows = Math.max(WHY_ROWS, retro.whys.length + 1);
  const actionRows = retro.actions.length + BLANK_ACTION_ROWS;
  return (
    <Form method="post" className="mt-2 max-w-3xl space-y-4" {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="write" />
      <TextAreaField {...getTextareaProps(fields.expected)} id={`${id}-expected`} label="What we expected" rows={3} errors={fields.expected.errors} />
      <TextAreaField {...getTextareaProps(fields.happened)} id={`${id}-happened`} label="What happened" rows={3} errors={fields.happened.errors} />
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">Why? Ask it again of each answer (a why-chain)</legend>
        <FormErrors id={fields.whys.errorId} errors={fields.whys.errors} />
        {Array.from({ length: whyRows }, (_, i) => (
          <TextField
            key={i}
            id={`${id}-why-${i}`}
            name={`whys[${i}]`}
            label={`Why ${i + 1}`}
            defaultValue={retro.whys[i] ?? ""}
            errors={errorsOf(`whys[${i}]`)}
          />
        ))}
      </fieldset>
      <TextAreaField
        {...getTextareaProps(fields.differently)}
        id={`${id}-differently`}
        label="What we would do differently"
        hint="This becomes the lesson later projects at this stage read."
        rows={3}
        errors={fields.differently.errors}
      />
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">Action items: each with an owner and a due date (leave a row empty to skip it)</legend>
        <FormErrors id={fields.actions.errorId} errors={fields.actions.errors} />
        {Array.from({ length: actionRows }, (_, i) => {
          const saved = retro.actions[i];
          return (
            <div key={i} className="grid gap-2 rounded border border-slate-100 p-2 sm:grid-cols-[2fr_1fr_10rem_1fr]" data-testid="action-row">
              <TextField
                id={`${id}-a${i}-title`}
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
                {owners.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </SelectField>
              <TextField
                id={`${id}-a${i}-due`}
                name={`actions[${i}].dueDate`}
                type="date"
                label="Due"
                defaultValue={saved?.dueDate.slice(0, 10) ?? ""}
                errors={errorsOf(`actions[${i}].dueDate`)}
              />
              <TextField
                id={`${id}-a${i}-link`}
                name={`actions[${i}].link`}
                type="url"
                label="Ticket link"
                defaultValue={saved?.link ?? ""}
                errors={errorsOf(`actions[${i}].link`)}
              />
            </div>
          );
        })}
      </fieldset>
      <Button type="submit" disabled={busy}>
        Save retrospective
      </Button>
    </Form>
  );
}

function ActionItems({ retro }: { retro: Data["retro"] }) {
  if (retro.actions.length === 0) return <p className="mt-2 text-sm text-slate-600">No action items yet.</p>;
  return (
    <ul className="mt-2 divide-y divide-slate-100 text-sm">
      {retro.actions.map((a) => (
        <li key={a.id} className="flex flex-wrap items-center gap-2 py-2" data-action-item={a.doneAt ? "done" : "open"}>
          <span className={a.doneAt ? "line-through" : undefined}>{a.title}</span>
          <span className="text-slate-600">
            · {a.owner.name} · due {formatDay(a.dueDate)}
            {a.doneAt ? " · done" : ""}
          </span>
          {a.link ? (
            <a href={a.link} className="text-brand underline" rel="noreferrer">
              ticket
            </a>
          ) : null}
          {a.mayMark ? (
            <Form method="post" className="ml-auto">
              <input type="hidden" name="intent" value="action_done" />
              <input type="hidden" name="actionId" value={a.id} />
              <input type="hidden" name="done" value={a.doneAt ? "no" : "yes"} />
              <Button type="submit" variant="secondary">
                {a.doneAt ? "Open again" : "Mark done"}
              </Button>
            </Form>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

export default function RetrospectivePage() {
  const { project, retro, mayWrite, owners, threads, viewer } = useLoaderData<typeof loader>();
  const busy = useNavigation().state === "submitting";
  const id = useId();
  const start = useIntentForm<{ body: string }>("start_thread", StartThreadSchema);
  return (
    <div className="space-y-6">
      <Section id="retrospective" title={`Retrospective: ${TRIGGER_NAMES[retro.trigger]} at ${STAGE_NAMES[retro.stage]}`}>
        <p className="text-sm text-slate-600">
          {retro.required ? "Required by the playbook before the project closes. " : "Not required by the playbook; worth writing while it is fresh. "}
          {retro.writtenAt ? `Written by ${retro.writtenBy?.name ?? "someone"} on ${formatDay(retro.writtenAt)}.` : "Not written yet."}{" "}
          <Link to={projectTab(project.key, "retrospectives")} className="text-brand underline">
            All retrospectives of {project.key}
          </Link>
        </p>
        {mayWrite ? (
          <WriteForm retro={retro} owners={owners} />
        ) : retro.writtenAt ? (
          <dl className="mt-2 space-y-2 text-sm">
            <dt className="font-medium">What we expected</dt>
            <dd className="whitespace-pre-wrap">{retro.expected}</dd>
            <dt className="font-medium">What happened</dt>
            <dd className="whitespace-pre-wrap">{retro.happened}</dd>
            <dt className="font-medium">Why</dt>
            <dd>
              <ol className="list-decimal pl-5">
                {retro.whys.map((w, i) => (
                  <li key={i}>{w}</li>
                ))}
              </ol>
            </dd>
            <dt className="font-medium">What we would do differently</dt>
            <dd className="whitespace-pre-wrap">{retro.differently}</dd>
          </dl>
        ) : (
          <p className="mt-2 text-sm text-slate-600">The project&apos;s owner has not written it yet. You can already discuss it below.</p>
        )}
      </Section>
      <Section id="actions" title={`Action items (${retro.actions.filter((a) => !a.doneAt).length} open)`}>
        <ActionItems retro={retro} />
      </Section>
      <Section id="discussion" title="Discussion">
        {viewer.mayComment ? (
          <Form method="post" className="mt-2 max-w-2xl space-y-2" {...getFormProps(start.form)}>
            <FormErrors errors={start.form.errors} />
            <input type="hidden" name="intent" value="start_thread" />
            <MentionTextarea
              {...getTextareaProps(start.fields.body)}
              id={`${id}-body`}
              label="Your comment"
              errors={start.fields.body.errors}
              people={viewer.people}
            />
            <Button type="submit" disabled={busy}>
              Comment
            </Button>
          </Form>
        ) : null}
        <ThreadForms />
        {threads.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">No comments yet.</p>
        ) : (
          <div className="mt-2 space-y-3">
            {threads.map((t) => (
              <ThreadCard key={t.id} thread={t} viewer={viewer} />
            ))}
          </div>
        )}
      </Section>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";

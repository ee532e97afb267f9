// The project page's discussion tab (issue 24, item 6): threads on the project itself and on each
// of its gate reviews, with the same replies, mentions and resolution as a document's comments.
import { getFormProps, getSelectProps, getTextareaProps } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useLoaderData, useNavigation } from "@remix-run/react";
import { useId } from "react";
import { MentionTextarea } from "~/components/comments/mention-textarea";
import { digestHtml } from "~/components/comments/digest.server";
import { ThreadCard, ThreadForms } from "~/components/comments/thread";
import { lookOf } from "~/utils/time-zone.server";
import { islandsOf } from "~/utils/islands";
import { Button, FormErrors, SelectField } from "~/components/ui/field";
import { useIntentForm } from "~/components/ui/intent-form";
import { Instant } from "~/components/ui/instant";
import { Section } from "~/components/ui/section";
import { StartThreadSchema } from "~/modules/comments/comment-form";
import { COMMENT_INTENTS, requireCommenter, type CommentContext } from "~/modules/comments/comment-intents.server";
import { editableComment, mentionPeople, projectDiscussion, startThread, threadsForPage } from "~/modules/comments/comments.server";
import { DECISION_NAMES, STAGE_NAMES } from "~/modules/lifecycle/stages";
import { canComment } from "~/modules/people/authorize";
import { requireUserWithPermission } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { notFound } from "~/utils/http.server";
import { dispatchIntent, submitIntent, type IntentAction } from "~/utils/intent.server";

async function load(key: string | undefined) {
  const found = key ? await projectDiscussion(prisma, key) : null;
  if (!found) throw notFound("There is no such project.");
  return found;
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "project:read");
  const { project, threads } = await load(params.key);
  const mayComment = canComment(user);
  const { timeZone } = await lookOf(prisma, request, user.id);
  const islands = islandsOf(context);
  const subject = { onDocument: false, documentAuthorId: null, reviewerId: null, ownerId: project.ownerId, proposerId: project.proposerId };
  return json({
    reviews: project.gateReviews,
    threads: threadsForPage(user, threads, subject, new URL(request.url).searchParams.get("thread"), (t) => {
      const html = digestHtml(t, timeZone);
      // Rendered here, a closed card goes into the HTML only (utils/islands.tsx).
      if (!islands) return html;
      islands.set(`thread:${t.id}`, html);
      return null;
    }),
    viewer: {
      id: user.id,
      mayComment,
      people: mayComment ? await mentionPeople(prisma) : [],
      editing: await editableComment(prisma, user, new URL(request.url).searchParams.get("edit")),
    },
  });
}

type Context = CommentContext & { projectId: string };

const INTENTS: Record<string, IntentAction<Context>> = {
  start_thread: ({ user, here, projectId }, form, intent) => {
    requireCommenter(user);
    return submitIntent(
      form,
      intent,
      StartThreadSchema,
      (v) => startThread(prisma, user, { projectId, reviewId: v.about && v.about !== "project" ? v.about : null }, { body: v.body }),
      { to: here, message: () => "Thread started." },
    );
  },
  ...COMMENT_INTENTS,
};

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, "project:read");
  const { project } = await load(params.key);
  return dispatchIntent(await request.formData(), INTENTS, { user, here: `/projects/${project.key}/discussion`, projectId: project.id });
}

export default function ProjectDiscussion() {
  const { reviews, threads, viewer } = useLoaderData<typeof loader>();
  const busy = useNavigation().state === "submitting";
  const id = useId();
  const start = useIntentForm<{ body: string; about: string }>("start_thread", StartThreadSchema, {
    defaultValue: { about: reviews.find((r) => !r.decidedAt)?.id ?? "project" },
  });
  const reviewName = (r: (typeof reviews)[number]) =>
    `the ${STAGE_NAMES[r.stage]} gate review${r.decision ? ` (${DECISION_NAMES[r.decision]})` : r.decidedAt ? " (decided)" : " (open)"}`;
  const groups = [
    { key: "project", title: "On the project", list: threads.filter((t) => t.reviewId === null) },
    ...reviews.map((r) => ({ key: r.id, title: `On ${reviewName(r)}`, requestedAt: r.requestedAt, list: threads.filter((t) => t.reviewId === r.id) })),
  ].filter((g) => g.key === "project" || g.list.length > 0);
  return (
    <div className="space-y-6">
      {viewer.mayComment ? (
        <Section id="new-thread" title="Start a thread">
          <Form method="post" className="mt-2 max-w-2xl space-y-2" {...getFormProps(start.form)}>
            <FormErrors errors={start.form.errors} />
            <input type="hidden" name="intent" value="start_thread" />
            <SelectField {...getSelectProps(start.fields.about)} id={`${id}-about`} label="About" errors={start.fields.about.errors}>
              <option value="project">The project</option>
              {reviews.map((r) => (
                <option key={r.id} value={r.id}>
                  {reviewName(r).replace(/^the /, "The ")}
                </option>
              ))}
            </SelectField>
            <MentionTextarea
              {...getTextareaProps(start.fields.body)}
              id={`${id}-body`}
              label="Your comment"
              errors={start.fields.body.errors}
              people={viewer.people}
            />
            <Button type="submit" disabled={busy}>
              Start thread
            </Button>
          </Form>
        </Section>
      ) : null}
      <ThreadForms />
      {groups.map((g) => (
        <Section key={g.key} id={`threads-${g.key}`} title={`${g.title} (${g.list.filter((t) => !t.resolved).length} open)`}>
          {"requestedAt" in g && g.requestedAt ? (
            <p className="text-sm text-slate-600">
              Requested <Instant value={g.requestedAt} />
            </p>
          ) : null}
          {g.list.length === 0 ? (
            <p className="mt-2 text-sm text-slate-600">No threads yet. Ask a question, raise a risk, or mention someone with @ to bring them in.</p>
          ) : (
            <div className="mt-2 space-y-3">
              {g.list.map((t) => (
                <ThreadCard key={t.id} thread={t} viewer={viewer} />
              ))}
            </div>
          )}
        </Section>
      ))}
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";

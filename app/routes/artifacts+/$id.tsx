import { getFormProps, getSelectProps, getTextareaProps } from "@conform-to/react";
import { Instant } from "~/components/ui/instant";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { useId } from "react";
import { ArtifactStateBadge, CheckMark } from "~/components/ui/badges";
import { Button, FormErrors, SelectField, TextAreaField } from "~/components/ui/field";
import { ActionItemSchema, RequestReviewSchema, ReviewSchema, WithdrawSchema } from "~/modules/artifacts/artifact-form";
import { getArtifact, requestArtifactReview, reviewArtifact, setActionItemDone, withdrawArtifact } from "~/modules/artifacts/artifacts.server";
import { MarkReadSchema, StartThreadSchema } from "~/modules/comments/comment-form";
import { COMMENT_INTENTS, requireCommenter } from "~/modules/comments/comment-intents.server";
import { markRead, startThread } from "~/modules/comments/comments.server";
import { AnnotatedDocument } from "~/components/comments/annotated-document";
import { lookOf } from "~/utils/time-zone.server";
import { islandsOf } from "~/utils/islands";
import { ReadBy } from "~/components/comments/read-by";
import { ARTIFACT_KIND_NAMES, STAGE_NAMES } from "~/modules/lifecycle/stages";
import { requireUserWithPermission } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { IdParam } from "~/utils/params";
import { notFound } from "~/utils/http.server";
import { dispatchIntent, submitIntent, type IntentAction } from "~/utils/intent.server";
import { useIntentForm } from "~/components/ui/intent-form";
import type { Person } from "~/modules/people/authorize";
import { artifactPageData } from "~/modules/artifacts/artifact-page.server";
import { ActionItems, Reviews, VersionHistory } from "./__artifact-parts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.artifact.title} · Gatepath` : "Artifact · Gatepath" }];

async function load(id: string | undefined) {
  const parsed = IdParam.safeParse(id);
  const artifact = parsed.success ? await getArtifact(prisma, parsed.data) : null;
  if (!artifact) throw notFound("There is no such artifact.");
  return artifact;
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "project:read");
  const artifact = await load(params.id);
  const { timeZone } = await lookOf(prisma, request, user.id);
  // Rendered here, the document's blocks and the closed thread cards go into the HTML only (utils/islands.tsx).
  const islands = islandsOf(context);
  const island = (key: string, html: string) => (islands ? (islands.set(key, html), null) : html);
  return json(await artifactPageData(user, artifact, new URL(request.url).searchParams, timeZone, island));
}

type Context = { user: Person; artifactId: string; here: string };
const pageOf = (artifactId: string) => `/artifacts/${artifactId}`;

/** Every intent the artifact page's forms send, each to its own function. */
const INTENTS: Record<string, IntentAction<Context>> = {
  request_review: ({ user, artifactId }, form, intent) =>
    submitIntent(form, intent, RequestReviewSchema, (v) => requestArtifactReview(prisma, user, artifactId, v.reviewerId), {
      to: pageOf(artifactId),
      message: () => "Review requested: it is in the reviewer's My work.",
    }),
  review: ({ user, artifactId }, form, intent) =>
    submitIntent(form, intent, ReviewSchema, (v) => reviewArtifact(prisma, user, artifactId, v), {
      to: pageOf(artifactId),
      // The toast says what the gate does: an approval over failing checks is kept, but the gate does not count it.
      message: (v, result) =>
        v.outcome !== "approved"
          ? "Sent back to the author with your comment."
          : result.counts
            ? "Approved: this version now counts at its gate."
            : "Approved with your recorded reason. Its structural checks still fail, so the gate does not count it until a version passes them.",
    }),
  withdraw: ({ user, artifactId }, form, intent) =>
    submitIntent(form, intent, WithdrawSchema, (v) => withdrawArtifact(prisma, user, artifactId, v.reason), {
      to: pageOf(artifactId),
      message: () => "Withdrawn: it no longer counts at any gate.",
    }),
  action_item: ({ user, artifactId }, form, intent) =>
    submitIntent(form, intent, ActionItemSchema, (v) => setActionItemDone(prisma, user, artifactId, v.itemId, v.done)),
  start_thread: ({ user, artifactId, here }, form, intent) => {
    requireCommenter(user);
    return submitIntent(
      form,
      intent,
      StartThreadSchema,
      (v) =>
        startThread(
          prisma,
          user,
          { artifactId },
          { body: v.body, passage: v.quote ? { version: v.version!, exact: v.quote, prefix: v.prefix ?? "", suffix: v.suffix ?? "" } : null },
        ),
      { to: here, message: (v) => (v.quote ? "Comment added beside its passage." : "Comment added.") },
    );
  },
  mark_read: ({ user, artifactId, here }, form, intent) => {
    requireCommenter(user);
    return submitIntent(form, intent, MarkReadSchema, (v) => markRead(prisma, user, artifactId, v.version), {
      to: here,
      message: (v) => `Marked as read: version ${v.version}.`,
    });
  },
  ...COMMENT_INTENTS,
};

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, "project:read");
  const artifact = await load(params.id);
  // Back to the version the form was sent from.
  const version = new URL(request.url).searchParams.get("version");
  const here = `/artifacts/${artifact.id}${version && /^\d+$/.test(version) ? `?version=${version}` : ""}`;
  return dispatchIntent(await request.formData(), INTENTS, { user, artifactId: artifact.id, here });
}

/** An instant of the artifact's history, in the person's zone with the time. */
function when(date: string | Date | null) {
  return date ? <Instant value={date} time /> : null;
}

export default function ArtifactPage() {
  const { artifact, shown, diff, can, reviewers, threads, reviewerThreads, prefill, viewer, readers } = useLoaderData<typeof loader>();
  const busy = useNavigation().state === "submitting";
  const id = useId();
  const review = useIntentForm<{ comment: string; overrideReason: string }>("review", ReviewSchema);
  const ask = useIntentForm<{ reviewerId: string }>("request_review", RequestReviewSchema, { defaultValue: { reviewerId: "" } });
  const withdraw = useIntentForm<{ reason: string }>("withdraw", WithdrawSchema);
  const actionItem = useIntentForm("action_item", ActionItemSchema);
  const newest = shown.version === artifact.version;
  return (
    <div className="mx-auto max-w-7xl space-y-6">
      <p className="text-sm">
        <Link to={`/projects/${artifact.project.key}/artifacts`} className="text-brand underline">
          ← {artifact.project.key} {artifact.project.title}
        </Link>
      </p>
      <header className="space-y-2">
        <h1 className="text-2xl font-bold">{shown.title}</h1>
        <p className="flex flex-wrap items-center gap-2 text-sm text-slate-700">
          <ArtifactStateBadge state={artifact.state} />
          <span>{ARTIFACT_KIND_NAMES[artifact.kind]}</span>·<span>for {STAGE_NAMES[artifact.stage]}</span>·<span>by {artifact.author}</span>·
          <span>version {artifact.version}</span>
          {artifact.reviewer ? <span>· reviewer {artifact.reviewer}</span> : null}
        </p>
        {artifact.approvedVersion !== null && artifact.state !== "approved" && artifact.state !== "withdrawn" ? (
          <p className="rounded bg-brand-light px-3 py-2 text-sm">
            Version {artifact.approvedVersion} is approved and is what the gate reads until a newer version is approved.{" "}
            <Link to={`?version=${artifact.approvedVersion}`} className="text-brand underline">
              Read version {artifact.approvedVersion}
            </Link>
          </p>
        ) : null}
        {artifact.state === "withdrawn" ? (
          <p className="rounded bg-bad-light px-3 py-2 text-sm text-bad" role="status">
            Withdrawn {when(artifact.withdrawnAt)}. It no longer counts at any gate.
          </p>
        ) : null}
        {artifact.reviewNote && artifact.state === "draft" ? (
          <div className="rounded border border-warn bg-warn-light px-3 py-2 text-sm" role="status" data-testid="review-comment">
            <p className="font-semibold">Sent back by the reviewer</p>
            <p className="whitespace-pre-wrap">{artifact.reviewNote}</p>
          </div>
        ) : null}
        {!newest ? (
          <p className="rounded bg-slate-100 px-3 py-2 text-sm">
            You are reading version {shown.version}.{" "}
            <Link to="?" className="text-brand underline">
              Read the newest (version {artifact.version})
            </Link>
          </p>
        ) : null}
        {can.write ? (
          <p>
            <Link to={`/artifacts/${artifact.id}/edit`} className="inline-block rounded bg-brand px-4 py-2 text-sm font-medium text-white hover:bg-brand-dark">
              Edit{artifact.state === "approved" ? " (makes a new draft)" : ""}
            </Link>
          </p>
        ) : null}
      </header>

      <AnnotatedDocument
        blocks={shown.blocks}
        threads={threads}
        version={shown.version}
        prefill={prefill}
        viewer={viewer}
        before={
          shown.url ? (
            <p>
              Lives at{" "}
              <a href={shown.url} className="break-all text-brand underline" rel="noopener noreferrer nofollow">
                {shown.url}
              </a>
            </p>
          ) : null
        }
        side={
          <>
            <section aria-labelledby={`${id}-checks`} className="rounded-lg border border-slate-200 bg-white p-3">
              <h2 id={`${id}-checks`} className="font-semibold">
                Checks of version {shown.version}
              </h2>
              {shown.checks.length === 0 ? (
                <p className="text-slate-600">No template checks for this kind{shown.url ? " (a link counts once approved)" : ""}.</p>
              ) : (
                <ul className="mt-2 space-y-2">
                  {shown.checks.map((c) => (
                    <li key={c.key} data-check={c.key} data-passed={c.passed}>
                      <CheckMark passed={c.passed} /> <span className="font-medium">{c.label}</span>
                      <span className="block text-xs text-slate-600">{c.detail}</span>
                    </li>
                  ))}
                </ul>
              )}
            </section>

            {can.review ? (
              <section aria-labelledby={`${id}-review`} className="rounded-lg border border-brand bg-white p-3">
                <h2 id={`${id}-review`} className="font-semibold">
                  Your review of version {artifact.version}
                </h2>
                {can.approve === "no" && can.blockedBy.checks ? (
                  <p className="mt-1 text-warn" data-testid="approve-refused">
                    This version fails its structural checks, so it cannot be approved: send it back saying what to fix.
                  </p>
                ) : can.approve === "no" ? (
                  <p className="mt-1 text-warn" data-testid="approve-refused">
                    {can.blockedBy.threads === 1 ? "1 comment thread is" : `${can.blockedBy.threads} comment threads are`} still open, and this gate&rsquo;s
                    playbook asks that they are resolved before approval: resolve them, or send it back.
                  </p>
                ) : can.approve === "with_reason" && can.blockedBy.checks ? (
                  <p className="mt-1 text-warn">
                    This version fails its structural checks. As an administrator you may approve it with a recorded reason; the gate still will not count it
                    until a version passes them.
                  </p>
                ) : can.approve === "with_reason" ? (
                  <p className="mt-1 text-warn">
                    {can.blockedBy.threads === 1 ? "1 comment thread is" : `${can.blockedBy.threads} comment threads are`} still open. As an administrator you
                    may approve it with a recorded reason.
                  </p>
                ) : null}
                <Form method="post" className="mt-2 space-y-2" {...getFormProps(review.form)}>
                  <FormErrors errors={review.form.errors} />
                  <input type="hidden" name="intent" value="review" />
                  <input type="hidden" name="version" value={artifact.version} />
                  <TextAreaField
                    {...getTextareaProps(review.fields.comment)}
                    id={`${id}-comment`}
                    label="Comment (needed to send back)"
                    errors={review.fields.comment.errors}
                  />
                  {can.approve === "with_reason" ? (
                    <TextAreaField
                      {...getTextareaProps(review.fields.overrideReason)}
                      id={`${id}-override`}
                      label={can.blockedBy.checks ? "Reason to approve although its checks fail" : "Reason to approve with threads open"}
                      errors={review.fields.overrideReason.errors}
                    />
                  ) : null}
                  <div className="flex gap-2">
                    {can.approve !== "no" ? (
                      <Button type="submit" name="outcome" value="approved" disabled={busy}>
                        {can.approve === "with_reason" ? "Approve anyway" : "Approve"}
                      </Button>
                    ) : null}
                    <Button type="submit" name="outcome" value="sent_back" variant="secondary" disabled={busy}>
                      Send back
                    </Button>
                  </div>
                </Form>
              </section>
            ) : null}

            {can.write && artifact.state !== "approved" && artifact.state !== "in_review" ? (
              <section aria-labelledby={`${id}-ask`} className="rounded-lg border border-slate-200 bg-white p-3">
                <h2 id={`${id}-ask`} className="font-semibold">
                  Ask for a review
                </h2>
                <Form method="post" className="mt-2 space-y-2" {...getFormProps(ask.form)}>
                  <FormErrors errors={ask.form.errors} />
                  <input type="hidden" name="intent" value="request_review" />
                  <SelectField {...getSelectProps(ask.fields.reviewerId)} id={`${id}-reviewer`} label="Reviewer" errors={ask.fields.reviewerId.errors}>
                    <option value="">Choose a reviewer</option>
                    {reviewers.map((r) => (
                      <option key={r.id} value={r.id}>
                        {r.name}
                      </option>
                    ))}
                  </SelectField>
                  <Button type="submit" disabled={busy}>
                    Request review
                  </Button>
                </Form>
              </section>
            ) : null}
            {artifact.state === "in_review" && !can.review ? (
              <p className="rounded bg-warn-light px-3 py-2">Waiting for {artifact.reviewer}&rsquo;s review.</p>
            ) : null}

            {can.write ? (
              <details className="rounded-lg border border-slate-200 bg-white p-3">
                <summary className="cursor-pointer font-semibold">Withdraw</summary>
                <Form method="post" className="mt-2 space-y-2" {...getFormProps(withdraw.form)}>
                  <FormErrors errors={withdraw.form.errors} />
                  <input type="hidden" name="intent" value="withdraw" />
                  <TextAreaField
                    {...getTextareaProps(withdraw.fields.reason)}
                    id={`${id}-reason`}
                    label="Why is it withdrawn?"
                    required
                    errors={withdraw.fields.reason.errors}
                  />
                  <p className="text-xs text-slate-600">
                    A withdrawn artifact stops counting at every gate; if a passed gate relied on it, the project shows gate debt.
                  </p>
                  <Button type="submit" variant="secondary" disabled={busy}>
                    Withdraw this artifact
                  </Button>
                </Form>
              </details>
            ) : null}
            <ReadBy
              readers={readers}
              version={shown.version}
              newest={artifact.version}
              me={viewer.id}
              mayMark={viewer.mayComment}
              reviewerThreads={reviewerThreads}
              reviewer={artifact.reviewer}
              readingMode={`/artifacts/${artifact.id}/read${newest ? "" : `?version=${shown.version}`}`}
            />
          </>
        }
      />

      {artifact.isCoe ? <ActionItems artifact={artifact} canWrite={can.write} busy={busy} errors={actionItem.form.errors} /> : null}

      <VersionHistory artifact={artifact} diff={diff} />

      <Reviews reviews={artifact.reviews} />
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";

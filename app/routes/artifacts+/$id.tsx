import { getFormProps, getSelectProps, getTextareaProps } from "@conform-to/react";
import { Instant } from "~/components/ui/instant";
import { formatDay } from "~/utils/dates";
import { canComment, canOnProject, canWriteArtifact } from "~/modules/people/authorize";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { isBefore } from "date-fns";
import { useId } from "react";
import { z } from "zod";
import { ArtifactStateBadge, CheckMark } from "~/components/ui/badges";
import { Button, FormErrors, SelectField, TextAreaField } from "~/components/ui/field";
import { ActionItemSchema, RequestReviewSchema, ReviewSchema, WithdrawSchema } from "~/modules/artifacts/artifact-form";
import {
  getArtifact,
  getArtifactVersion,
  listReviewers,
  requestArtifactReview,
  reviewArtifact,
  setActionItemDone,
  withdrawArtifact,
} from "~/modules/artifacts/artifacts.server";
import type { CheckResult } from "~/modules/artifacts/checks";
import { MarkReadSchema, StartThreadSchema } from "~/modules/comments/comment-form";
import { COMMENT_INTENTS, requireCommenter } from "~/modules/comments/comment-intents.server";
import {
  blockPassage,
  documentReaders,
  documentText,
  documentThreads,
  editableComment,
  markRead,
  mentionPeople,
  startThread,
  threadsForPage,
} from "~/modules/comments/comments.server";
import { AnnotatedDocument } from "~/components/comments/annotated-document";
import { digestHtml } from "~/components/comments/digest.server";
import { renderedComparison } from "~/modules/artifacts/render.server";
import { lookOf } from "~/utils/time-zone.server";
import { islandsOf } from "~/utils/islands";
import { ReadBy } from "~/components/comments/read-by";
import { diffVersions } from "~/modules/artifacts/version-diff";
import { ARTIFACT_KIND_NAMES, STAGE_NAMES } from "~/modules/lifecycle/stages";
import { requireUserWithPermission } from "~/utils/auth.server";
import { loadCurrentPlaybook } from "~/modules/lifecycle/playbook.server";
import { prisma } from "~/utils/db.server";
import { IdParam } from "~/utils/params";
import { badRequest, notFound } from "~/utils/http.server";
import { dispatchIntent, submitIntent, type IntentAction } from "~/utils/intent.server";
import { useIntentForm } from "~/components/ui/intent-form";
import type { Person } from "~/modules/people/authorize";
import { Section } from "~/components/ui/section";
import { HeadRow } from "~/components/ui/head-row";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.artifact.title} · Gatepath` : "Artifact · Gatepath" }];

const blank = (v: string | null) => (v === "" || v === null ? undefined : v);
const ViewSchema = z.object({
  version: z.coerce.number().int().positive().optional(),
  from: z.coerce.number().int().positive().optional(),
  to: z.coerce.number().int().positive().optional(),
  /** "Comment on this paragraph": the block whose text the comment form starts with. */
  on: z.coerce.number().int().nonnegative().optional(),
});

async function load(id: string | undefined) {
  const parsed = IdParam.safeParse(id);
  const artifact = parsed.success ? await getArtifact(prisma, parsed.data) : null;
  if (!artifact) throw notFound("There is no such artifact.");
  return artifact;
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "project:read");
  const artifact = await load(params.id);
  const search = new URL(request.url).searchParams;
  const view = ViewSchema.safeParse({
    version: blank(search.get("version")),
    from: blank(search.get("from")),
    to: blank(search.get("to")),
    on: blank(search.get("on")),
  });
  if (!view.success) throw badRequest("Versions are whole numbers from the history list.");

  // The version shown: the newest, or one picked from the history.
  const shownNumber = view.data.version ?? artifact.version;
  const shown = shownNumber === artifact.version ? artifact : await getArtifactVersion(prisma, artifact.id, shownNumber);
  if (!shown) throw notFound(`There is no version ${shownNumber} of this artifact.`);

  let diff = null;
  if (view.data.from !== undefined && view.data.to !== undefined) {
    const [from, to] = await Promise.all([getArtifactVersion(prisma, artifact.id, view.data.from), getArtifactVersion(prisma, artifact.id, view.data.to)]);
    if (!from || !to) throw notFound("Compare two versions from the history list.");
    diff = {
      from: from.version,
      to: to.version,
      title: from.title === to.title ? null : { before: from.title, after: to.title },
      url: from.url === to.url ? null : { before: from.url, after: to.url },
      lines: diffVersions(from.body ?? "", to.body ?? ""),
      // As readers see it (the default), or the Markdown's lines (?changes=source).
      rendered: search.get("changes") === "source" ? null : renderedComparison(from.body ?? "", to.body ?? ""),
    };
  }

  // The threads placed on the version shown, its blocks with their passages marked.
  const placed = await documentThreads(prisma, artifact.id, { version: shownNumber, body: shown.body });
  const subject = {
    onDocument: true,
    documentAuthorId: artifact.authorId,
    reviewerId: artifact.reviewerId,
    ownerId: artifact.project.ownerId,
    proposerId: artifact.project.proposerId,
  };
  const { timeZone } = await lookOf(prisma, request, user.id);
  // Rendered here, the document's blocks and the closed thread cards go into the HTML only (utils/islands.tsx).
  const islands = islandsOf(context);
  const island = (key: string, html: string) => (islands ? (islands.set(key, html), null) : html);
  const threads = threadsForPage(user, placed.threads, subject, search.get("thread"), (t) => island(`thread:${t.id}`, digestHtml(t, timeZone)));
  const doc = shown.body ? documentText(artifact.id, shownNumber, shown.body) : null;
  const mayComment = canComment(user);
  const [people, readers, editing] = await Promise.all([
    mayComment ? mentionPeople(prisma) : Promise.resolve([]),
    documentReaders(prisma, artifact.id),
    editableComment(prisma, user, search.get("edit")),
  ]);

  const gate = artifact.state === "in_review" ? (await loadCurrentPlaybook(prisma)).stages.find((s) => s.stage === artifact.stage) : undefined;
  const openThreadCount = placed.threads.filter((t) => !t.resolvedAt && !t.deleted).length;
  const openThreadsBlock = Boolean(gate?.resolveThreadsFirst) && openThreadCount > 0;

  const onProject = canOnProject(user, artifact.project, "write");
  const writable = canWriteArtifact({ ...user, onProject }, artifact) && artifact.state !== "withdrawn";
  const now = new Date();
  return json({
    artifact: {
      id: artifact.id,
      kind: artifact.kind,
      stage: artifact.stage,
      title: artifact.title,
      state: artifact.state,
      version: artifact.version,
      approvedVersion: artifact.approvedVersion,
      approvedAt: artifact.approvedAt,
      withdrawnAt: artifact.withdrawnAt,
      reviewNote: artifact.reviewNote,
      author: artifact.author.name,
      reviewerId: artifact.reviewerId,
      reviewer: artifact.reviewer?.name ?? null,
      project: { key: artifact.project.key, title: artifact.project.title },
      versions: artifact.versions,
      reviews: artifact.reviews,
      actionItems: artifact.actionItems.map((i) => ({ ...i, overdue: !i.doneAt && i.dueDate !== null && isBefore(i.dueDate, now) })),
      isCoe: artifact.kind === "coe",
      coeRecord: artifact.coeRecord,
    },
    shown: {
      version: shownNumber,
      title: shown.title,
      url: shown.url,
      blocks: placed.marked.map((html, i) => island(`block:${i}`, html)),
      checks: (shown.checks ?? []) as CheckResult[],
      checksPassed: shown.checksPassed,
    },
    diff,
    threads,
    // A reviewer's open threads, listed with the review.
    reviewerThreads: placed.threads
      .filter((t) => !t.resolvedAt && !t.deleted && t.authorId === artifact.reviewerId)
      .map((t) => ({ id: t.id, excerpt: t.excerpt })),
    prefill: doc && view.data.on !== undefined ? blockPassage(doc, view.data.on) : null,
    viewer: { id: user.id, mayComment, people, editing },
    readers: readers.map((r) => ({ id: r.user.id, name: r.user.name, version: r.version, readAt: r.readAt })),
    can: {
      write: writable,
      review: artifact.state === "in_review" && artifact.reviewerId === user.id,
      // Whether the version under review may be approved as it is, or only with an administrator's recorded reason.
      approve: !artifact.checksPassed || openThreadsBlock ? (user.role === "admin" ? ("with_reason" as const) : ("no" as const)) : ("yes" as const),
      // Why approval waits: failing checks, and open threads where the gate's playbook asks for them resolved first.
      blockedBy: { checks: !artifact.checksPassed, threads: openThreadsBlock ? openThreadCount : 0 },
    },
    reviewers: writable ? (await listReviewers(prisma)).filter((r) => r.id !== artifact.authorId) : [],
  });
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

const OUTCOME_NAMES: Record<string, string> = { approved: "Approved", sent_back: "Sent back", superseded: "Replaced by a new request", withdrawn: "Withdrawn" };

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

      {artifact.isCoe ? (
        <Section id={`${id}-actions`} title="Action items">
          <p className="text-sm text-slate-600" data-testid="coe-record-link">
            {artifact.coeRecord
              ? "Kept in the COE's record, each owned by a person. Open items block Done-Done. "
              : "Read from the document's Action items section on each save. Open items block Done-Done. "}
            <Link to={`/artifacts/${artifact.id}/record`} className="text-brand underline">
              {artifact.coeRecord ? "The COE's record" : "Fill in the COE's record: impact, timeline, why-chains, root causes with their categories"}
            </Link>
            {artifact.coeRecord?.recurring ? <span className="ml-1 font-semibold text-bad">Recurring root cause</span> : null}
          </p>
          <FormErrors errors={actionItem.form.errors} />
          {artifact.actionItems.length === 0 ? (
            <p className="mt-2 text-sm">No action items yet.</p>
          ) : (
            <table className="mt-2 min-w-full text-sm">
              <caption className="sr-only">Action items</caption>
              <thead className="text-left">
                <HeadRow
                  columns={["Action", "Owner", "Due", "State", ...(can.write ? [{ label: <span className="sr-only">Change</span>, className: "py-1" }] : [])]}
                />
              </thead>
              <tbody className="divide-y divide-slate-100">
                {artifact.actionItems.map((item) => (
                  <tr key={item.id}>
                    <td className="py-1 pr-3">
                      {item.title}
                      {item.ticketUrl ? (
                        <>
                          {" "}
                          <a href={item.ticketUrl} className="text-brand underline" rel="noopener noreferrer nofollow">
                            ticket
                          </a>
                        </>
                      ) : null}
                    </td>
                    <td className="py-1 pr-3">{item.ownerName ?? "No owner"}</td>
                    <td className="py-1 pr-3">{item.dueDate ? formatDay(item.dueDate) : "No date"}</td>
                    <td className="py-1 pr-3">
                      {item.doneAt ? (
                        <span className="text-ok">Done</span>
                      ) : item.overdue ? (
                        <span className="font-semibold text-bad">
                          <span aria-hidden="true">⚠ </span>Overdue
                        </span>
                      ) : (
                        "Open"
                      )}
                    </td>
                    {can.write ? (
                      <td className="py-1">
                        <Form method="post">
                          <input type="hidden" name="intent" value="action_item" />
                          <input type="hidden" name="itemId" value={item.id} />
                          <input type="hidden" name="done" value={item.doneAt ? "false" : "true"} />
                          <Button type="submit" variant="secondary" className="px-2 py-1" disabled={busy}>
                            {item.doneAt ? "Reopen" : "Mark done"}
                            <span className="sr-only">: {item.title}</span>
                          </Button>
                        </Form>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Section>
      ) : null}

      <Section id={`${id}-history`} title="History">
        <ol className="mt-2 space-y-1 text-sm">
          {artifact.versions.map((v) => (
            <li key={v.version}>
              <Link to={`?version=${v.version}`} className="text-brand underline">
                Version {v.version}
              </Link>{" "}
              · {v.author.name} · {when(v.createdAt)} · checks {v.checksPassed ? "pass" : "fail"}
              {v.version === artifact.approvedVersion ? <span className="font-semibold text-ok"> · approved</span> : null}
              {v.version > 1 ? (
                <>
                  {" · "}
                  <Link to={`?from=${v.version - 1}&to=${v.version}#changes`} className="text-brand underline" aria-label={`Changes in version ${v.version}`}>
                    changes
                  </Link>
                </>
              ) : null}
            </li>
          ))}
        </ol>
        {artifact.versions.length > 1 ? (
          <Form method="get" className="mt-3 flex flex-wrap items-end gap-3 text-sm" aria-label="Compare versions">
            <SelectField id={`${id}-from`} name="from" label="Compare version" defaultValue={String(diff?.from ?? artifact.versions[1]!.version)}>
              {artifact.versions.map((v) => (
                <option key={v.version} value={v.version}>
                  {v.version}
                </option>
              ))}
            </SelectField>
            <SelectField id={`${id}-to`} name="to" label="with version" defaultValue={String(diff?.to ?? artifact.version)}>
              {artifact.versions.map((v) => (
                <option key={v.version} value={v.version}>
                  {v.version}
                </option>
              ))}
            </SelectField>
            <Button type="submit" variant="secondary">
              Compare
            </Button>
          </Form>
        ) : null}
        {diff ? (
          <div className="mt-3 text-sm" data-testid="diff" id="changes">
            <h3 className="font-semibold">
              Changes from version {diff.from} to version {diff.to}
            </h3>
            {diff.title ? (
              <p>
                Title: “{diff.title.before}” → “{diff.title.after}”
              </p>
            ) : null}
            {diff.url ? (
              <p className="break-all">
                Link: {diff.url.before ?? "none"} → {diff.url.after ?? "none"}
              </p>
            ) : null}
            {diff.lines.length === 0 && !diff.title && !diff.url ? <p>No differences.</p> : null}
            {diff.lines.length > 0 ? (
              <p className="mt-1 flex gap-3">
                <Link
                  to={`?from=${diff.from}&to=${diff.to}#changes`}
                  aria-current={diff.rendered ? "page" : undefined}
                  className={diff.rendered ? "font-semibold" : "text-brand underline"}
                >
                  As readers see it
                </Link>
                <Link
                  to={`?from=${diff.from}&to=${diff.to}&changes=source#changes`}
                  aria-current={diff.rendered ? undefined : "page"}
                  className={diff.rendered ? "text-brand underline" : "font-semibold"}
                >
                  Markdown lines
                </Link>
              </p>
            ) : null}
            {diff.lines.length > 0 && diff.rendered ? (
              <div className="mt-2 space-y-2 rounded border border-slate-200 p-3" data-testid="rendered-diff">
                {diff.rendered.map((c, i) =>
                  c.kind === "skipped" ? (
                    <p key={i} className="text-slate-600">
                      … {c.count} unchanged {c.count === 1 ? "paragraph" : "paragraphs"} …
                    </p>
                  ) : (
                    <div
                      key={i}
                      data-change={c.kind}
                      className={
                        c.kind === "added" ? "border-l-4 border-ok bg-ok-light pl-2" : c.kind === "removed" ? "border-l-4 border-bad bg-bad-light pl-2" : ""
                      }
                    >
                      {c.kind !== "same" ? <span className="text-xs font-semibold uppercase">{c.kind === "added" ? "Added: " : "Removed: "}</span> : null}
                      <div className={`markdown ${c.kind === "removed" ? "line-through" : ""}`} dangerouslySetInnerHTML={{ __html: c.html }} />
                    </div>
                  ),
                )}
              </div>
            ) : null}
            {diff.lines.length > 0 && !diff.rendered ? (
              <pre className="mt-2 overflow-x-auto rounded border border-slate-200 text-xs leading-5">
                {diff.lines.map((line, i) =>
                  line.kind === "skipped" ? (
                    <div key={i} className="bg-slate-100 px-2 text-slate-600">
                      … {line.count} unchanged lines …
                    </div>
                  ) : (
                    <div key={i} className={`px-2 ${line.kind === "added" ? "bg-ok-light" : line.kind === "removed" ? "bg-bad-light" : ""}`}>
                      <span aria-hidden="true">{line.kind === "added" ? "+ " : line.kind === "removed" ? "- " : "  "}</span>
                      {line.kind !== "same" ? <span className="sr-only">{line.kind === "added" ? "Added: " : "Removed: "}</span> : null}
                      {line.text || " "}
                    </div>
                  ),
                )}
              </pre>
            ) : null}
          </div>
        ) : null}
      </Section>

      {artifact.reviews.length > 0 ? (
        <Section id={`${id}-reviews`} title="Reviews">
          <ul className="mt-2 space-y-2 text-sm">
            {artifact.reviews.map((r) => (
              <li key={r.id}>
                Version {r.version}: {r.requestedBy.name} asked {r.reviewer.name} on {when(r.requestedAt)}
                {r.outcome ? (
                  <>
                    {" "}
                    · {OUTCOME_NAMES[r.outcome] ?? r.outcome} {when(r.decidedAt)}
                  </>
                ) : (
                  " · waiting"
                )}
                {r.comment ? <span className="block whitespace-pre-wrap text-slate-700">“{r.comment}”</span> : null}
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";

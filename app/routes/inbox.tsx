import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Instant } from "~/components/ui/instant";
import { formatDay } from "~/utils/dates";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { Button } from "~/components/ui/field";
import { TRIGGER_NAMES, type RetrospectiveTrigger } from "~/modules/learning/retrospective";
import { Section } from "~/components/ui/section";
import { inboxFor } from "~/modules/inbox/inbox.server";
import { ARTIFACT_KIND_NAMES, STAGE_NAMES } from "~/modules/lifecycle/stages";
import { requireUserWithPermission } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { dispatchIntent, submitIntent, type IntentAction } from "~/utils/intent.server";
import { MentionDoneSchema } from "~/modules/comments/comment-form";
import { dismissMention } from "~/modules/comments/comments.server";
import { can, type Person } from "~/modules/people/authorize";
import { NothingWaits } from "~/components/first-steps";

export const meta: MetaFunction = () => [{ title: "My work · Gatepath" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "project:read");
  return json({ ...(await inboxFor(prisma, user)), canCreate: can(user.role, "project:write") });
}

const INTENTS: Record<string, IntentAction<Person>> = {
  mention_done: (user, form, intent) =>
    submitIntent(form, intent, MentionDoneSchema, (v) => dismissMention(prisma, user, v.commentId), {
      to: "/inbox#inbox-mentions",
      message: () => "Done: the mention left My work.",
    }),
};

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, "project:read");
  return dispatchIntent(await request.formData(), INTENTS, user);
}

// Calendar dates are shown as the dates they are, whatever the zone; instants in the person's zone.
const day = (iso: string) => formatDay(iso);
const when = (iso: string) => <Instant value={iso} />;

function Items({ id, title, empty, children, count }: { id: string; title: string; empty: string; count: number; children: ReactNode }) {
  return (
    <Section id={id} title={`${title} (${count})`}>
      {count === 0 ? <p className="mt-2 text-sm text-slate-600">{empty}</p> : <ul className="mt-2 divide-y divide-slate-100 text-sm">{children}</ul>}
    </Section>
  );
}

export default function Inbox() {
  const inbox = useLoaderData<typeof loader>();
  const total =
    inbox.reviews.length +
    inbox.artifactReviews.length +
    inbox.flags.length +
    inbox.coe.length +
    inbox.acks.length +
    inbox.mentions.length +
    inbox.retros.length +
    inbox.actions.length +
    inbox.recurred.length +
    inbox.milestones.length;
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <h1 className="text-2xl font-bold">My work</h1>
      <p className="text-sm text-slate-600">
        {total === 0 ? "Nothing waits for you." : `${total} ${total === 1 ? "thing waits" : "things wait"} for you.`} Each item goes once it is done. What
        happened on your projects is in{" "}
        <Link to="/notifications" className="text-brand underline">
          Notifications
        </Link>
        .
      </p>
      {total === 0 ? <NothingWaits canCreate={inbox.canCreate} /> : null}

      <Items id="inbox-gates" title="Gate reviews waiting for your decision" count={inbox.reviews.length} empty="No gate waits for your signature.">
        {inbox.reviews.map((r) => (
          <li key={r.id} className="py-2" data-inbox="gate">
            <Link to={`/projects/${r.project.key}#gate`} className="font-medium text-brand underline">
              {r.project.key} {r.project.title}
            </Link>{" "}
            — {STAGE_NAMES[r.stage]} gate, requested by {r.requestedBy ?? "someone"} on {when(r.requestedAt)}
            {r.signatures > 0 ? `; ${r.signatures} signed so far` : ""}
          </li>
        ))}
      </Items>

      <Items id="inbox-reviews" title="Artifacts waiting for your review" count={inbox.artifactReviews.length} empty="No artifact waits for your review.">
        {inbox.artifactReviews.map((r) => (
          <li key={r.id} className="py-2" data-inbox="artifact">
            <Link to={`/artifacts/${r.artifact.id}`} className="font-medium text-brand underline">
              {r.artifact.title}
            </Link>{" "}
            ({ARTIFACT_KIND_NAMES[r.artifact.kind]}, version {r.version}, {r.artifact.project.key}) — asked by {r.requestedBy.name} on {when(r.requestedAt)}
          </li>
        ))}
      </Items>

      <Items id="inbox-mentions" title="Comments that mention you" count={inbox.mentions.length} empty="Nobody waits for your answer in a comment.">
        {inbox.mentions.map((m) => (
          <li key={m.id} className="flex flex-wrap items-start justify-between gap-2 py-2" data-inbox="mention">
            <span>
              <Link to={m.href} className="font-medium text-brand underline">
                {m.author} on {m.on}
              </Link>{" "}
              — {when(m.at)}
              <span className="block whitespace-pre-wrap text-slate-700">“{m.excerpt}”</span>
            </span>
            <Form method="post">
              <input type="hidden" name="intent" value="mention_done" />
              <input type="hidden" name="commentId" value={m.id} />
              <Button type="submit" variant="secondary" className="px-2 py-1">
                Done
                <span className="sr-only">
                  : {m.author} on {m.on}
                </span>
              </Button>
            </Form>
          </li>
        ))}
      </Items>

      <Items id="inbox-flags" title="Conditions and holds due" count={inbox.flags.length} empty="No condition or hold of yours is due in the next week.">
        {inbox.flags.map((f) => (
          <li key={`${f.key}-${f.kind}`} className="py-2" data-inbox={f.kind}>
            <Link to={`/projects/${f.key}#gate`} className="font-medium text-brand underline">
              {f.key} {f.title}
            </Link>{" "}
            — {f.kind === "condition" ? "condition due" : "hold to revisit"} on {day(f.date)}
            {f.overdue ? <span className="ml-1 font-semibold text-bad">(overdue)</span> : null}
          </li>
        ))}
      </Items>

      <Items id="inbox-coe" title="COE action items due" count={inbox.coe.length} empty="No COE action item of yours is due in the next week.">
        {inbox.coe.map((c) => (
          <li key={c.id} className="py-2" data-inbox="coe">
            <Link to={`/artifacts/${c.artifact.id}`} className="font-medium text-brand underline">
              {c.title}
            </Link>{" "}
            ({c.artifact.title}, {c.artifact.project.key}) — due {c.dueDate ? day(c.dueDate) : "without a date"}
            {c.overdue ? <span className="ml-1 font-semibold text-bad">(overdue)</span> : null}
          </li>
        ))}
      </Items>

      <Items id="inbox-retros" title="Retrospectives to write" count={inbox.retros.length} empty="No retrospective waits for you to write it.">
        {inbox.retros.map((r) => (
          <li key={r.id} className="py-2" data-inbox="retro">
            <Link to={`/projects/${r.project.key}/retrospectives/${r.id}`} className="font-medium text-brand underline">
              {r.project.key} {r.project.title}
            </Link>{" "}
            — after {TRIGGER_NAMES[r.trigger as RetrospectiveTrigger] ?? r.trigger}, required before the project closes
          </li>
        ))}
      </Items>

      <Items id="inbox-actions" title="Retrospective action items due" count={inbox.actions.length} empty="No action item of yours is due in the next week.">
        {inbox.actions.map((a) => (
          <li key={a.id} className="py-2" data-inbox="action">
            <Link to={`/projects/${a.retrospective.project.key}/retrospectives/${a.retrospective.id}#actions`} className="font-medium text-brand underline">
              {a.title}
            </Link>{" "}
            ({a.retrospective.project.key}) — due {day(a.dueDate)}
            {a.overdue ? <span className="ml-1 font-semibold text-bad">(overdue)</span> : null}
          </li>
        ))}
      </Items>

      <Items id="inbox-milestones" title="Milestones due" count={inbox.milestones.length} empty="No milestone of yours is due in the next week.">
        {inbox.milestones.map((m) => (
          <li key={m.id} className="py-2" data-inbox="milestone">
            <Link to={`/projects/${m.project.key}/plan#milestones`} className="font-medium text-brand underline">
              {m.title}
            </Link>{" "}
            ({m.project.key} {m.project.title}) — due {m.dueDate ? day(m.dueDate) : "?"}, {m.state.replace("_", " ")}
            {m.overdue ? <span className="ml-1 font-semibold text-bad">(overdue)</span> : null}
          </li>
        ))}
      </Items>

      <Items id="inbox-recurred" title="COEs whose fix did not hold" count={inbox.recurred.length} empty="No root cause you fixed has come back.">
        {inbox.recurred.map((r) => (
          <li key={r.id} className="py-2" data-inbox="recurred">
            <Link to={`/artifacts/${r.id}/record#recurrence`} className="font-medium text-brand underline">
              {r.title}
            </Link>{" "}
            ({r.projectKey}) — a later COE found the same kind of root cause: are its action items still enough?
          </li>
        ))}
      </Items>

      <Items id="inbox-acks" title="Acknowledgements asked of you" count={inbox.acks.length} empty="Nobody waits for you to accept or acknowledge anything.">
        {inbox.acks.map((a) => (
          <li key={a.id} className="py-2" data-inbox="ack">
            <Link to={`/projects/${a.project.key}/people`} className="font-medium text-brand underline">
              {a.project.key} {a.project.title}
            </Link>{" "}
            — {a.role === "owner" ? "accept ownership" : "acknowledge the problem as a stakeholder"}
          </li>
        ))}
      </Items>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";

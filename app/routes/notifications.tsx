// Notifications (issue 25): what happened on my projects, my documents and the projects I watch,
// newest first, read and unread, with "mark all read". What waits for me to act is My work.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Button } from "~/components/ui/field";
import { Instant } from "~/components/ui/instant";
import { NOTIFICATION_KINDS, isKind } from "~/modules/notifications/kinds";
import { ListParamsSchema, MarkAllReadSchema, MarkReadSchema } from "~/modules/notifications/notification-form";
import { listNotifications, markAllRead, markRead } from "~/modules/notifications/notifications.server";
import type { Person } from "~/modules/people/authorize";
import { requireUserWithPermission } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { dispatchIntent, submitIntent, type IntentAction } from "~/utils/intent.server";

export const meta: MetaFunction = () => [{ title: "Notifications · Gatepath" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "project:read");
  const params = ListParamsSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const list = await listNotifications(prisma, user, { before: params.before, unreadOnly: params.unread === "1" });
  return json({ ...list, unreadOnly: params.unread === "1", paged: params.before !== undefined });
}

const INTENTS: Record<string, IntentAction<Person>> = {
  read: (user, form, intent) =>
    submitIntent(form, intent, MarkReadSchema, (v) => markRead(prisma, user, v.id), { to: "/notifications", message: () => "Marked read." }),
  read_all: (user, form, intent) =>
    submitIntent(form, intent, MarkAllReadSchema, () => markAllRead(prisma, user), {
      to: "/notifications",
      message: (_v, r) => (r.count === 0 ? "Nothing was unread." : `${r.count} marked read.`),
    }),
};

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, "project:read");
  return dispatchIntent(await request.formData(), INTENTS, user);
}

export default function Notifications() {
  const { items, next, unread, unreadOnly, paged } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-4xl space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h1 className="text-2xl font-bold">Notifications</h1>
        <p className="text-sm">
          <Link to="/settings/notifications" className="text-brand underline">
            Choose what is emailed to you
          </Link>
        </p>
      </div>
      <p className="text-sm text-slate-600" data-testid="unread-count">
        {unread === 0 ? "All read." : `${unread} unread.`} What waits for you to act is in{" "}
        <Link to="/inbox" className="text-brand underline">
          My work
        </Link>
        .
      </p>
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <nav aria-label="Which notifications" className="flex gap-3">
          <Link to="/notifications" aria-current={!unreadOnly ? "page" : undefined} className={!unreadOnly ? "font-semibold" : "text-brand underline"}>
            All
          </Link>
          <Link to="/notifications?unread=1" aria-current={unreadOnly ? "page" : undefined} className={unreadOnly ? "font-semibold" : "text-brand underline"}>
            Unread only
          </Link>
        </nav>
        {unread > 0 ? (
          <Form method="post">
            <input type="hidden" name="intent" value="read_all" />
            <Button type="submit" variant="secondary">
              Mark all read
            </Button>
          </Form>
        ) : null}
      </div>
      {items.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-4 text-sm text-slate-600">
          {unreadOnly
            ? "Nothing unread."
            : "Nothing yet. You are told here when a gate is decided on a project you are on or watch, when someone comments on your document, and more."}
        </p>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm" aria-label="Notifications">
          {items.map((n) => (
            <li
              key={n.id}
              className="flex flex-wrap items-start justify-between gap-2 px-4 py-3"
              data-notification={n.kind}
              data-unread={n.readAt ? undefined : ""}
            >
              <span>
                {n.readAt ? null : (
                  <span className="mr-2 rounded bg-brand px-1.5 py-0.5 text-xs font-semibold text-white" aria-hidden="true">
                    New
                  </span>
                )}
                <Link to={n.href} className={n.readAt ? "text-brand underline" : "font-semibold text-brand underline"}>
                  {n.title}
                  {n.readAt ? null : <span className="sr-only"> (unread)</span>}
                </Link>
                <span className="block text-xs text-slate-600">
                  {isKind(n.kind) ? NOTIFICATION_KINDS[n.kind].label : n.kind} · <Instant value={n.createdAt} time />
                </span>
              </span>
              {n.readAt ? null : (
                <Form method="post">
                  <input type="hidden" name="intent" value="read" />
                  <input type="hidden" name="id" value={n.id} />
                  <Button type="submit" variant="secondary" className="px-2 py-1">
                    Mark read<span className="sr-only">: {n.title}</span>
                  </Button>
                </Form>
              )}
            </li>
          ))}
        </ul>
      )}
      <p className="flex gap-4 text-sm">
        {paged ? (
          <Link to={unreadOnly ? "/notifications?unread=1" : "/notifications"} className="text-brand underline">
            Newest
          </Link>
        ) : null}
        {next ? (
          <Link to={`/notifications?before=${next}${unreadOnly ? "&unread=1" : ""}`} className="text-brand underline">
            Older
          </Link>
        ) : null}
      </p>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";

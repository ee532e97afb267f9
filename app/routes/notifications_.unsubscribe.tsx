// The one-click unsubscribe of an email (issue 25, RFC 8058): the link in every notification
// email, signed for one person and one kind. A mail client POSTs to it ("List-Unsubscribe=One-Click");
// a person who opens it sees what it stops and a button, so a link checker that only fetches
// it stops nothing. No sign-in: the signature is the proof.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Button } from "~/components/ui/field";
import { NOTIFICATION_KINDS } from "~/modules/notifications/kinds";
import { unsubscribeSigned } from "~/modules/notifications/delivery.server";
import { isUnsubscribeKind, unsubscribe } from "~/modules/notifications/notifications.server";
import { prisma } from "~/utils/db.server";
import { refusalResponse } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "Stop these emails · Gatepath" }, { name: "robots", content: "noindex" }];

/** The person and kind a link names, when its signature holds; a 400 otherwise. */
function linkOf(url: URL) {
  const [u, k, s] = ["u", "k", "s"].map((name) => url.searchParams.get(name) ?? "");
  if (!u || !isUnsubscribeKind(k) || !unsubscribeSigned(u, k, s)) {
    throw json(
      { message: "This unsubscribe link is not one Gatepath made, or it was cut short. Choose what is emailed to you in Settings › Notifications." },
      { status: 400 },
    );
  }
  return { userId: u, kind: k };
}

const what = (kind: string) => (kind === "digest" ? "the daily digest" : `emails for “${NOTIFICATION_KINDS[kind as keyof typeof NOTIFICATION_KINDS].label}”`);

export async function loader({ request }: LoaderFunctionArgs) {
  const { kind } = linkOf(new URL(request.url));
  return json({ what: what(kind) });
}

export async function action({ request }: ActionFunctionArgs) {
  const { userId, kind } = linkOf(new URL(request.url));
  const result = await unsubscribe(prisma, userId, kind);
  if (!result.ok) throw refusalResponse(result);
  return json({ done: what(kind) });
}

export default function Unsubscribe() {
  const { what } = useLoaderData<typeof loader>();
  const done = useActionData<typeof action>();
  return (
    <div className="mx-auto max-w-xl space-y-4">
      <h1 className="text-2xl font-bold">Stop these emails</h1>
      {done ? (
        <p role="status">
          Done: Gatepath no longer sends you {done.done}. You still see everything in Notifications, and you can turn email back on in{" "}
          <Link to="/settings/notifications" className="text-brand underline">
            Settings › Notifications
          </Link>
          .
        </p>
      ) : (
        <Form method="post" className="space-y-3">
          <p>Stop {what}?</p>
          <Button type="submit">Stop these emails</Button>
        </Form>
      )}
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";

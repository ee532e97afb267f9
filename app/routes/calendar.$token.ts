// GET /calendar/<secret>.ics: a person's calendar feed (issue 25, item 6). The address is the
// proof, so no sign-in; an unknown or stopped link is a 404 that says nothing more.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { calendarFeed } from "~/modules/notifications/calendar.server";
import { prisma } from "~/utils/db.server";

export async function loader({ params }: LoaderFunctionArgs) {
  const secret = (params.token ?? "").replace(/\.ics$/, "").slice(0, 100);
  const text = secret ? await calendarFeed(prisma, secret) : null;
  if (text === null)
    return new Response("No calendar at this address: it was stopped, or replaced by a newer link.", {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  return new Response(text, {
    headers: { "Content-Type": "text/calendar; charset=utf-8", "Cache-Control": "private, max-age=300", "X-Robots-Tag": "noindex" },
  });
}

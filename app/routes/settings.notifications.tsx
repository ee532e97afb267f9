// How Gatepath reaches me (issue 25): per kind of notification, by email at once, in a daily
// digest at an hour of my own time zone, or not by email; and the projects I watch.
import { getFormProps, getSelectProps } from "@conform-to/react";
import { OneTimeSecret } from "~/components/ui/one-time-secret";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Button, FormErrors, SelectField } from "~/components/ui/field";
import { useIntentForm } from "~/components/ui/intent-form";
import { Section } from "~/components/ui/section";
import { Instant } from "~/components/ui/instant";
import { KIND_NAMES, NOTIFICATION_KINDS, NotificationSettingsSchema, type EmailMode } from "~/modules/notifications/kinds";
import { emailSettings, saveEmailSettings, watchedProjects } from "~/modules/notifications/notifications.server";
import { emailEnabled } from "~/modules/notifications/notify.server";
import { timeZones } from "~/modules/people/profile.server";
import type { Person } from "~/modules/people/authorize";
import { requireUserWithPermission } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { dispatchIntent, submitIntent, type IntentAction, type IntentReply } from "~/utils/intent.server";
import { calendarLinkMade, makeCalendarLink, stopCalendarLink } from "~/modules/notifications/calendar.server";
import { NoFieldsSchema } from "~/modules/notifications/notification-form";
import { browserTimeZone } from "~/utils/time-zone.server";

export const meta: MetaFunction = () => [{ title: "Notifications and email · Gatepath" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "project:read");
  const [settings, watched, calendarMade] = await Promise.all([emailSettings(prisma, user), watchedProjects(prisma, user), calendarLinkMade(prisma, user)]);
  return json({
    settings: { ...settings, timeZone: settings.timeZone ?? browserTimeZone(request) ?? "UTC" },
    zones: timeZones(),
    email: emailEnabled(),
    watched,
    calendarMade,
  });
}

/** The calendar link's address is in the reply only: it is shown this once. */
type CalendarReply = IntentReply & { calendarUrl?: string };

const INTENTS: Record<string, IntentAction<Person>> = {
  calendar_make: async (user, _form, intent) => {
    const made = await makeCalendarLink(prisma, user);
    if (!made.ok) return json<CalendarReply>({ intent, result: { status: "error" } }, { status: made.status });
    return json<CalendarReply>({ intent, result: { status: "success" }, saved: true, calendarUrl: made.url });
  },
  calendar_stop: (user, form, intent) =>
    submitIntent(form, intent, NoFieldsSchema, () => stopCalendarLink(prisma, user), {
      to: "/settings/notifications#calendar-heading",
      message: (_v, r) => (r.stopped ? "Calendar link stopped: calendars subscribed to it no longer update." : "There was no calendar link to stop."),
    }),
  settings: (user, form, intent) =>
    submitIntent(form, intent, NotificationSettingsSchema, (v) =>
      saveEmailSettings(prisma, user, {
        modes: Object.fromEntries(KIND_NAMES.map((k) => [k, v[k]])) as Record<(typeof KIND_NAMES)[number], EmailMode>,
        digestHour: v.digestHour,
        timeZone: v.timeZone,
      }),
    ),
};

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, "project:read");
  return dispatchIntent(await request.formData(), INTENTS, user);
}

const MODE_NAMES: Record<EmailMode, string> = { now: "Email at once", digest: "In the daily digest", off: "Not by email" };
const hour = (h: number) => `${String(h).padStart(2, "0")}:00`;

export default function NotificationSettings() {
  const { settings, zones, email, watched, calendarMade } = useLoaderData<typeof loader>();
  const reply = useActionData<CalendarReply>();
  const calendarUrl = reply?.intent === "calendar_make" ? reply.calendarUrl : undefined;
  const busy = useNavigation().state === "submitting";
  const { form, fields, saved } = useIntentForm<Record<string, unknown>>("settings", NotificationSettingsSchema, {
    defaultValue: { ...settings.modes, digestHour: String(settings.digestHour), timeZone: settings.timeZone },
  });
  const field = (name: string) => fields[name]!;
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <h1 className="text-2xl font-bold">Notifications and email</h1>
      <p className="text-sm text-slate-600">
        Everything you are told is listed in{" "}
        <Link to="/notifications" className="text-brand underline">
          Notifications
        </Link>
        ; here you choose what also reaches you by email.
      </p>
      {email ? null : (
        <p role="note" className="rounded-lg border border-warn bg-warn-light px-4 py-3 text-sm text-warn">
          This server sends no email (its administrator has not set SMTP_URL): your choices are kept and apply once it does.
        </p>
      )}
      <Section id="email-heading" title="By email">
        <Form method="post" className="mt-2 space-y-4" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="settings" />
          <div className="grid gap-3 sm:grid-cols-2">
            {KIND_NAMES.map((kind) => (
              <SelectField label={NOTIFICATION_KINDS[kind].label} errors={field(kind).errors} {...getSelectProps(field(kind))} key={kind} id={field(kind).id}>
                {(Object.keys(MODE_NAMES) as EmailMode[]).map((m) => (
                  <option key={m} value={m}>
                    {MODE_NAMES[m]}
                  </option>
                ))}
              </SelectField>
            ))}
          </div>
          <div className="flex flex-wrap gap-3">
            <SelectField label="Daily digest at" errors={field("digestHour").errors} {...getSelectProps(field("digestHour"))} id={field("digestHour").id}>
              {Array.from({ length: 24 }, (_, h) => (
                <option key={h} value={h}>
                  {hour(h)}
                </option>
              ))}
            </SelectField>
            <SelectField label="In the time zone" errors={field("timeZone").errors} {...getSelectProps(field("timeZone"))} id={field("timeZone").id}>
              {zones.map((z) => (
                <option key={z} value={z}>
                  {z}
                </option>
              ))}
            </SelectField>
          </div>
          <FormErrors id={form.errorId} errors={form.errors} />
          <Button type="submit" disabled={busy}>
            Save
          </Button>
          {saved ? <p role="status">Saved.</p> : null}
        </Form>
      </Section>
      <Section id="calendar-heading" title="Calendar">
        <p className="mt-2 text-sm text-slate-600">
          Subscribe to the dates of the projects you own or hold a role on (each gate&rsquo;s expected date, a Hold&rsquo;s revisit date, a condition&rsquo;s
          due date) in your calendar program, at an address only you know.
        </p>
        {calendarUrl ? (
          <div role="status" className="mt-2 rounded border border-brand bg-brand-light p-3 text-sm">
            <p className="font-medium">Your calendar address (shown this once; copy it into your calendar&rsquo;s &ldquo;subscribe by URL&rdquo;):</p>
            <OneTimeSecret value={calendarUrl} label="address" testId="calendar-url" />
          </div>
        ) : calendarMade ? (
          <p className="mt-2 text-sm">
            Your calendar link was made on <Instant value={calendarMade} />.
          </p>
        ) : null}
        <div className="mt-2 flex flex-wrap gap-3">
          <Form method="post">
            <input type="hidden" name="intent" value="calendar_make" />
            <Button type="submit" variant={calendarMade ? "secondary" : undefined} disabled={busy}>
              {calendarMade || calendarUrl ? "Make a new link (the old one stops)" : "Make a calendar link"}
            </Button>
          </Form>
          {calendarMade || calendarUrl ? (
            <Form method="post">
              <input type="hidden" name="intent" value="calendar_stop" />
              <Button type="submit" variant="secondary" disabled={busy}>
                Stop the link
              </Button>
            </Form>
          ) : null}
        </div>
      </Section>
      <Section id="watching-heading" title={`Projects you watch (${watched.length})`}>
        {watched.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">None. Watch a project from its page to be told when its gates are decided.</p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-100 text-sm">
            {watched.map((p) => (
              <li key={p.key} className="flex items-center justify-between gap-2 py-2">
                <Link to={`/projects/${p.key}`} className="text-brand underline">
                  {p.key} {p.title}
                </Link>
                <Form method="post" action={`/projects/${p.key}/watch`}>
                  <input type="hidden" name="watch" value="off" />
                  <input type="hidden" name="redirectTo" value="/settings/notifications" />
                  <Button type="submit" variant="secondary" className="px-2 py-1">
                    Stop watching<span className="sr-only"> {p.key}</span>
                  </Button>
                </Form>
              </li>
            ))}
          </ul>
        )}
      </Section>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";

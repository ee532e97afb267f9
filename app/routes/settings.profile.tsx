import { getFormProps, getInputProps, getSelectProps } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useLoaderData, useNavigation } from "@remix-run/react";
import { useIntentForm } from "~/components/ui/intent-form";
import { Button, FormErrors, SelectField, TextField } from "~/components/ui/field";
import { Section } from "~/components/ui/section";
import { NewPasswordField, PASSWORD_POLICY_HINT } from "~/components/ui/new-password-field";
import type { Person } from "~/modules/people/authorize";
import { PasswordChangeSchema, ProfileNameSchema, THEMES, TimeZoneSchema, type Theme } from "~/modules/people/people-form";
import { getPreferences } from "~/modules/people/queries.server";
import {
  changeName,
  changePassword,
  listSessions,
  setTimeZone,
  signOutEverywhere,
  THEME_PREFERENCE,
  TIME_ZONE_PREFERENCE,
  timeZones,
} from "~/modules/people/profile.server";
import { currentSessionId, requireUser, toSignIn } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { dispatchIntent, submitIntent, type IntentAction } from "~/utils/intent.server";

export const meta: MetaFunction = () => [{ title: "Your profile · Gatepath" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [sessions, chosen, current] = await Promise.all([
    listSessions(prisma, user.id),
    getPreferences(prisma, user.id, [TIME_ZONE_PREFERENCE, THEME_PREFERENCE]),
    currentSessionId(request),
  ]);
  const zone = chosen.get(TIME_ZONE_PREFERENCE);
  const theme = chosen.get(THEME_PREFERENCE);
  return json({
    user,
    timeZone: typeof zone === "string" ? zone : "",
    theme: theme === "light" || theme === "dark" ? theme : null,
    zones: timeZones(),
    sessions: sessions.map((s) => ({ ...s, current: s.id === current })),
  });
}

type Context = { user: Person; request: Request };

const INTENTS: Record<string, IntentAction<Context>> = {
  name: ({ user }, form, intent) => submitIntent(form, intent, ProfileNameSchema, (v) => changeName(prisma, user, v.name)),
  password: async ({ user, request }, form, intent) =>
    submitIntent(form, intent, PasswordChangeSchema, async (v) => changePassword(prisma, user, v, await currentSessionId(request))),
  time_zone: ({ user }, form, intent) => submitIntent(form, intent, TimeZoneSchema, (v) => setTimeZone(prisma, user, v.timeZone ?? null)),
};

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await request.formData();
  if (form.get("intent") === "sign_out_everywhere") {
    await signOutEverywhere(prisma, user);
    return toSignIn(request);
  }
  return dispatchIntent(form, INTENTS, { user, request });
}

const THEME_NAMES: Record<Theme, string> = { system: "As my system (light or dark)", light: "Light", dark: "Dark" };

/** An instant as the same text on the server and in any browser (issue 13 brings each person's zone). */
const utc = (at: string) => `${at.slice(0, 10)} ${at.slice(11, 16)} UTC`;

export default function Profile() {
  const { user, timeZone, theme, zones, sessions } = useLoaderData<typeof loader>();
  const busy = useNavigation().state === "submitting";
  const nameForm = useIntentForm<{ name: string }>("name", ProfileNameSchema, { defaultValue: { name: user.name } });
  const password = useIntentForm<{ current: string; password: string }>("password", PasswordChangeSchema);
  const zone = useIntentForm<{ timeZone: string }>("time_zone", TimeZoneSchema, { defaultValue: { timeZone } });
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <h1 className="text-2xl font-bold">Your profile</h1>
      <p className="text-sm text-slate-600">
        {user.email} · {user.role === "admin" ? "Administrator" : user.role === "member" ? "Member" : "Viewer"}
      </p>

      <Section id="name-heading" title="Name">
        <Form method="post" className="mt-2 flex flex-wrap items-end gap-3" {...getFormProps(nameForm.form)}>
          <input type="hidden" name="intent" value="name" />
          <TextField
            label="Name"
            errors={nameForm.fields.name.errors}
            {...getInputProps(nameForm.fields.name, { type: "text" })}
            id={nameForm.fields.name.id}
          />
          <Button type="submit" disabled={busy}>
            Save name
          </Button>
          {nameForm.saved ? <p role="status">Name saved.</p> : null}
        </Form>
      </Section>

      <Section id="password-heading" title="Password">
        <Form method="post" className="mt-2 space-y-3" {...getFormProps(password.form)}>
          <input type="hidden" name="intent" value="password" />
          <TextField
            label="Current password"
            autoComplete="current-password"
            errors={password.fields.current.errors}
            {...getInputProps(password.fields.current, { type: "password" })}
            id={password.fields.current.id}
          />
          <NewPasswordField meta={password.fields.password} label="New password" hint={`${PASSWORD_POLICY_HINT} Your other sessions end when it changes.`} />
          <FormErrors id={password.form.errorId} errors={password.form.errors} />
          <Button type="submit" disabled={busy}>
            Change password
          </Button>
          {password.saved ? <p role="status">Password changed; your other sessions ended.</p> : null}
        </Form>
      </Section>

      <Section id="zone-heading" title="Time zone">
        <Form method="post" className="mt-2 flex flex-wrap items-end gap-3" {...getFormProps(zone.form)}>
          <input type="hidden" name="intent" value="time_zone" />
          <SelectField label="Time zone" errors={zone.fields.timeZone.errors} {...getSelectProps(zone.fields.timeZone)} id={zone.fields.timeZone.id}>
            <option value="">Not chosen: your browser&rsquo;s</option>
            {zones.map((z) => (
              <option key={z} value={z}>
                {z}
              </option>
            ))}
          </SelectField>
          <Button type="submit" disabled={busy}>
            Save time zone
          </Button>
          {zone.saved ? <p role="status">Time zone saved.</p> : null}
        </Form>
      </Section>

      <Section id="theme-heading" title="Theme">
        {/* One place sets the theme: the header's switch posts here too. */}
        <Form method="post" action="/theme" className="mt-2 flex flex-wrap items-end gap-3">
          <input type="hidden" name="redirectTo" value="/settings/profile" />
          <fieldset>
            <legend className="text-sm font-medium">Colours</legend>
            <div className="mt-1 flex flex-wrap gap-3 text-sm">
              {THEMES.map((t) => (
                <label key={t} className="flex items-center gap-2 rounded border border-slate-200 px-3 py-2 has-[:checked]:border-brand">
                  <input type="radio" name="theme" value={t} defaultChecked={(theme ?? "system") === t} />
                  {THEME_NAMES[t]}
                </label>
              ))}
            </div>
          </fieldset>
          <Button type="submit" disabled={busy}>
            Save theme
          </Button>
        </Form>
      </Section>

      <Section id="sessions-heading" title="Sessions">
        <ul className="mt-2 space-y-1 text-sm">
          {sessions.map((s) => (
            <li key={s.id} data-session={s.current ? "current" : "other"}>
              Signed in {utc(s.createdAt)}, until {utc(s.expiresAt)}
              {s.current ? <strong> · this browser</strong> : null}
            </li>
          ))}
        </ul>
        <Form method="post" className="mt-3">
          <input type="hidden" name="intent" value="sign_out_everywhere" />
          <Button type="submit" variant="secondary" disabled={busy}>
            Sign out everywhere
          </Button>
        </Form>
      </Section>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";

// How people sign in (issue 25, item 5), for administrators: whether someone the identity
// provider vouches for becomes a member on first sign-in (and from which email domains), and
// whether passwords still work, for everyone or only the break-glass administrator.
import { getFormProps, getInputProps, getSelectProps } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useLoaderData, useNavigation } from "@remix-run/react";
import { Button, FieldErrors, FormErrors, SelectField, TextField } from "~/components/ui/field";
import { useIntentForm } from "~/components/ui/intent-form";
import { Section } from "~/components/ui/section";
import { SignInSettingsSchema } from "~/modules/people/sign-in-form";
import { saveSignInSettings, signInSettings, ssoConfig } from "~/modules/people/sso.server";
import { requireUserWithPermission } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { dispatchIntent, submitIntent, type IntentAction } from "~/utils/intent.server";

export const meta: MetaFunction = () => [{ title: "Sign-in · Gatepath" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, "user:manage");
  const [settings, admins] = await Promise.all([
    signInSettings(prisma),
    prisma.user.findMany({ where: { role: "admin", deactivatedAt: null }, orderBy: { name: "asc" }, select: { id: true, name: true, email: true } }),
  ]);
  const sso = ssoConfig();
  return json({ settings, admins, sso: sso ? { issuer: sso.issuer, name: sso.name } : null });
}

const INTENTS: Record<string, IntentAction<{ id: string }>> = {
  sign_in: (user, form, intent) => submitIntent(form, intent, SignInSettingsSchema, (v) => saveSignInSettings(prisma, user, v, ssoConfig())),
};

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, "user:manage");
  return dispatchIntent(await request.formData(), INTENTS, user);
}

export default function SignInSettings() {
  const { settings, admins, sso } = useLoaderData<typeof loader>();
  const busy = useNavigation().state === "submitting";
  const { form, fields, saved } = useIntentForm<{ ssoNewMembers: string; ssoDomains: string; passwordSignIn: string; breakGlassId: string }>(
    "sign_in",
    SignInSettingsSchema,
    {
      defaultValue: {
        ssoNewMembers: settings.ssoNewMembers ? "on" : undefined,
        ssoDomains: settings.ssoDomains,
        passwordSignIn: settings.passwordSignIn ? "on" : "off",
        breakGlassId: settings.breakGlassId ?? "",
      },
    },
  );
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <h1 className="text-2xl font-bold">Sign-in</h1>
      <Section id="provider-heading" title="Identity provider">
        {sso ? (
          <p className="mt-2 text-sm">
            People can sign in with <strong>{sso.name}</strong> (OpenID Connect, <code className="break-all">{sso.issuer}</code>). They are matched to their
            account by the email address the provider has verified.
          </p>
        ) : (
          <p className="mt-2 text-sm text-slate-600">
            None is set up. Set <code>OIDC_ISSUER</code>, <code>OIDC_CLIENT_ID</code> and <code>OIDC_CLIENT_SECRET</code> (and <code>OIDC_NAME</code>, what the
            button says) and restart; register <code>/auth/sso/callback</code> at this server&rsquo;s address as the redirect URI.
          </p>
        )}
      </Section>
      <Section id="policy-heading" title="Who may come in, and how">
        <Form method="post" className="mt-2 space-y-4" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="sign_in" />
          <label className="flex items-start gap-2 text-sm">
            <input type="checkbox" name="ssoNewMembers" defaultChecked={settings.ssoNewMembers} className="mt-1" />
            <span>
              People without an account become members when they first sign in through the identity provider, if their email is in one of these domains:
            </span>
          </label>
          <TextField
            label="Email domains"
            hint="Separated by commas, e.g. northwind.example, northwind-labs.example"
            errors={fields.ssoDomains.errors}
            {...getInputProps(fields.ssoDomains, { type: "text" })}
            id={fields.ssoDomains.id}
          />
          <fieldset aria-describedby={fields.passwordSignIn.errors ? fields.passwordSignIn.errorId : undefined}>
            <legend className="text-sm font-medium">Passwords</legend>
            <div className="mt-1 space-y-1 text-sm">
              <label className="flex items-center gap-2">
                <input type="radio" name="passwordSignIn" value="on" defaultChecked={settings.passwordSignIn} /> Everyone may sign in with a password
              </label>
              <label className="flex items-center gap-2">
                <input type="radio" name="passwordSignIn" value="off" defaultChecked={!settings.passwordSignIn} disabled={!sso} /> Only through the identity
                provider, except one administrator who keeps a password for when it is down
              </label>
            </div>
            <FieldErrors id={fields.passwordSignIn.errorId} errors={fields.passwordSignIn.errors} />
          </fieldset>
          <SelectField
            label="The administrator who keeps a password"
            errors={fields.breakGlassId.errors}
            {...getSelectProps(fields.breakGlassId)}
            id={fields.breakGlassId.id}
          >
            <option value="">Nobody chosen</option>
            {admins.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name} ({a.email})
              </option>
            ))}
          </SelectField>
          <FormErrors id={form.errorId} errors={form.errors} />
          <Button type="submit" disabled={busy}>
            Save
          </Button>
          {saved ? <p role="status">Saved.</p> : null}
        </Form>
      </Section>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";

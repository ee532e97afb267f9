import { getFormProps, getInputProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { Button, TextField, FormErrors } from "~/components/ui/field";
import { useIntentForm } from "~/components/ui/intent-form";
import type { IntentReply } from "~/utils/intent.server";
import { needsSetup } from "~/modules/people/setup.server";
import { verifyLogin } from "~/modules/people/users.server";
import { passwordAllowed } from "~/modules/people/sso-policy";
import { signInSettings, ssoConfig } from "~/modules/people/sso.server";
import { createUserSession, getUser } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";

const LoginSchema = z.object({
  email: z.string({ required_error: "Enter your email" }).trim().email("Enter a valid email address").max(254),
  password: z.string({ required_error: "Enter your password" }).min(1, "Enter your password").max(200),
  redirectTo: z.string().optional(),
});

export const meta: MetaFunction = () => [{ title: "Sign in · Gatepath" }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect("/board");
  // An empty workspace has nobody to sign in yet: its first visit sets it up.
  if (await needsSetup(prisma)) throw redirect("/setup");
  const sso = ssoConfig();
  return json({ sso: sso ? { name: sso.name } : null, passwords: (await signInSettings(prisma)).passwordSignIn });
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  const submission = await parseWithZod(formData, {
    schema: LoginSchema.transform(async (data, ctx) => {
      const user = await verifyLogin(prisma, data.email, data.password);
      if (!user) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: "Email or password is incorrect" });
        return z.NEVER;
      }
      // Told only to someone who knows the password: whether it still opens Gatepath.
      if (!passwordAllowed(user.id, await signInSettings(prisma))) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: `Passwords are switched off here: sign in with ${ssoConfig()?.name ?? "your organisation's sign-in"}.`,
        });
        return z.NEVER;
      }
      return { ...data, user };
    }),
    async: true,
  });
  if (submission.status !== "success") {
    // The one form pattern's reply (utils/intent.server.ts), the password never sent back.
    return json<IntentReply>({ intent: "login", result: submission.reply({ hideFields: ["password"] }) }, { status: 400 });
  }
  return createUserSession(submission.value.user.id, submission.value.redirectTo, "password");
}

export default function LoginPage() {
  const { sso, passwords } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const redirectTo = searchParams.get("redirectTo");
  return (
    <div className="mx-auto mt-12 max-w-sm rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="text-xl font-bold">Sign in to Gatepath</h1>
      {sso ? (
        // A link, not a form: the identity provider's page is a navigation away, with or without JavaScript.
        <a
          href={`/auth/sso${redirectTo ? `?${new URLSearchParams({ redirectTo })}` : ""}`}
          className="mt-6 block rounded bg-brand px-4 py-2 text-center font-semibold text-white hover:bg-brand-dark focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2"
        >
          Sign in with {sso.name}
        </a>
      ) : null}
      {sso && !passwords ? (
        <details className="mt-6 text-sm" open={lastResult ? true : undefined}>
          <summary className="cursor-pointer text-brand underline">The administrator&rsquo;s emergency sign-in</summary>
          <PasswordForm redirectTo={redirectTo} />
        </details>
      ) : (
        <>
          {sso ? <p className="mt-6 text-center text-sm text-slate-600">or with your email and password</p> : null}
          <PasswordForm redirectTo={redirectTo} />
        </>
      )}
    </div>
  );
}

function PasswordForm({ redirectTo }: { redirectTo: string | null }) {
  const navigation = useNavigation();
  const { form, fields } = useIntentForm<{ email: string; password: string; redirectTo: string }>("login", LoginSchema, { constraint: true });
  return (
    <Form method="post" className="mt-6 space-y-4" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="login" />
      <input type="hidden" name="redirectTo" value={redirectTo ?? ""} />
      <TextField label="Email" autoComplete="email" errors={fields.email.errors} {...getInputProps(fields.email, { type: "email" })} id={fields.email.id} />
      <TextField
        label="Password"
        autoComplete="current-password"
        errors={fields.password.errors}
        {...getInputProps(fields.password, { type: "password" })}
        id={fields.password.id}
      />
      <FormErrors id={form.errorId} errors={form.errors} />
      <Button type="submit" className="w-full" disabled={navigation.state === "submitting"}>
        {navigation.state === "submitting" ? "Signing in…" : "Sign in"}
      </Button>
    </Form>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";

import { getFormProps, getInputProps, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { usePageForm } from "~/components/ui/intent-form";
import { Button, FormErrors, TextField } from "~/components/ui/field";
import { NewPasswordField } from "~/components/ui/new-password-field";
import { SetupSchema } from "~/modules/people/setup-form";
import { completeSetup, needsSetup } from "~/modules/people/setup.server";
import { createUserSession } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { answerRefusal } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "Set up Gatepath" }];

/** Once the workspace has an administrator there is nothing to set up: sign in instead. */
async function requireEmptyWorkspace() {
  if (!(await needsSetup(prisma))) throw redirect("/login");
}

export async function loader(_: LoaderFunctionArgs) {
  await requireEmptyWorkspace();
  return json({});
}

export async function action({ request }: ActionFunctionArgs) {
  await requireEmptyWorkspace();
  const submission = parseWithZod(await request.formData(), { schema: SetupSchema });
  if (submission.status !== "success") return json({ result: submission.reply({ hideFields: ["password"] }) }, { status: 400 });
  const result = await completeSetup(prisma, submission.value);
  if (!result.ok)
    return answerRefusal(result, (errors): { result: SubmissionResult<string[]> } => ({ result: submission.reply({ ...errors, hideFields: ["password"] }) }));
  return createUserSession(result.userId, "/board");
}

export default function SetupPage() {
  const lastResult = useActionData<typeof action>()?.result;
  const [form, fields] = usePageForm<{ token: string; organisation: string; name: string; email: string; password: string }>(SetupSchema, {
    id: "setup",
    lastResult,
  });
  const busy = useNavigation().state === "submitting";
  return (
    <div className="mx-auto mt-8 max-w-lg rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="text-xl font-bold">Set up Gatepath</h1>
      <p className="mt-2 text-sm text-slate-600">
        This workspace is empty. Name your organisation and create its first administrator. The setup token is in the server&rsquo;s output from its last start
        (or in <code>GATEPATH_SETUP_TOKEN</code>); it works once.
      </p>
      <Form method="post" className="mt-6 space-y-4" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextField
          label="Setup token"
          autoComplete="off"
          spellCheck={false}
          errors={fields.token.errors}
          {...getInputProps(fields.token, { type: "text" })}
          id={fields.token.id}
        />
        <TextField
          label="Organisation"
          autoComplete="organization"
          errors={fields.organisation.errors}
          {...getInputProps(fields.organisation, { type: "text" })}
          id={fields.organisation.id}
        />
        <TextField label="Your name" autoComplete="name" errors={fields.name.errors} {...getInputProps(fields.name, { type: "text" })} id={fields.name.id} />
        <TextField label="Email" autoComplete="email" errors={fields.email.errors} {...getInputProps(fields.email, { type: "email" })} id={fields.email.id} />
        <NewPasswordField meta={fields.password} />
        <Button type="submit" disabled={busy}>
          {busy ? "Setting up…" : "Create the workspace"}
        </Button>
      </Form>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";

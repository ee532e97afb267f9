import { getFormProps, getInputProps, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { usePageForm } from "~/components/ui/intent-form";
import { Button, FormErrors, TextField } from "~/components/ui/field";
import { NewPasswordField } from "~/components/ui/new-password-field";
import { SignUpSchema } from "~/modules/people/people-form";
import { followLink, oneTimeLink } from "~/modules/people/people.server";
import { createUserSession } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { answerRefusal, badRequest } from "~/utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.kind === "reset" ? "New password · Gatepath" : "Join Gatepath" }];

const BAD_LINK = "This link does not work: it was used, it expired, or it is not the whole link. Ask an administrator for a new one.";

export async function loader({ params }: LoaderFunctionArgs) {
  const found = params.token && params.token.length <= 200 ? await oneTimeLink(prisma, params.token) : null;
  if (!found) throw badRequest(BAD_LINK);
  return json({ kind: found.kind, name: found.user.name, email: found.user.email });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const token = params.token ?? "";
  const submission = parseWithZod(await request.formData(), { schema: SignUpSchema });
  if (submission.status !== "success") return json({ result: submission.reply({ hideFields: ["password"] }) }, { status: 400 });
  const result = await followLink(prisma, { token, ...submission.value });
  if (!result.ok) {
    return answerRefusal(result, (errors): { result: SubmissionResult<string[]> } => ({ result: submission.reply({ ...errors, hideFields: ["password"] }) }));
  }
  return createUserSession(result.userId, "/board", "invitation");
}

export default function SignUp() {
  const { kind, name, email } = useLoaderData<typeof loader>();
  const joining = kind === "invite";
  const lastResult = useActionData<typeof action>()?.result;
  const [form, fields] = usePageForm<{ name: string; password: string }>(SignUpSchema, { id: "signup", lastResult, defaultValue: { name } });
  const busy = useNavigation().state === "submitting";
  return (
    <div className="mx-auto mt-8 max-w-md rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="text-xl font-bold">{joining ? "Join Gatepath" : "Choose a new password"}</h1>
      <p className="mt-2 text-sm text-slate-600">
        {joining ? "You were invited as" : "For"} <strong>{email}</strong>.{" "}
        {joining ? "Choose your password to sign in." : "Your sessions elsewhere end when it is saved."}
      </p>
      <Form method="post" className="mt-6 space-y-4" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        {joining ? (
          <TextField label="Your name" autoComplete="name" errors={fields.name.errors} {...getInputProps(fields.name, { type: "text" })} id={fields.name.id} />
        ) : null}
        <NewPasswordField meta={fields.password} />
        <Button type="submit" disabled={busy}>
          {busy ? "Saving…" : joining ? "Join" : "Save the new password"}
        </Button>
      </Form>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";

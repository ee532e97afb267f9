import { getFormProps, getInputProps, getSelectProps, type SubmissionResult } from "@conform-to/react";
import { OneTimeSecret } from "~/components/ui/one-time-secret";
import { Instant } from "~/components/ui/instant";
import { HeadRow } from "~/components/ui/head-row";
import { usePageForm } from "~/components/ui/intent-form";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Button, FormErrors, SelectField, TextField } from "~/components/ui/field";
import { CreateTokenSchema, RevokeTokenSchema } from "~/modules/tokens/token-form";
import { createToken, listTokens, revokeToken } from "~/modules/tokens/tokens.server";
import { requireUserWithPermission } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { answerRefusal } from "~/utils/http.server";
import { intentOf } from "~/utils/intent.server";
import { redirectWithToast } from "~/utils/toast.server";
import { Section } from "~/components/ui/section";
import { RowAction } from "~/components/ui/row-action";

export const meta: MetaFunction = () => [{ title: "API tokens · Gatepath" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, "token:manage");
  return json({ tokens: await listTokens(prisma) });
}

type Reply = { intent: TokenIntent; result: SubmissionResult<string[]>; created?: { secret: string; name: string; scope: string } };

async function createAction(user: { id: string }, form: FormData) {
  const submission = parseWithZod(form, { schema: CreateTokenSchema });
  if (submission.status !== "success") return json<Reply>({ intent: "create", result: submission.reply() }, { status: 400 });
  const result = await createToken(prisma, user.id, submission.value);
  if (!result.ok) return answerRefusal(result, (errors): Reply => ({ intent: "create", result: submission.reply(errors) }));
  const created = { secret: result.secret, name: submission.value.name, scope: submission.value.scope ?? "the organisation" };
  return json<Reply>({ intent: "create", result: submission.reply({ resetForm: true }), created });
}

async function revokeAction(user: { id: string }, form: FormData) {
  const submission = parseWithZod(form, { schema: RevokeTokenSchema });
  if (submission.status !== "success") return json<Reply>({ intent: "revoke", result: submission.reply() }, { status: 400 });
  const result = await revokeToken(prisma, user.id, submission.value.tokenId);
  if (!result.ok) return answerRefusal(result, (errors): Reply => ({ intent: "revoke", result: submission.reply(errors) }));
  return redirectWithToast("/settings/tokens", "Token revoked: it no longer opens the API.");
}

const INTENTS = { create: createAction, revoke: revokeAction };
type TokenIntent = keyof typeof INTENTS;

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, "token:manage");
  const form = await request.formData();
  return INTENTS[intentOf(form, INTENTS)](user, form);
}

export default function Tokens() {
  const { tokens } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const created = data?.created;
  const [form, fields] = usePageForm<{ name: string; scope: string; access: string }>(CreateTokenSchema, {
    id: "create-token",
    lastResult: data?.intent === "create" ? data.result : undefined,
  });
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <h1 className="text-2xl font-bold">API tokens</h1>
      <p className="text-sm text-slate-600">
        Tokens let programs record metric values through the API (see the README). A token for a project writes only that project&rsquo;s metrics.
      </p>
      {created ? (
        <div role="status" className="rounded-lg border border-ok bg-ok-light p-4 text-sm">
          <p className="font-semibold">
            Token &ldquo;{created.name}&rdquo; for {created.scope}. Copy it now: it is shown only this once.
          </p>
          <OneTimeSecret value={created.secret} label="token" testId="new-token" />
        </div>
      ) : null}
      <Section id="new-token-heading" title="Create a token">
        <Form method="post" className="mt-2 grid gap-3 sm:grid-cols-[1fr_12rem_14rem_auto] sm:items-end" {...getFormProps(form)}>
          <FormErrors errors={form.errors} />
          <input type="hidden" name="intent" value="create" />
          <TextField
            {...getInputProps(fields.name, { type: "text" })}
            id="token-name"
            label="Name"
            hint="What uses it, e.g. the warehouse exporter."
            required
            errors={fields.name.errors}
          />
          <TextField
            {...getInputProps(fields.scope, { type: "text" })}
            id="token-scope"
            label="Project key"
            hint="Empty: the whole organisation."
            errors={fields.scope.errors}
          />
          <SelectField {...getSelectProps(fields.access)} id="token-access" label="Access" errors={fields.access.errors}>
            <option value="write">Read, and record values</option>
            <option value="read">Read only</option>
          </SelectField>
          <Button type="submit" disabled={busy}>
            Create token
          </Button>
        </Form>
      </Section>
      <Section id="tokens-heading" title="Tokens">
        <FormErrors errors={data?.intent === "revoke" ? (data.result.error?.[""] ?? undefined) : undefined} />
        {tokens.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">No token yet.</p>
        ) : (
          <table className="mt-2 min-w-full text-sm">
            <caption className="sr-only">API tokens</caption>
            <thead className="text-left">
              <HeadRow columns={["Name", "Starts with", "Scope", "May now", "Created", "Last used", { label: "State", className: "py-1" }]} />
            </thead>
            <tbody className="divide-y divide-slate-100">
              {tokens.map((t) => (
                <tr key={t.id} data-token={t.name}>
                  <td className="py-1 pr-3">{t.name}</td>
                  <td className="py-1 pr-3 font-mono">{t.prefix}…</td>
                  <td className="py-1 pr-3">{t.project ? t.project.key : "Organisation"}</td>
                  <td className="py-1 pr-3" data-testid="token-scope">
                    {t.scope}
                  </td>
                  <td className="py-1 pr-3">
                    <Instant value={t.createdAt} /> by {t.createdBy.name}
                  </td>
                  <td className="py-1 pr-3">{t.lastUsedAt ? <Instant value={t.lastUsedAt} time /> : "Never"}</td>
                  <td className="py-1">
                    {t.revokedAt ? (
                      <span className="text-bad">
                        Revoked <Instant value={t.revokedAt} />
                      </span>
                    ) : (
                      <RowAction intent="revoke" fields={{ tokenId: t.id }} label="Revoke" row={t.name} busy={busy} />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";

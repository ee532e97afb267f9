import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { format } from "date-fns";
import { z } from "zod";
import { Button, FormErrors, TextField } from "~/components/ui/field";
import { createToken, listTokens, revokeToken } from "~/modules/tokens/tokens.server";
import { projectAccessByKey } from "~/modules/projects/projects.server";
import { requireUserWithPermission } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { badRequest } from "~/utils/http.server";
import { Section } from "~/components/ui/section";

export const meta: MetaFunction = () => [{ title: "API tokens · Gatepath" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, "token:manage");
  return json({ tokens: await listTokens(prisma) });
}

const CreateSchema = z.object({
  intent: z.literal("create"),
  name: z.string({ required_error: "Name the token" }).trim().min(3, "Name the token after what uses it").max(80),
  scope: z
    .string()
    .trim()
    .max(20)
    .optional()
    .transform((s) => s || null)
    .refine((s) => s === null || /^GP-\d{1,9}$/.test(s), "Give a project key like GP-12, or leave it empty for the organisation"),
});

type ActionData = { intent: string; errors: Record<string, string[]>; formErrors: string[]; created?: { secret: string; name: string; scope: string } };
const reply = (data: ActionData, status = 200) => json<ActionData>(data, { status });

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, "token:manage");
  const form = Object.fromEntries(await request.formData());
  if (form.intent === "create") {
    const parsed = CreateSchema.safeParse(form);
    if (!parsed.success) return reply({ intent: "create", errors: parsed.error.flatten().fieldErrors as Record<string, string[]>, formErrors: [] }, 400);
    const project = parsed.data.scope ? await projectAccessByKey(prisma, parsed.data.scope) : null;
    if (parsed.data.scope && !project) return reply({ intent: "create", errors: { scope: [`There is no project ${parsed.data.scope}`] }, formErrors: [] }, 400);
    const token = await createToken(prisma, user.id, { name: parsed.data.name, projectId: project?.id ?? null });
    return reply({
      intent: "create",
      errors: {},
      formErrors: [],
      created: { secret: token.secret, name: parsed.data.name, scope: project ? project.key : "the organisation" },
    });
  }
  if (form.intent === "revoke") {
    const id = z.string().min(1).max(40).safeParse(form.tokenId);
    if (!id.success) throw badRequest("Choose a token to revoke.");
    const result = await revokeToken(prisma, user.id, id.data);
    return reply({ intent: "revoke", errors: {}, formErrors: result.ok ? [] : [result.message] }, result.ok ? 200 : 400);
  }
  throw badRequest("Unknown action.");
}

export default function Tokens() {
  const { tokens } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const created = data?.created;
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
          <code className="mt-2 block break-all rounded bg-white p-2 font-mono" data-testid="new-token">
            {created.secret}
          </code>
        </div>
      ) : null}
      <Section id="new-token-heading" title="Create a token">
        <Form method="post" className="mt-2 grid gap-3 sm:grid-cols-[1fr_12rem_auto] sm:items-end">
          <input type="hidden" name="intent" value="create" />
          <TextField
            id="token-name"
            name="name"
            label="Name"
            hint="What uses it, e.g. the warehouse exporter."
            required
            errors={data?.intent === "create" ? data.errors.name : undefined}
          />
          <TextField
            id="token-scope"
            name="scope"
            label="Project key"
            hint="Empty: the whole organisation."
            errors={data?.intent === "create" ? data.errors.scope : undefined}
          />
          <Button type="submit" disabled={busy}>
            Create token
          </Button>
        </Form>
      </Section>
      <Section id="tokens-heading" title="Tokens">
        <FormErrors errors={data?.intent === "revoke" ? data.formErrors : undefined} />
        {tokens.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">No token yet.</p>
        ) : (
          <table className="mt-2 min-w-full text-sm">
            <caption className="sr-only">API tokens</caption>
            <thead className="text-left">
              <tr>
                <th scope="col" className="py-1 pr-3">
                  Name
                </th>
                <th scope="col" className="py-1 pr-3">
                  Starts with
                </th>
                <th scope="col" className="py-1 pr-3">
                  Scope
                </th>
                <th scope="col" className="py-1 pr-3">
                  Created
                </th>
                <th scope="col" className="py-1 pr-3">
                  Last used
                </th>
                <th scope="col" className="py-1">
                  State
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {tokens.map((t) => (
                <tr key={t.id} data-token={t.name}>
                  <td className="py-1 pr-3">{t.name}</td>
                  <td className="py-1 pr-3 font-mono">{t.prefix}…</td>
                  <td className="py-1 pr-3">{t.project ? t.project.key : "Organisation"}</td>
                  <td className="py-1 pr-3">
                    {format(new Date(t.createdAt), "d MMM yyyy")} by {t.createdBy.name}
                  </td>
                  <td className="py-1 pr-3">{t.lastUsedAt ? format(new Date(t.lastUsedAt), "d MMM yyyy HH:mm") : "Never"}</td>
                  <td className="py-1">
                    {t.revokedAt ? (
                      <span className="text-bad">Revoked {format(new Date(t.revokedAt), "d MMM yyyy")}</span>
                    ) : (
                      <Form method="post">
                        <input type="hidden" name="intent" value="revoke" />
                        <input type="hidden" name="tokenId" value={t.id} />
                        <Button type="submit" variant="secondary" className="px-2 py-1" disabled={busy}>
                          Revoke<span className="sr-only"> {t.name}</span>
                        </Button>
                      </Form>
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

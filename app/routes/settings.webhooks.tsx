// Webhook endpoints (issue 25), for administrators: add one with the events it is sent, see each
// one's last delivery, open its delivery log.
import { getFormProps, getInputProps } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { Button, FieldErrors, FormErrors, TextField } from "~/components/ui/field";
import { Instant } from "~/components/ui/instant";
import { useIntentForm } from "~/components/ui/intent-form";
import { Section } from "~/components/ui/section";
import { AddEndpointSchema, WEBHOOK_EVENTS, WEBHOOK_EVENT_NAMES } from "~/modules/notifications/webhook-events";
import { addEndpoint, listEndpoints } from "~/modules/notifications/webhooks.server";
import { requireUserWithPermission } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { dispatchIntent, submitIntent, type IntentAction } from "~/utils/intent.server";

export const meta: MetaFunction = () => [{ title: "Webhooks · Gatepath" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, "webhook:manage");
  const endpoints = await listEndpoints(prisma);
  return json({ endpoints: endpoints.map(({ messages, events, ...e }) => ({ ...e, events: events.split(",").filter(Boolean), last: messages[0] ?? null })) });
}

const INTENTS: Record<string, IntentAction<{ id: string }>> = {
  add: (user, form, intent) =>
    submitIntent(form, intent, AddEndpointSchema, (v) => addEndpoint(prisma, user.id, v), {
      to: (_v, r) => `/settings/webhooks/${r.id}`,
      message: () => "Endpoint added. Give its signing secret to the tool that receives it.",
    }),
};

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, "webhook:manage");
  return dispatchIntent(await request.formData(), INTENTS, user);
}

const STATUS_WORDS: Record<string, string> = { pending: "waiting to be sent", sending: "being sent", sent: "delivered", failed: "failed" };

export default function Webhooks() {
  const { endpoints } = useLoaderData<typeof loader>();
  const busy = useNavigation().state === "submitting";
  const { form, fields } = useIntentForm<{ url: string; events: string[]; description: string }>("add", AddEndpointSchema, {
    defaultValue: { events: ["gate.decided"] },
  });
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <h1 className="text-2xl font-bold">Webhooks</h1>
      <p className="text-sm text-slate-600">
        Gatepath POSTs each chosen event as JSON to the endpoint, signed the Standard Webhooks way (webhook-id, webhook-timestamp and webhook-signature
        headers), and tries again with growing pauses for a day when it fails. The body has a <code>text</code> line, so a Slack or Teams incoming-webhook
        address works as it is.
      </p>
      <Section id="endpoints-heading" title={`Endpoints (${endpoints.length})`}>
        {endpoints.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">None yet: add the address of your team&rsquo;s tool below.</p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-100 text-sm">
            {endpoints.map((e) => (
              <li key={e.id} className="py-2">
                <Link to={`/settings/webhooks/${e.id}`} className="font-medium text-brand underline">
                  {e.url}
                </Link>
                {e.description ? <span className="text-slate-600"> — {e.description}</span> : null}
                <span className="block text-xs text-slate-600">
                  {e.events.join(", ")} ·{" "}
                  {e.last ? (
                    <>
                      last: {STATUS_WORDS[e.last.status] ?? e.last.status}, <Instant value={e.last.createdAt} time />
                    </>
                  ) : (
                    "nothing sent yet"
                  )}
                </span>
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section id="add-heading" title="Add an endpoint">
        <Form method="post" className="mt-2 space-y-3" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="add" />
          <TextField
            label="Address (https://…)"
            inputMode="url"
            errors={fields.url.errors}
            {...getInputProps(fields.url, { type: "text" })}
            id={fields.url.id}
          />
          <fieldset aria-describedby={fields.events.errors ? fields.events.errorId : undefined}>
            <legend className="text-sm font-medium">Events it is sent</legend>
            <div className="mt-1 grid gap-1 text-sm sm:grid-cols-2">
              {WEBHOOK_EVENT_NAMES.map((name) => (
                <label key={name} className="flex items-center gap-2">
                  <input type="checkbox" name="events" value={name} defaultChecked={(fields.events.initialValue as string[] | undefined)?.includes(name)} />
                  {WEBHOOK_EVENTS[name]} <code className="text-xs text-slate-600">{name}</code>
                </label>
              ))}
            </div>
            <FieldErrors id={fields.events.errorId} errors={fields.events.errors} />
          </fieldset>
          <TextField
            label="What it is for (optional)"
            errors={fields.description.errors}
            {...getInputProps(fields.description, { type: "text" })}
            id={fields.description.id}
          />
          <FormErrors id={form.errorId} errors={form.errors} />
          <Button type="submit" disabled={busy}>
            Add endpoint
          </Button>
        </Form>
      </Section>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";

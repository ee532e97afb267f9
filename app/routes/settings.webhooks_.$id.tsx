// One webhook endpoint (issue 25): its signing secret, its delivery log (each message with every
// try: when, the status the endpoint answered, the start of its answer) and "send again".
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Button } from "~/components/ui/field";
import { Instant } from "~/components/ui/instant";
import { Section } from "~/components/ui/section";
import { EndpointIdSchema, SendAgainSchema } from "~/modules/notifications/webhook-events";
import { endpointLog, removeEndpoint, sendAgain } from "~/modules/notifications/webhooks.server";
import { requireUserWithPermission } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { notFound } from "~/utils/http.server";
import { dispatchIntent, submitIntent, type IntentAction } from "~/utils/intent.server";

export const meta: MetaFunction = () => [{ title: "Webhook endpoint · Gatepath" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, "webhook:manage");
  const endpoint = await endpointLog(prisma, params.id ?? "");
  if (!endpoint) throw notFound("There is no such endpoint.");
  return json({ endpoint: { ...endpoint, events: endpoint.events.split(",").filter(Boolean) } });
}

const INTENTS: Record<string, IntentAction<{ user: { id: string }; id: string }>> = {
  send_again: ({ user, id }, form, intent) =>
    submitIntent(form, intent, SendAgainSchema, (v) => sendAgain(prisma, user.id, id, v.messageId), {
      to: `/settings/webhooks/${id}`,
      message: () => "Sent again: the worker delivers it within a few seconds.",
    }),
  remove: ({ user, id }, form, intent) =>
    submitIntent(form, intent, EndpointIdSchema, () => removeEndpoint(prisma, user.id, id), { to: "/settings/webhooks", message: () => "Endpoint removed." }),
};

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, "webhook:manage");
  return dispatchIntent(await request.formData(), INTENTS, { user, id: params.id ?? "" });
}

export default function Endpoint() {
  const { endpoint } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <p className="text-sm">
        <Link to="/settings/webhooks" className="text-brand underline">
          Webhooks
        </Link>
      </p>
      <h1 className="break-all text-2xl font-bold">{endpoint.url}</h1>
      <dl className="grid gap-2 text-sm sm:grid-cols-[auto_1fr]">
        <dt className="font-medium">Events</dt>
        <dd>{endpoint.events.join(", ")}</dd>
        {endpoint.description ? (
          <>
            <dt className="font-medium">For</dt>
            <dd>{endpoint.description}</dd>
          </>
        ) : null}
        <dt className="font-medium">Signing secret</dt>
        <dd>
          <details>
            <summary className="cursor-pointer text-brand underline">Show the secret</summary>
            <code className="break-all" data-testid="webhook-secret">
              {endpoint.secret}
            </code>
          </details>
        </dd>
      </dl>
      <Section id="log-heading" title={`Delivery log (${endpoint.messages.length === 50 ? "newest 50" : endpoint.messages.length})`}>
        {endpoint.messages.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">Nothing sent yet.</p>
        ) : (
          <ul className="mt-2 space-y-3 text-sm">
            {endpoint.messages.map((m) => (
              <li key={m.id} className="rounded border border-slate-200 p-3" data-delivery={m.status}>
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <span>
                    <code>{m.kind}</code> · <Instant value={m.createdAt} time /> · <strong>{m.status}</strong>
                    {m.status === "pending" && m.attempts > 0 ? (
                      <>
                        {" "}
                        (next try <Instant value={m.nextAttemptAt} time />)
                      </>
                    ) : null}
                  </span>
                  {m.status === "sent" || m.status === "failed" ? (
                    <Form method="post">
                      <input type="hidden" name="intent" value="send_again" />
                      <input type="hidden" name="endpointId" value={endpoint.id} />
                      <input type="hidden" name="messageId" value={m.id} />
                      <Button type="submit" variant="secondary" className="px-2 py-1">
                        Send again<span className="sr-only"> {m.messageId}</span>
                      </Button>
                    </Form>
                  ) : null}
                </div>
                {m.tries.length > 0 ? (
                  <table className="mt-2 w-full text-left text-xs">
                    <caption className="sr-only">Tries of {m.messageId}</caption>
                    <thead>
                      <tr>
                        <th scope="col">When</th>
                        <th scope="col">Answer</th>
                        <th scope="col">Time</th>
                        <th scope="col">Response</th>
                      </tr>
                    </thead>
                    <tbody>
                      {m.tries.map((t) => (
                        <tr key={t.id} data-try={t.ok ? "ok" : "failed"}>
                          <td>
                            <Instant value={t.at} time />
                          </td>
                          <td>
                            {t.status ?? "no answer"} {t.ok ? "(delivered)" : "(failed)"}
                          </td>
                          <td>{t.ms} ms</td>
                          <td className="break-all font-mono">{t.snippet}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section id="remove-heading" title="Remove">
        <Form method="post" className="mt-2">
          <input type="hidden" name="intent" value="remove" />
          <input type="hidden" name="endpointId" value={endpoint.id} />
          <Button type="submit" variant="secondary">
            Remove this endpoint and its log
          </Button>
        </Form>
      </Section>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";

// How messages leave (the delivery worker's senders), as types apart from the worker itself, so
// the webhook sender (webhooks.server.ts), which the worker loads on demand, can name them.
import type { NotificationEmail } from "./email";

export type OutgoingEmail = NotificationEmail & { to: string; messageId: string; unsubscribeUrl: string };
export type WebhookAnswer = { status: number | null; snippet: string };

/** How messages leave: the worker's own (SMTP and HTTP) or, in tests, what they choose. */
export type Senders = {
  email?: (mail: OutgoingEmail) => Promise<void>;
  webhook?: (message: { id: number; messageId: string; endpointId: string; payload: string; createdAt: Date }, now: Date) => Promise<WebhookAnswer>;
};

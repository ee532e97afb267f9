// The events a webhook endpoint may ask for (issue 25), and the form that adds an endpoint.
// Shared by the settings page (client and server) and the module.
import { z } from "zod";

export const WEBHOOK_EVENTS = {
  "gate.decided": "A gate is decided",
  "stage.changed": "A project changes stage or status",
  "review.requested": "A gate review is requested",
  "project.created": "A project is proposed",
  "metric.off_target": "A metric's latest value is off target",
} as const;

export type WebhookEvent = keyof typeof WEBHOOK_EVENTS;
export const WEBHOOK_EVENT_NAMES = Object.keys(WEBHOOK_EVENTS) as WebhookEvent[];

export const AddEndpointSchema = z.object({
  url: z.string({ required_error: "Give the endpoint's address." }).trim().max(2000, "Keep the address under 2,000 characters."),
  events: z
    .array(z.string(), { required_error: "Choose at least one event." })
    .min(1, "Choose at least one event.")
    .refine(
      (names) => names.every((n) => n in WEBHOOK_EVENTS),
      (names) => ({ message: `There is no event ${names.find((n) => !(n in WEBHOOK_EVENTS))}.` }),
    )
    .transform((names) => [...new Set(names)] as WebhookEvent[]),
  description: z.string().trim().max(200, "Keep the description under 200 characters.").default(""),
});

export const EndpointIdSchema = z.object({ endpointId: z.string({ required_error: "Choose an endpoint." }).min(1).max(40) });
export const SendAgainSchema = EndpointIdSchema.extend({ messageId: z.coerce.number({ invalid_type_error: "Choose a delivery." }).int().positive() });

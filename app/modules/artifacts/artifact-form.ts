// Schemas of the artifact forms, shared by the editor (client) and the actions (server).
import { z } from "zod";
import { ARTIFACT_KINDS, STAGES } from "~/modules/lifecycle/stages";

/** Largest Markdown body accepted, in bytes of UTF-8. */
export const MAX_BODY_BYTES = 200 * 1024;
export const MAX_TITLE = 200;

export function byteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** Links must be absolute http(s) addresses: no javascript:, data:, file: or relative paths. */
export const linkSchema = z
  .string({ required_error: "Give the link" })
  .trim()
  .max(2000, "Keep the link under 2,000 characters")
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === "http:" || url.protocol === "https:") && Boolean(url.hostname);
    } catch {
      return false;
    }
  }, "Use a full http:// or https:// address");

const bodySchema = z
  .string({ required_error: "Write the document" })
  .refine((body) => body.trim().length > 0, "Write the document")
  .refine((body) => byteLength(body) <= MAX_BODY_BYTES, `Keep the document under ${MAX_BODY_BYTES / 1024} KB`);

const titleSchema = z
  .string({ required_error: "Give the artifact a title" })
  .trim()
  .min(3, "A title has at least 3 characters")
  .max(MAX_TITLE, `Keep the title under ${MAX_TITLE} characters`);

const contentSchema = z.discriminatedUnion("mode", [
  z.object({ mode: z.literal("link"), url: linkSchema }),
  z.object({ mode: z.literal("document"), body: bodySchema }),
]);

export const ArtifactCreateSchema = z
  .object({
    kind: z.enum(ARTIFACT_KINDS, { errorMap: () => ({ message: "Choose a kind from the list" }) }),
    stage: z.enum(STAGES, { errorMap: () => ({ message: "Choose a stage from the list" }) }),
    title: titleSchema,
  })
  .and(contentSchema);

export const ArtifactEditSchema = z
  .object({
    title: titleSchema,
    version: z.coerce.number({ invalid_type_error: "The form lost its version; reload" }).int().positive(),
  })
  .and(contentSchema);

export const RequestReviewSchema = z.object({
  intent: z.literal("request_review"),
  reviewerId: z.string({ required_error: "Choose a reviewer" }).min(1, "Choose a reviewer").max(40),
});

export const ReviewSchema = z.object({
  intent: z.literal("review"),
  outcome: z.enum(["approved", "sent_back"], { errorMap: () => ({ message: "Approve or send back" }) }),
  version: z.coerce.number().int().positive(),
  comment: z.string().trim().max(5000, "Keep the comment under 5,000 characters").optional(),
  /** An administrator's reason to approve a version whose structural checks fail. */
  overrideReason: z.string().trim().max(1000, "Keep the reason under 1,000 characters").optional(),
});

export const WithdrawSchema = z.object({
  intent: z.literal("withdraw"),
  reason: z.string({ required_error: "Say why it is withdrawn" }).trim().min(3, "Say why it is withdrawn").max(1000),
});

export const ActionItemSchema = z.object({
  intent: z.literal("action_item"),
  itemId: z.string().min(1).max(40),
  done: z.enum(["true", "false"]).transform((v) => v === "true"),
});

export type ArtifactCreate = z.infer<typeof ArtifactCreateSchema>;
export type ArtifactEdit = z.infer<typeof ArtifactEditSchema>;

// The API token forms, shared by the settings page (client and server) and the module.
import { z } from "zod";

export const CreateTokenSchema = z.object({
  intent: z.literal("create"),
  name: z
    .string({ required_error: "Name the token after what uses it" })
    .trim()
    .min(3, "Name the token after what uses it")
    .max(80, "Keep the name under 80 characters"),
  scope: z
    .string()
    .trim()
    .max(20, "Give a project key like GP-12")
    .optional()
    .transform((s) => s || null)
    .refine((s) => s === null || /^GP-\d{1,9}$/.test(s), "Give a project key like GP-12, or leave it empty for the organisation"),
  access: z.enum(["read", "write"], { errorMap: () => ({ message: "Choose read, or read and record values" }) }).default("write"),
});

export const RevokeTokenSchema = z.object({
  intent: z.literal("revoke"),
  tokenId: z.string({ required_error: "Choose a token to revoke" }).min(1).max(40),
});

export type CreateToken = Omit<z.infer<typeof CreateTokenSchema>, "intent">;

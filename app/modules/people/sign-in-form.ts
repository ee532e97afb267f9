// The sign-in settings form (issue 25, item 5), shared by the page (client and server) and the module.
import { z } from "zod";

export const SignInSettingsSchema = z.object({
  ssoNewMembers: z
    .string()
    .optional()
    .transform((v) => v === "on"),
  ssoDomains: z.string().trim().max(1000, "Keep the list under 1,000 characters.").optional().default(""),
  passwordSignIn: z.enum(["on", "off"], { errorMap: () => ({ message: "Say whether passwords still sign people in." }) }).transform((v) => v === "on"),
  breakGlassId: z
    .string()
    .max(40)
    .optional()
    .transform((v) => v || null),
});

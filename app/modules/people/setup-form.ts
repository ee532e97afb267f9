// The one-time setup form of an empty workspace, shared by the page (client checks) and the action.
import { z } from "zod";

export const SetupSchema = z.object({
  token: z.string({ required_error: "Give the setup token the server printed" }).trim().min(1, "Give the setup token the server printed").max(200),
  organisation: z.string({ required_error: "Name the organisation" }).trim().min(2, "Name the organisation").max(120, "Keep the name under 120 characters"),
  name: z.string({ required_error: "Give your name" }).trim().min(1, "Give your name").max(120, "Keep your name under 120 characters"),
  email: z.string({ required_error: "Give your email address" }).trim().email("Give a valid email address").max(254),
  password: z.string({ required_error: "Choose a password" }).min(1, "Choose a password").max(200, "Keep the password under 200 characters"),
});

export type SetupInput = z.infer<typeof SetupSchema>;

// The forms of the people page and the sign-up page, shared by the pages (client checks) and the actions.
import { z } from "zod";
import { USER_ROLES } from "~/modules/lifecycle/stages";
import { TEAM_ROLES } from "~/modules/teams/team-form";

/** How long an invitation link works, and a password-reset link (shared with the page, which says so). */
export const INVITE_DAYS = 7;
export const RESET_HOURS = 24;

const email = z.string({ required_error: "Give their email address" }).trim().toLowerCase().email("Give a valid email address").max(254);
const name = z.string({ required_error: "Give their name" }).trim().min(1, "Give their name").max(120, "Keep the name under 120 characters");
const role = z.enum(USER_ROLES, { errorMap: () => ({ message: "Choose a role from the list" }) });
const userId = z.string({ required_error: "Choose a person" }).min(1).max(40);

/** An invitation: the account, and optionally a team to join with its role there (issue 27, item 1). */
export const InviteSchema = z.object({
  intent: z.literal("invite"),
  email,
  name,
  role,
  teamId: z
    .string()
    .max(40)
    .optional()
    .transform((id) => id || undefined),
  teamRole: z.enum(TEAM_ROLES, { errorMap: () => ({ message: "Choose member or gatekeeper" }) }).default("member"),
});
export const ChangeRoleSchema = z.object({ intent: z.literal("role"), userId, role });
export const PersonRefSchema = z.object({ intent: z.enum(["deactivate", "reactivate"]), userId });

export const PersonResetSchema = z.object({ intent: z.literal("reset"), userId });

/** A one-time link's form: a name only when joining (a reset keeps it), and the password. */
export const SignUpSchema = z.object({
  name: name.optional(),
  password: z.string({ required_error: "Choose a password" }).min(1, "Choose a password").max(200, "Keep the password under 200 characters"),
});

export const ProfileNameSchema = z.object({ intent: z.literal("name"), name });
export const PasswordChangeSchema = z.object({
  intent: z.literal("password"),
  current: z.string({ required_error: "Give your current password" }).min(1, "Give your current password").max(200),
  password: z.string({ required_error: "Choose a new password" }).min(1, "Choose a new password").max(200, "Keep the password under 200 characters"),
});
export const TimeZoneSchema = z.object({
  intent: z.literal("time_zone"),
  // Blank: none chosen, so the browser's is used.
  timeZone: z.string().max(64).optional(),
});

/** Light, dark, or whichever the person's system asks for. */
export const THEMES = ["system", "light", "dark"] as const;
export type Theme = (typeof THEMES)[number];
export const ThemeSchema = z.object({
  theme: z.enum(THEMES, { errorMap: () => ({ message: "Choose System, Light or Dark" }) }),
  // Where the person was: the header's switch sends them back there.
  redirectTo: z.string().max(2000).optional(),
});

// The role forms' schemas, shared by the page (client checks) and the action.
import { z } from "zod";
import { PROJECT_ROLE_KINDS } from "~/modules/lifecycle/stages";

export const AssignRoleSchema = z.object({
  intent: z.literal("assign_role"),
  userId: z.string({ required_error: "Choose a person" }).min(1, "Choose a person").max(40),
  role: z.enum(PROJECT_ROLE_KINDS, { required_error: "Choose a role", invalid_type_error: "Choose a role" }),
});

export const RoleRefSchema = z.object({
  intent: z.enum(["remove_role", "acknowledge_role"]),
  roleId: z.string().min(1).max(40),
});

/** Who runs an adopted project's result in steady state: a person, or nobody yet (blank). */
export const SteadyOwnerSchema = z.object({
  intent: z.literal("steady_owner"),
  userId: z
    .string()
    .max(40)
    .optional()
    .transform((id) => id || null),
});

// The forms of the teams pages, shared by the pages (client checks) and the actions.
import { z } from "zod";

export const TEAM_ROLES = ["member", "gatekeeper"] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

const name = z
  .string({ required_error: "Give the team a name" })
  .trim()
  .min(2, "Give the team a name of at least 2 characters")
  .max(80, "Keep the name under 80 characters");
const role = z.enum(TEAM_ROLES, { errorMap: () => ({ message: "Choose member or gatekeeper" }) });
const userId = z.string({ required_error: "Choose a person" }).min(1, "Choose a person").max(40);

export const CreateTeamSchema = z.object({ intent: z.literal("create"), name });
export const RenameTeamSchema = z.object({ intent: z.literal("rename"), name });
export const ArchiveTeamSchema = z.object({ intent: z.enum(["archive", "unarchive"]) });
export const AddMemberSchema = z.object({ intent: z.literal("add_member"), userId, role });
export const MemberRoleSchema = z.object({ intent: z.literal("member_role"), userId, role });
export const RemoveMemberSchema = z.object({ intent: z.literal("remove_member"), userId });

/** A URL name from a team name: lower-case words joined by hyphens. */
export function teamSlug(name: string): string {
  return (
    name
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 40)
      .replace(/-+$/g, "") || "team"
  );
}

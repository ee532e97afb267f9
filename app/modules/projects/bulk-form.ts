// The table's change of team or owner (issue 27, item 4): for one row in place, or for the rows
// chosen. Shared by the page (client checks) and the action.
import { z } from "zod";

export const BULK_LIMIT = 100;

/** The "No team" choice of a team change. */
export const NO_TEAM = "none";

export const BulkChangeSchema = z
  .object({
    intent: z.literal("change_projects"),
    keys: z
      .array(z.string().regex(/^GP-\d{1,9}$/, "Choose projects from the table"), { required_error: "Choose at least one project" })
      .min(1, "Choose at least one project")
      .max(BULK_LIMIT, `Change at most ${BULK_LIMIT} projects at once`),
    field: z.enum(["team", "owner"], { errorMap: () => ({ message: "Choose what to change: team or owner" }) }),
    // NO_TEAM takes a project out of every team (an empty choice would read as no choice at all).
    teamId: z.string().max(40).optional(),
    ownerId: z.string().max(40).optional(),
    // Where the change was made, to go back to: the table's query, or a project's page.
    back: z
      .string()
      .regex(/^((\?[^#]*)?|\/projects\/GP-\d{1,9})$/)
      .default(""),
  })
  .superRefine((v, ctx) => {
    if (v.field === "owner" && !v.ownerId) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["ownerId"], message: "Choose the new owner" });
    if (v.field === "team" && !v.teamId) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["teamId"], message: "Choose a team, or No team" });
  });

export type BulkChangeInput = z.infer<typeof BulkChangeSchema>;

/** What the toast says: how many changed, and each refused row with its reason. */
export function bulkMessage(field: "team" | "owner", outcome: { changed: string[]; unchanged: string[]; refused: { key: string; reason: string }[] }): string {
  const what = field === "team" ? "Team" : "Owner";
  const parts = [
    outcome.changed.length === 1 ? `${what} changed on ${outcome.changed[0]}.` : `${what} changed on ${outcome.changed.length} projects.`,
    outcome.unchanged.length ? `${outcome.unchanged.length} already had it.` : "",
    outcome.refused.length ? `Not changed: ${outcome.refused.map((r) => `${r.key} (${r.reason})`).join("; ")}.` : "",
  ];
  return parts.filter(Boolean).join(" ");
}

/** The page to go back to after a change: a project's page, or the table with its query. */
export const backTo = (back: string) => (back.startsWith("/") ? back : `/projects${back}`);

// The project form: the facts a project records, shared by create and edit, client and server.
import { isValid, parseISO } from "date-fns";
import { z } from "zod";
import { FACT_FIELDS, type FactField } from "~/modules/lifecycle/facts";

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Keep it under ${max.toLocaleString("en")} characters`)
    .optional();

/** The free-text facts a person edits (the launch date and steady-state owner are not text). */
export const PROJECT_TEXT_FIELDS = FACT_FIELDS.filter(
  (f): f is Exclude<FactField, "launchedAt" | "steadyStateOwner"> => f !== "launchedAt" && f !== "steadyStateOwner",
);

export const ProjectFieldsSchema = z.object({
  title: z
    .string({ required_error: "Give the project a title" })
    .trim()
    .min(3, "A title has at least 3 characters")
    .max(200, "Keep the title under 200 characters"),
  teamId: z.string().max(40).optional(),
  customer: text(500),
  problem: text(5000),
  whyNow: text(5000),
  customerData: text(5000),
  similarSystems: text(5000),
  feasibilityReview: text(5000),
  constraints: text(5000),
  scopeBoundary: text(5000),
  idealEndState: text(5000),
  rollout: text(5000),
  launchedAt: z
    .string()
    .refine((s) => /^\d{4}-\d{2}-\d{2}$/.test(s) && isValid(parseISO(s)), "Use a real date, like 2026-12-31")
    .transform((s) => new Date(`${s}T00:00:00Z`))
    .optional(),
});

export const CreateProjectSchema = ProjectFieldsSchema;

export const EditProjectSchema = ProjectFieldsSchema.extend({
  version: z.coerce.number({ invalid_type_error: "Reload the page and try again" }).int().min(1),
});

export type ProjectFields = z.infer<typeof ProjectFieldsSchema>;

/** Values as the database stores them: blanks are null. */
export function toProjectData(fields: ProjectFields) {
  const data: Record<string, string | Date | null> = { title: fields.title, teamId: fields.teamId || null, launchedAt: fields.launchedAt ?? null };
  for (const f of PROJECT_TEXT_FIELDS) data[f] = fields[f] || null;
  return data as { title: string; teamId: string | null; launchedAt: Date | null } & Record<(typeof PROJECT_TEXT_FIELDS)[number], string | null>;
}

type Comparable = string | number | Date | null | undefined;

/** The fields whose values differ between two versions of a project, with both values. */
export function diffFields<T extends Record<string, Comparable>>(before: T, after: T, fields: readonly (keyof T)[]) {
  const norm = (v: Comparable) => (v instanceof Date ? v.toISOString() : (v ?? null));
  return fields.filter((f) => norm(before[f]) !== norm(after[f])).map((f) => ({ field: String(f), before: norm(before[f]), after: norm(after[f]) }));
}

/** Scope cut from a plan, forked into its own project. */
export const ForkSchema = ProjectFieldsSchema.pick({ title: true, customer: true, problem: true }).extend({ intent: z.literal("fork") });

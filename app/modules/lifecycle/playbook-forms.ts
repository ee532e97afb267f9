// Schemas of the playbook's per-stage forms (client and server). Parameters are written as
// YAML ("min: 2", one per line) and checked against the rule by the playbook's validation.
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { ARTIFACT_KINDS } from "./stages";

export const ChangeNote = z
  .string({ required_error: "Write a change note" })
  .trim()
  .min(3, "Write a change note of at least 3 characters")
  .max(500, "Keep the note under 500 characters");

const params = z
  .string()
  .max(2000, "Keep the parameters under 2,000 characters")
  .optional()
  .transform((text, ctx) => {
    if (!text?.trim()) return {} as Record<string, unknown>;
    try {
      const value: unknown = parseYaml(text);
      if (value === null || value === undefined) return {};
      if (typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
    } catch {
      // reported below
    }
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'Write parameters as "name: value", one per line' });
    return z.NEVER;
  });

export const CriterionFormSchema = z.object({
  intent: z.literal("save"),
  originalKey: z
    .string()
    .max(41)
    .optional()
    .transform((s) => s || null),
  key: z.string({ required_error: "Give the criterion a key" }).trim(),
  label: z.string({ required_error: "Give the criterion a label" }).trim(),
  level: z.enum(["must", "should"], { errorMap: () => ({ message: "Choose must-meet or should-meet" }) }),
  weight: z.coerce.number({ invalid_type_error: "Weight is a whole number from 1 to 10" }).default(1),
  rule: z.string({ required_error: "Choose a rule" }).min(1, "Choose a rule"),
  params,
  artifactKinds: z.array(z.enum(ARTIFACT_KINDS, { errorMap: () => ({ message: "Choose artifact kinds from the list" }) })).default([]),
  note: ChangeNote,
});

export const RemoveCriterionSchema = z.object({ intent: z.literal("remove"), key: z.string().min(1).max(41), note: ChangeNote });

export const ExpectedDaysSchema = z.object({
  intent: z.literal("expected_days"),
  expectedDays: z.coerce.number({ invalid_type_error: "Expected days is a whole number" }).int("Expected days is a whole number"),
  note: ChangeNote,
});

export const QuorumSchema = z.object({
  intent: z.literal("quorum"),
  quorum: z.coerce.number({ invalid_type_error: "The quorum is a whole number" }).int("The quorum is a whole number"),
  note: ChangeNote,
});

/** Whether documents for this gate are approved only once their comment threads are resolved. */
export const ResolveThreadsSchema = z.object({
  intent: z.literal("resolve_threads"),
  resolveThreadsFirst: z.enum(["yes", "no"], { errorMap: () => ({ message: "Choose whether open threads block approval" }) }),
  note: ChangeNote,
});

// The metric definition form, shared by the page (client) and the action (server).
import { z } from "zod";

const optionalNumber = (message: string) =>
  z
    .string()
    .optional()
    .transform((s, ctx) => {
      if (s === undefined || s.trim() === "") return null;
      const n = Number(s.trim());
      if (!Number.isFinite(n)) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message });
        return z.NEVER;
      }
      return n;
    });

export const MetricSchema = z
  .object({
    name: z.string({ required_error: "Name the metric" }).trim().min(2, "Name the metric").max(120, "Keep the name under 120 characters"),
    definition: z.string({ required_error: "Say how it is measured" }).trim().min(3, "Say how it is measured").max(1000),
    ownerId: z
      .string()
      .max(40)
      .optional()
      .transform((s) => s || null),
    kind: z.enum(["input", "output"], { errorMap: () => ({ message: "Choose input or output" }) }),
    unit: z.string({ required_error: "Give the unit" }).trim().min(1, "Give the unit (count, %, ms, €...)").max(20),
    isRate: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()),
    allowsNegative: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()),
    aggregate: z.enum(["sum", "mean"], { errorMap: () => ({ message: "Choose how values add up" }) }),
    direction: z.enum(["higher", "lower"], { errorMap: () => ({ message: "Choose whether higher or lower is better" }) }),
    target: optionalNumber("The target is a number, like 0.95 or 500"),
    cadence: z.enum(["daily", "weekly", "monthly"], { errorMap: () => ({ message: "Choose a cadence" }) }),
    drives: z.array(z.string().max(40)).max(20).default([]),
  })
  .superRefine((m, ctx) => {
    if (m.isRate && m.target !== null && (m.target < 0 || m.target > 1)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["target"], message: "A rate's target is a share of 1, like 0.95" });
    }
    if (m.kind === "output" && m.drives.length > 0) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["drives"], message: "Only input metrics drive outputs" });
    }
  });

export type MetricInput = z.infer<typeof MetricSchema>;

export const RetireMetricSchema = z.object({
  intent: z.literal("retire"),
  reason: z.string({ required_error: "Say why it is retired" }).trim().min(3, "Say why it is retired").max(500, "Keep the reason under 500 characters"),
});

/**
 * The value grid: cells named v_<period> and one extra period with its value. Only the shape is
 * checked here: the numbers go through the value check the CSV import and the API share (value-rows.ts).
 */
export const ValueGridSchema = z
  .object({
    intent: z.literal("values"),
    period: z.string().max(40).optional(),
    value: z.string().max(100).optional(),
  })
  .catchall(z.string().max(100));

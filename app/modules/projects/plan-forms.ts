// Schemas of the project page's plan forms: tenets, milestones and the decision log.
import { Checkbox } from "~/modules/form-fields";
import { isValid, parseISO } from "date-fns";
import { z } from "zod";
import { MILESTONE_STATES } from "~/modules/lifecycle/stages";

export const MAX_TENETS = 7;

const day = z
  .string({ required_error: "Give a date" })
  .refine((s) => /^\d{4}-\d{2}-\d{2}$/.test(s) && isValid(parseISO(s)), "Use a real date, like 2026-12-31")
  .transform((s) => new Date(`${s}T00:00:00Z`));

export const TenetSchema = z.object({
  intent: z.literal("add_tenet"),
  title: z.string({ required_error: "Give the tenet a title" }).trim().min(3, "A title has at least 3 characters").max(120),
  body: z.string({ required_error: "State the tenet in one sentence" }).trim().min(3, "State the tenet in one sentence").max(400, "Keep it to one sentence"),
  kind: z.enum(["foundational", "aspirational"], { required_error: "Choose foundational or aspirational" }),
});

export const MilestoneSchema = z.object({
  intent: z.literal("add_milestone"),
  title: z.string({ required_error: "Name the milestone" }).trim().min(3, "A name has at least 3 characters").max(200),
  dueDate: day,
  ownerId: z.string({ required_error: "Choose an owner" }).min(1, "Choose an owner").max(40),
});

export const MilestoneStateSchema = z.object({
  intent: z.literal("milestone_state"),
  milestoneId: z.string().min(1).max(40),
  state: z.enum(MILESTONE_STATES),
});

const lines = (s: string) =>
  s
    .split(/\n|;/)
    .map((l) => l.trim())
    .filter(Boolean);

export const DecisionLogSchema = z
  .object({
    intent: z.literal("add_decision"),
    title: z.string({ required_error: "Say what was decided" }).trim().min(3, "Say what was decided").max(200),
    door: z.enum(["one_way", "two_way"], { required_error: "Choose one-way or two-way door" }),
    options: z.string({ required_error: "List the options considered" }).transform(lines),
    chosen: z.string({ required_error: "Say which option was chosen" }).trim().min(1).max(200),
    rationale: z.string({ required_error: "Write the rationale" }).trim().min(3, "Write the rationale").max(5000),
    dissent: z
      .string()
      .optional()
      .transform((s) => (s ? lines(s.replace(/,/g, "\n")) : [])),
    // An irreversible choice is confirmed on purpose (issue 13, item 3).
    confirm: Checkbox,
  })
  .superRefine((d, ctx) => {
    if (d.door === "one_way" && !d.confirm) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["confirm"], message: "A one-way door cannot be undone: tick to confirm you mean it" });
    }
    if (d.door === "one_way" && d.options.length < 2) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["options"], message: "A one-way door needs at least two options, one per line" });
    }
    if (d.options.length === 0) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["options"], message: "List the options considered, one per line" });
    if (d.options.length && !d.options.includes(d.chosen)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["chosen"], message: "The chosen option must be one of the options listed" });
    }
  });

export const RemoveSchema = z.object({
  intent: z.enum(["remove_tenet", "remove_milestone", "move_tenet_up"]),
  id: z.string().min(1).max(40),
});

// The gate decision form's schema, shared by the page (client checks) and the action.
import { Checkbox, IsoDate } from "~/modules/form-fields";
import { z } from "zod";
import type { DecisionRequest } from "./decide";
import { DECISION_KINDS, STAGES } from "./stages";

export const DecisionFormSchema = z
  .object({
    intent: z.literal("decide"),
    version: z.coerce.number({ invalid_type_error: "Reload the page and try again" }).int().min(1),
    kind: z.enum(DECISION_KINDS, { required_error: "Choose a decision", invalid_type_error: "Choose a decision" }),
    rationale: z.string().trim().max(5000, "Keep the rationale under 5,000 characters").optional(),
    revisitDate: IsoDate.optional(),
    recycleTo: z.enum(STAGES, { invalid_type_error: "Choose a stage" }).optional(),
    condition: z.string().trim().max(2000).optional(),
    conditionDueDate: IsoDate.optional(),
    overrideReason: z.string().trim().max(2000).optional(),
    dissent: z.string().trim().max(2000, "Keep the dissent under 2,000 characters").optional(),
    // An irreversible choice is confirmed on purpose (issue 13, item 3).
    confirm: Checkbox,
  })
  .superRefine((d, ctx) => {
    if (d.kind === "stop" && !d.confirm) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["confirm"], message: "Stop closes the project for good: tick to confirm" });
    }
  });

/** Asking for a gate review; `confirm` sends it although must-meet criteria are unmet. */
export const RequestReviewSchema = z.object({
  intent: z.literal("request_review"),
  confirm: Checkbox,
});

export type DecisionForm = z.infer<typeof DecisionFormSchema>;

export function toDecisionRequest(form: DecisionForm): DecisionRequest {
  return {
    kind: form.kind,
    rationale: form.rationale ?? null,
    revisitDate: form.revisitDate ?? null,
    recycleTo: form.recycleTo ?? null,
    condition: form.condition ?? null,
    conditionDueDate: form.conditionDueDate ?? null,
    overrideReason: form.overrideReason ?? null,
    dissent: form.dissent ?? null,
  };
}

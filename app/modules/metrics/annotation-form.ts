import { z } from "zod";

export const ANNOTATION_KINDS = ["explanation", "anecdote", "exception", "investigating"] as const;
export const ANNOTATION_NAMES: Record<(typeof ANNOTATION_KINDS)[number], string> = {
  explanation: "Explanation",
  anecdote: "Anecdote",
  exception: "Exception",
  investigating: "Investigating",
};

export const AnnotationSchema = z.object({
  intent: z.literal("annotate"),
  period: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Choose a period from the list"),
  kind: z.enum(ANNOTATION_KINDS, { errorMap: () => ({ message: "Choose what kind of note this is" }) }),
  body: z.string({ required_error: "Write the note" }).trim().min(3, "Write the note").max(2000, "Keep the note under 2,000 characters"),
});

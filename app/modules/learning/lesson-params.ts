// The lessons library's search, as the address holds it (?q=&stage=&outcome=&team=&page=):
// anything unknown is dropped rather than refused, as the project table's filters are.
import { z } from "zod";
import { STAGES } from "~/modules/lifecycle/stages";
import { LESSON_OUTCOMES } from "./retrospective";

export const LessonParamsSchema = z.object({
  q: z
    .string()
    .trim()
    .max(200)
    .optional()
    .catch(undefined)
    .transform((q) => q || undefined),
  stage: z.enum(STAGES).optional().catch(undefined),
  outcome: z.enum(LESSON_OUTCOMES).optional().catch(undefined),
  team: z
    .string()
    .max(40)
    .optional()
    .catch(undefined)
    .transform((t) => t || undefined),
  page: z.coerce
    .number()
    .int()
    .min(1)
    .max(10_000)
    .optional()
    .catch(undefined)
    .transform((p) => p ?? 1),
});

export type LessonParams = z.output<typeof LessonParamsSchema>;

export const parseLessonParams = (search: URLSearchParams): LessonParams => LessonParamsSchema.parse(Object.fromEntries(search));

// Retrospectives (issue 26, item 2), the pure part: which decisions open one, which the playbook
// requires before the project closes, and the form that writes one. No Prisma, no React.
import { z } from "zod";
import { IsoDate } from "~/modules/form-fields";
import { nextStage, stageIndex, type DecisionKind, type StageKey } from "~/modules/lifecycle/stages";

export const RETROSPECTIVE_TRIGGERS = ["stop", "recycle", "done"] as const;
export type RetrospectiveTrigger = (typeof RETROSPECTIVE_TRIGGERS)[number];

export const TRIGGER_NAMES: Record<RetrospectiveTrigger, string> = { stop: "Stop", recycle: "Recycle", done: "Done-Done" };

/** Where a lesson came from: a retrospective's decision, or a COE. */
export const LESSON_OUTCOMES = [...RETROSPECTIVE_TRIGGERS, "coe"] as const;
export type LessonOutcome = (typeof LESSON_OUTCOMES)[number];
export const LESSON_OUTCOME_NAMES: Record<LessonOutcome, string> = { ...TRIGGER_NAMES, coe: "COE" };

/** Where a retrospective is required unless the playbook says otherwise: the two ends of a project. */
export const DEFAULT_RETROSPECTIVE_REQUIRED: readonly RetrospectiveTrigger[] = ["stop", "done"];

/** The retrospective a decision opens: Stop, Recycle, and a Go that finishes the project (Done-Done). */
export function retrospectiveTrigger(kind: DecisionKind, statusAfter: string): RetrospectiveTrigger | null {
  if (kind === "stop") return "stop";
  if (kind === "recycle") return "recycle";
  if ((kind === "go" || kind === "conditional_go") && statusAfter === "done") return "done";
  return null;
}

/**
 * What the gate checklist says about retrospectives at this stage: which decisions here would open
 * one, and which of those the playbook requires before the project closes. Null when none would.
 */
export function retrospectiveNote(stage: StageKey, required: readonly RetrospectiveTrigger[]): string | null {
  const here = RETROSPECTIVE_TRIGGERS.filter((t) => (t === "done" ? nextStage(stage) === null : t === "recycle" ? stageIndex(stage) > 0 : true));
  const must = here.filter((t) => required.includes(t));
  const may = here.filter((t) => !required.includes(t));
  const names = (list: RetrospectiveTrigger[]) => list.map((t) => TRIGGER_NAMES[t]).join(" or ");
  const parts = [
    must.length ? `${names(must)} opens a retrospective the owner writes before the project closes` : null,
    may.length ? `${names(may)} opens one to write if the team wishes` : null,
  ].filter(Boolean);
  return parts.length ? `${parts.join("; ")}.` : null;
}

/** Whether a stopped or finished project still waits for its required retrospective. */
export const closesAfterRetrospective = (retro: { required: boolean; writtenAt: Date | string | null } | null) =>
  retro !== null && retro.required && retro.writtenAt === null;

/** How many why and action rows the form offers (filled ones plus blanks), so it works without JavaScript. */
export const WHY_ROWS = 5;
export const BLANK_ACTION_ROWS = 3;
export const MAX_ACTIONS = 30;

const text = (field: string, max: number) =>
  z
    .string({ required_error: `Write ${field}.` })
    .trim()
    .min(3, `Write ${field} (at least 3 characters).`)
    .max(max, `Keep ${field} under ${max.toLocaleString("en")} characters.`);

/** One action item row of a form (a retrospective's or a COE's): skipped when empty, whole otherwise. */
export const ActionRow = z
  .object({
    title: z.string().trim().max(300, "Keep the action under 300 characters.").optional(),
    ownerId: z.string().trim().max(40).optional(),
    dueDate: IsoDate.optional(),
    link: z.string().trim().url("Give a full address, like https://tickets.example.com/123.").max(500).optional(),
  })
  .superRefine((row, ctx) => {
    // A row left empty is skipped; one begun must be whole: what, who and by when.
    if (!row.title && !row.ownerId && !row.dueDate && !row.link) return;
    const problem = (field: string, message: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, path: [field], message });
    if (!row.title) problem("title", "Say what the action is.");
    if (!row.ownerId) problem("ownerId", "Name the action item's owner.");
    if (!row.dueDate) problem("dueDate", "Give the action item a due date.");
  })
  .optional();

/** A why-chain: at least the first why, and no gaps before the last one written. */
const WhyChain = z
  .array(z.string().trim().max(1000, "Keep each why under 1,000 characters.").optional())
  .max(WHY_ROWS + 5)
  .default([])
  .superRefine((whys, ctx) => {
    const last = whys.reduce((at, why, i) => (why ? i : at), -1);
    if (last === -1) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [], message: "Write at least the first why: why did it happen?" });
    for (let i = 0; i < last; i++) {
      if (!whys[i]) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [i], message: "Fill this why or move the later ones up: a why-chain has no gaps." });
    }
  });

export const RetrospectiveFormSchema = z
  .object({
    intent: z.literal("write"),
    expected: text("what we expected", 5000),
    happened: text("what happened", 5000),
    whys: WhyChain,
    differently: text("what we would do differently", 5000),
    actions: z
      .array(ActionRow)
      .max(MAX_ACTIONS + BLANK_ACTION_ROWS, `Keep to ${MAX_ACTIONS} action items.`)
      .default([]),
  })
  .transform((form) => ({
    expected: form.expected,
    happened: form.happened,
    whys: form.whys.filter((w): w is string => Boolean(w)),
    differently: form.differently,
    actions: form.actions
      .filter((row): row is NonNullable<typeof row> => Boolean(row?.title))
      .map((row) => ({ title: row.title!, ownerId: row.ownerId!, dueDate: row.dueDate!, link: row.link ?? null })),
  }));

export type RetrospectiveInput = z.infer<typeof RetrospectiveFormSchema>;

export const ActionDoneSchema = z.object({
  intent: z.literal("action_done"),
  actionId: z.string({ required_error: "Choose an action item." }).min(1).max(40),
  done: z.enum(["yes", "no"], { message: "Say whether the action is done." }),
});

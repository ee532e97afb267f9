// COEs as records (issue 26, items 3 and 4), the pure part: the form of the record (the COE
// template's parts as fields), what its checks say, and which earlier COEs a new one recurs.
// No Prisma, no React.
import { isValid, parse } from "date-fns";
import { z } from "zod";
import { ActionRow, BLANK_ACTION_ROWS, MAX_ACTIONS } from "./retrospective";

/** Rows the form offers, so it works before JavaScript loads: filled ones plus blanks. */
export const CHAIN_ROWS = 3;
export const WHYS_PER_CHAIN = 5;
export const ROOT_CAUSE_ROWS = 3;

/** A moment as a datetime-local input sends it (2026-11-02T14:05), read in the person's time zone later. */
const LocalMoment = z
  .string()
  .refine(
    (s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(s) && isValid(parse(s, "yyyy-MM-dd'T'HH:mm", new Date(0))),
    "Use a real date and time, like 2026-11-02 14:05",
  );

const WhyChainRow = z
  .object({
    problem: z.string().trim().max(300, "Keep the problem under 300 characters.").optional(),
    whys: z
      .array(z.string().trim().max(1000, "Keep each why under 1,000 characters.").optional())
      .max(WHYS_PER_CHAIN + 5)
      .default([]),
  })
  .superRefine((chain, ctx) => {
    const last = chain.whys.reduce((at, why, i) => (why ? i : at), -1);
    if (!chain.problem && last === -1) return;
    if (!chain.problem) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["problem"], message: "Name the problem this chain asks why of." });
    if (last === -1) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["whys", 0], message: "Write at least the first why." });
    for (let i = 0; i < last; i++) {
      if (!chain.whys[i])
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["whys", i], message: "Fill this why or move the later ones up: a why-chain has no gaps." });
    }
  })
  .optional();

const RootCauseRow = z
  .object({
    text: z.string().trim().max(1000, "Keep the root cause under 1,000 characters.").optional(),
    categoryId: z.string().trim().max(40).optional(),
  })
  .superRefine((row, ctx) => {
    if (!row.text && !row.categoryId) return;
    if (!row.text) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["text"], message: "Describe the root cause: a system or a process." });
    if (!row.categoryId) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["categoryId"], message: "Choose the root cause's category." });
  })
  .optional();

export const CoeRecordFormSchema = z
  .object({
    intent: z.literal("record"),
    // Checked with the rest below, so a missing count is named together with every other missing part.
    impactCount: z.string().trim().max(12).optional(),
    impactMetricId: z.string().trim().max(40).optional(),
    startedAt: LocalMoment.optional(),
    detectedAt: LocalMoment.optional(),
    mitigatedAt: LocalMoment.optional(),
    resolvedAt: LocalMoment.optional(),
    chains: z
      .array(WhyChainRow)
      .max(CHAIN_ROWS + 5)
      .default([]),
    rootCauses: z
      .array(RootCauseRow)
      .max(ROOT_CAUSE_ROWS + 10)
      .default([]),
    actions: z
      .array(ActionRow)
      .max(MAX_ACTIONS + BLANK_ACTION_ROWS, `Keep to ${MAX_ACTIONS} action items.`)
      .default([]),
    lesson: z.string().trim().max(5000, "Keep the lesson under 5,000 characters.").optional(),
  })
  .superRefine((form, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, path, message });
    if (!form.impactCount) issue(["impactCount"], "Say how many customers were affected, as a number.");
    else if (/^-\d+$/.test(form.impactCount)) issue(["impactCount"], "A count of customers is 0 or more.");
    else if (!/^\d+$/.test(form.impactCount)) issue(["impactCount"], "A whole number of customers, like 1200.");
    const moments = [
      ["startedAt", "when it started"],
      ["detectedAt", "when it was detected"],
      ["mitigatedAt", "when it was mitigated"],
    ] as const;
    for (const [field, words] of moments) if (!form[field]) issue([field], `Give ${words}.`);
    // The timeline runs forwards: started, detected, mitigated, resolved (text of one shape compares as time).
    const order = [form.startedAt, form.detectedAt, form.mitigatedAt, form.resolvedAt];
    const names = ["startedAt", "detectedAt", "mitigatedAt", "resolvedAt"] as const;
    for (let i = 1; i < order.length; i++) {
      const earlier = order.slice(0, i).filter(Boolean).at(-1);
      if (order[i] && earlier && order[i]! < earlier) issue([names[i]], "This comes before an earlier moment of the timeline; check the dates.");
    }
    if (!form.chains.some((c) => c?.problem)) issue(["chains"], "Write at least one why-chain: a problem and why it happened.");
    if (!form.rootCauses.some((r) => r?.text)) issue(["rootCauses"], "Name at least one root cause with its category.");
    if (!form.actions.some((a) => a?.title)) issue(["actions"], "Give at least one action item that fixes a root cause.");
  })
  .transform((form) => ({
    impactCount: Number(form.impactCount),
    impactMetricId: form.impactMetricId || null,
    startedAt: form.startedAt!,
    detectedAt: form.detectedAt!,
    mitigatedAt: form.mitigatedAt!,
    resolvedAt: form.resolvedAt ?? null,
    chains: form.chains
      .filter((c): c is NonNullable<typeof c> => Boolean(c?.problem))
      .map((c) => ({ problem: c.problem!, whys: c.whys.filter((w): w is string => Boolean(w)) })),
    rootCauses: form.rootCauses.filter((r): r is NonNullable<typeof r> => Boolean(r?.text)).map((r) => ({ text: r.text!, categoryId: r.categoryId! })),
    actions: form.actions
      .filter((a): a is NonNullable<typeof a> => Boolean(a?.title))
      .map((a) => ({ title: a.title!, ownerId: a.ownerId!, dueDate: a.dueDate!, link: a.link ?? null })),
    lesson: form.lesson || null,
  }));

export type CoeRecordInput = z.infer<typeof CoeRecordFormSchema>;
export type WhyChain = { problem: string; whys: string[] };

/** A chain is deep enough at five whys, or when its last why says why it stops ("Stop: ..."). */
export const chainDeepEnough = (chain: WhyChain) => chain.whys.length >= WHYS_PER_CHAIN || /^\s*stop\b/i.test(chain.whys.at(-1) ?? "");

/** The why-chains a stored record holds (anything else read as none). */
export function chainsOf(value: unknown): WhyChain[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((c: unknown) => {
    const chain = c as { problem?: unknown; whys?: unknown };
    if (typeof chain?.problem !== "string" || !Array.isArray(chain.whys)) return [];
    return [{ problem: chain.problem, whys: chain.whys.filter((w): w is string => typeof w === "string") }];
  });
}

/** A COE is closed once it has action items and every one is done. */
export const coeClosed = (items: readonly { doneAt: Date | string | null }[]) => items.length > 0 && items.every((i) => i.doneAt !== null);

/**
 * "Once fixed, it remains fixed": each earlier, closed COE that had a root cause in one of the new
 * COE's categories, once per (earlier COE, category). An earlier COE still open is not a
 * recurrence: its fix is not in yet.
 */
export function recurrencesOf(
  categories: readonly string[],
  earlier: readonly { id: string; categories: readonly string[]; closed: boolean }[],
): { earlierId: string; categoryId: string }[] {
  const mine = new Set(categories);
  return earlier.flatMap((e) => (e.closed ? [...new Set(e.categories)].filter((c) => mine.has(c)).map((categoryId) => ({ earlierId: e.id, categoryId })) : []));
}

export const ReviewRecurrenceSchema = z.object({ intent: z.literal("recurrence_reviewed") });

export const CategoryFormSchema = z.object({
  intent: z.literal("add"),
  name: z
    .string({ required_error: "Name the category." })
    .trim()
    .min(2, "Name the category (at least 2 characters).")
    .max(80, "Keep the name under 80 characters."),
  description: z.string().trim().max(500, "Keep the description under 500 characters.").optional(),
});

export const ArchiveCategorySchema = z.object({
  intent: z.literal("archive"),
  categoryId: z.string({ required_error: "Choose a category." }).min(1).max(40),
  archived: z.enum(["yes", "no"], { message: "Say whether to archive the category." }),
});

/** What a COE document's text gives, as checks.ts reads it (coeDocumentParts). */
export type DocumentParts = {
  impactCount: number | null;
  moments: Record<"startedAt" | "detectedAt" | "mitigatedAt" | "resolvedAt", string | null>;
  chains: WhyChain[];
  rootCauses: string[];
  actions: { title: string; owners: string[]; due: string | null; ticketUrl: string | null }[];
  lesson: string | null;
};

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * A COE document's record, where its structure allows: a count of customers, the start, detection
 * and mitigation with a date and a time, at least one why-chain, root causes that each name one of
 * the categories, and action items that each have one owner who is a person of the workspace and
 * a due date. Otherwise every reason it stays a document.
 */
export function recordFromDocument(
  parts: DocumentParts,
  categories: readonly { id: string; name: string }[],
  people: readonly { id: string; name: string }[],
): { ok: true; input: CoeRecordInput } | { ok: false; reasons: string[] } {
  const reasons: string[] = [];
  if (parts.impactCount === null) reasons.push("Customer impact gives no number of customers.");
  const missing = (["startedAt", "detectedAt", "mitigatedAt"] as const).filter((m) => !parts.moments[m]);
  if (missing.length) reasons.push(`The timeline gives no date and time (2026-11-02 14:05) for: ${missing.map((m) => m.replace("At", "")).join(", ")}.`);
  if (parts.chains.length === 0) reasons.push("There is no why-chain.");
  if (parts.rootCauses.length === 0) reasons.push("There is no root cause.");
  // The longest name first, so "Deployment tooling" wins over "Deployment".
  const byLength = [...categories].sort((a, b) => b.name.length - a.name.length);
  const rootCauses = parts.rootCauses.map((text, i) => {
    const category = byLength.find((c) => new RegExp(`(^|[^\\p{L}])${escape(c.name)}($|[^\\p{L}])`, "iu").test(text));
    if (!category) reasons.push(`Root cause ${i + 1} names none of the categories.`);
    return { text, categoryId: category?.id ?? "" };
  });
  if (parts.actions.length === 0) reasons.push("There is no action item.");
  const actions = parts.actions.map((a, i) => {
    const owner = a.owners.length === 1 ? people.filter((p) => p.name.toLocaleLowerCase("en") === a.owners[0]!.toLocaleLowerCase("en")) : [];
    if (owner.length !== 1) reasons.push(`Action item ${i + 1} has no one owner who is a person of the workspace.`);
    if (!a.due) reasons.push(`Action item ${i + 1} has no due date.`);
    return { title: a.title, ownerId: owner[0]?.id ?? "", dueDate: a.due ? new Date(`${a.due}T00:00:00Z`) : new Date(0), link: a.ticketUrl };
  });
  if (reasons.length) return { ok: false, reasons };
  return {
    ok: true,
    input: {
      impactCount: parts.impactCount!,
      impactMetricId: null,
      startedAt: parts.moments.startedAt!,
      detectedAt: parts.moments.detectedAt!,
      mitigatedAt: parts.moments.mitigatedAt!,
      resolvedAt: parts.moments.resolvedAt,
      chains: parts.chains,
      rootCauses,
      actions,
      lesson: parts.lesson,
    },
  };
}

export const MigrateSchema = z.object({ intent: z.literal("migrate") }).strict();

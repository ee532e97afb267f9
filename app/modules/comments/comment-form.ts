// What the comment forms send (issue 24): one zod schema per intent, shared by the page (conform
// validates as one types) and the action. Pure, for the browser too.
import { z } from "zod";
import { QUOTE_MAX } from "./anchor";

export const COMMENT_MAX = 10_000;

const body = z
  .string({ required_error: "Write a comment" })
  .trim()
  .min(1, "Write a comment")
  .max(COMMENT_MAX, `Keep a comment under ${COMMENT_MAX.toLocaleString("en")} characters`);
const id = (what: string) =>
  z
    .string({ required_error: `Say which ${what}` })
    .min(1, `Say which ${what}`)
    .max(40);

/** A new thread. On a document, optionally on a passage: the quote with its context and the version it is in. */
export const StartThreadSchema = z
  .object({
    intent: z.literal("start_thread"),
    body,
    quote: z.string().trim().max(QUOTE_MAX, `Quote at most ${QUOTE_MAX} characters of the passage`).optional(),
    prefix: z.string().max(200).optional(),
    suffix: z.string().max(200).optional(),
    version: z.coerce.number({ invalid_type_error: "The version is a whole number" }).int().positive().optional(),
    /** On a project's discussion: "project", or the id of one of its gate reviews. */
    about: z.string().max(40).optional(),
  })
  .refine((v) => !v.quote || v.version !== undefined, { message: "Say which version the passage is in", path: ["quote"] });

export const ReplySchema = z.object({ intent: z.literal("reply"), threadId: id("thread"), body });
export const EditCommentSchema = z.object({ intent: z.literal("edit_comment"), commentId: id("comment"), body });
export const DeleteCommentSchema = z.object({ intent: z.literal("delete_comment"), commentId: id("comment") });
export const ResolveThreadSchema = z.object({
  intent: z.literal("resolve_thread"),
  threadId: id("thread"),
  resolved: z.enum(["yes", "no"], { errorMap: () => ({ message: "Resolve or reopen" }) }),
});
export const MarkReadSchema = z.object({ intent: z.literal("mark_read"), version: z.coerce.number().int().positive() });
export const MentionDoneSchema = z.object({ intent: z.literal("mention_done"), commentId: id("comment") });

// The one way an action with several intents answers (issue 11, Epic Stack's profile page is the
// model): the form's intent picks its own function from the route's table; a form that does not
// parse gets its field messages back (400) and a module's refusal goes through answerRefusal.
import { redirectWithToast } from "./toast.server";
import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { json, type TypedResponse } from "@remix-run/node";
import type { z, ZodTypeAny } from "zod";
import type { Result } from "~/modules/result";
import { answerRefusal, badRequest } from "~/utils/http.server";

/** What every intent answers: which form it was for, conform's reply (field errors, or a reset form) and whether it was saved. */
export type IntentReply = { intent: string; result: SubmissionResult<string[]>; saved?: true };

/** One intent's function: what the route knows (the person, the thing) and the posted form in, a reply out. */
export type IntentAction<C> = (context: C, form: FormData, intent: string) => Promise<TypedResponse<IntentReply>>;

/**
 * The intent a form sent, as one of the keys of the action's dispatch table. Anything else,
 * including a missing intent or one named after an object's own members, is a 400 "Unknown action.".
 */
export function intentOf<K extends string>(form: FormData, intents: Readonly<Record<K, unknown>>): K {
  const intent = form.get("intent");
  if (typeof intent !== "string" || !Object.hasOwn(intents, intent)) throw badRequest("Unknown action.");
  return intent as K;
}

/**
 * The usual intent: parse the form with `schema`, make one module call, reset the form when it
 * succeeded. Call it inside the intent's function, not at a route's top level, so the route's
 * browser bundle (where server modules are empty) never runs it.
 */
export async function submitIntent<S extends ZodTypeAny, R extends Result = Result>(
  form: FormData,
  intent: string,
  schema: S,
  run: (value: z.infer<S>) => Promise<R>,
  /**
   * Say what happened on the page the person is on (`to`, with its anchor; or where what was made
   * is read), instead of answering in place: from what was sent and what the module answered.
   */
  done?: {
    to: string | ((value: z.infer<S>, result: Extract<R, { ok: true }>) => string);
    message: (value: z.infer<S>, result: Extract<R, { ok: true }>) => string;
    /** How the message looks: a success unless said otherwise (nothing new was made: "info"). */
    kind?: (value: z.infer<S>, result: Extract<R, { ok: true }>) => "success" | "info";
  },
) {
  const submission = parseWithZod(form, { schema });
  if (submission.status !== "success") return json<IntentReply>({ intent, result: submission.reply() }, { status: 400 });
  const result = await run(submission.value);
  if (!result.ok) return answerRefusal(result, (errors): IntentReply => ({ intent, result: submission.reply(errors) }));
  if (done) {
    const made = result as Extract<R, { ok: true }>;
    return redirectWithToast(typeof done.to === "string" ? done.to : done.to(submission.value, made), done.message(submission.value, made), {
      kind: done.kind?.(submission.value, made),
    });
  }
  return json<IntentReply>({ intent, result: submission.reply({ resetForm: true }), saved: true });
}

/** Hands the form to its intent's function. */
export function dispatchIntent<C>(form: FormData, intents: Readonly<Record<string, IntentAction<C>>>, context: C) {
  const intent = intentOf(form, intents);
  return intents[intent]!(context, form, intent);
}

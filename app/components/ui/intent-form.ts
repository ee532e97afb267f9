// The client half of the one form pattern (utils/intent.server.ts): conform with the same zod
// schema the action parses with, validated when a field is left and again as it is corrected
// (so a message disappears while typing, not under the pointer on the way to the button).
import { useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { useActionData } from "@remix-run/react";
import type { ZodTypeAny } from "zod";
import type { IntentReply } from "~/utils/intent.server";

type Options<Fields> = {
  id: string;
  lastResult: SubmissionResult<string[]> | undefined;
  defaultValue?: Partial<Record<keyof Fields, unknown>>;
  /** Checked on the server only (the gate's decision: the lifecycle rules say which fields it needs). */
  serverOnly?: boolean;
  /** The schema's limits as the inputs' attributes too (required, maxlength): a long form's fields say them. */
  constraint?: boolean;
  /**
   * Checked when sent rather than as each field is left: for forms whose checks span fields (a
   * one-way door needs its confirmation and two options), so every message shows at once.
   */
  onSubmitOnly?: boolean;
};

export function usePageForm<Fields extends Record<string, unknown>>(
  schema: ZodTypeAny,
  { id, lastResult, defaultValue, serverOnly, constraint, onSubmitOnly }: Options<Fields>,
) {
  return useForm<Fields>({
    id,
    lastResult,
    defaultValue: defaultValue as never,
    constraint: constraint ? getZodConstraint(schema) : undefined,
    // Without a client check, validating on blur would send the form to the server: only on submit then.
    shouldValidate: serverOnly || onSubmitOnly ? "onSubmit" : "onBlur",
    shouldRevalidate: serverOnly || onSubmitOnly ? "onSubmit" : "onInput",
    onValidate: serverOnly ? undefined : ({ formData }) => parseWithZod(formData, { schema }),
  });
}

/** One of a page's several forms, fed by the action's reply to that form only (each shows its own errors). */
export function useIntentForm<Fields extends Record<string, unknown>>(
  intent: string,
  schema: ZodTypeAny,
  options: {
    id?: string;
    defaultValue?: Partial<Record<keyof Fields, unknown>>;
    /** Where one intent has a form per thing (a reply per thread): the hidden field and value that tell this form's reply from the others'. */
    match?: [field: string, value: string];
    serverOnly?: boolean;
    constraint?: boolean;
    onSubmitOnly?: boolean;
  } = {},
) {
  const data = useActionData<IntentReply>();
  const ours = !options.match || data?.result.initialValue?.[options.match[0]] === options.match[1];
  const mine = data?.intent === intent && ours ? data : undefined;
  const [form, fields] = usePageForm<Fields>(schema, {
    id: options.id ?? intent,
    lastResult: mine?.result,
    defaultValue: options.defaultValue,
    serverOnly: options.serverOnly,
    constraint: options.constraint,
    onSubmitOnly: options.onSubmitOnly,
  });
  // `replied`: the server answered this form (and did not save it): a folded form opens again to show why.
  return { form, fields, saved: mine?.saved === true, replied: mine !== undefined && mine.saved !== true };
}

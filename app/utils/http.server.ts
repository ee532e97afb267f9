import { json } from "@remix-run/node";
import { problemsToErrors, type Refusal } from "~/modules/result";

/** Responses thrown from loaders and actions, rendered by the error boundary. */
export function forbidden(message = "You do not have permission to do that."): Response {
  return json({ message }, { status: 403 });
}

export function notFound(message = "Not found."): Response {
  return json({ message }, { status: 404 });
}

export function badRequest(message: string): Response {
  return json({ message }, { status: 400 });
}

/** The response for a module's refusal: 403 forbidden, 404 not found, 409 conflict, anything else 400. */
export function refusalResponse(refusal: { status: 400 | 403 | 404 | 409; message: string }): Response {
  if (refusal.status === 409) return json({ message: refusal.message }, { status: 409 });
  return refusal.status === 403 ? forbidden(refusal.message) : refusal.status === 404 ? notFound(refusal.message) : badRequest(refusal.message);
}

/** Refuses a request body larger than `maxBytes` before reading it (a 413 naming the limit). */
export function assertBodySize(request: Request, maxBytes: number): void {
  const length = Number(request.headers.get("content-length") ?? "0");
  if (length > maxBytes) {
    throw json({ message: `That is too large to save: the limit is ${Math.round(maxBytes / 1024)} KB.` }, { status: 413 });
  }
}

/**
 * The one mapping of a module's refusal to an answer: a 403 or 404 is thrown (the route's error
 * page), a 400 or 409 is returned as the form's reply, the message next to the field it names
 * (or above the form). `reply` turns those errors into what the page reads.
 */
export function answerRefusal<T>(refusal: Omit<Refusal, "ok">, reply: (errors: { fieldErrors?: Record<string, string[]>; formErrors?: string[] }) => T) {
  if (refusal.status === 403 || refusal.status === 404) throw refusalResponse(refusal);
  const errors = refusal.problems
    ? problemsToErrors(refusal.problems)
    : refusal.field
      ? { fieldErrors: { [refusal.field]: [refusal.message] } }
      : { formErrors: [refusal.message] };
  return json(reply(errors), { status: refusal.status });
}

import { json } from "@remix-run/node";

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

/** The response for a module's refusal: 403 forbidden, 404 not found, anything else 400. */
export function refusalResponse(refusal: { status: 400 | 403 | 404; message: string }): Response {
  return refusal.status === 403 ? forbidden(refusal.message) : refusal.status === 404 ? notFound(refusal.message) : badRequest(refusal.message);
}

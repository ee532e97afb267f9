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

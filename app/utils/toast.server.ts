// What just happened, told once on the next page (issue 13, item 3): an action that redirects
// leaves a short message in a signed cookie; the root loader reads it, clears it and the page
// shows it in a live region a screen reader announces. Redirects keep the person where they were.
import { createCookieSessionStorage, redirect } from "@remix-run/node";
import { getEnv } from "./env.server";

export type Toast = { message: string; kind: "success" | "info" };

const env = getEnv();
const storage = createCookieSessionStorage<Record<string, never>, { toast: Toast }>({
  cookie: { name: "__gatepath_toast", httpOnly: true, sameSite: "lax", secure: env.isProduction, path: "/", secrets: [env.SESSION_SECRET] },
});

/** Redirects with a message for the next page. */
export async function redirectWithToast(url: string, message: string, init: { kind?: Toast["kind"]; headers?: HeadersInit } = {}) {
  const session = await storage.getSession();
  session.flash("toast", { message, kind: init.kind ?? "success" });
  const headers = new Headers(init.headers);
  headers.append("Set-Cookie", await storage.commitSession(session));
  return redirect(url, { headers });
}

/** The message left for this request, if any, and the header that clears it. */
export async function takeToast(request: Request): Promise<{ toast: Toast | null; headers: Headers }> {
  const session = await storage.getSession(request.headers.get("Cookie"));
  const toast = (session.get("toast") as Toast | undefined) ?? null;
  const headers = new Headers();
  if (toast) headers.append("Set-Cookie", await storage.commitSession(session));
  return { toast, headers };
}

// One error boundary for every page route: a 400, 403, 404 or 409 thrown by a loader or an
// action renders inside the page's layout, so the navigation stays and the page says what to
// do next. The root's boundary (app/root.tsx) is only for errors of the root itself.
import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";

const TITLES: Record<number, string> = {
  400: "That request was not valid",
  403: "You do not have permission to do that",
  404: "Not found",
  409: "That changed while you were looking",
  413: "That is too large",
};

const NEXT: Record<number, string> = {
  400: "Go back, correct what the message names, and send it again.",
  403: "If you need this, ask an administrator or someone on the project to give you a role.",
  404: "Check the address, or find what you were looking for on the board or in the projects table.",
  409: "Reload the page to see the latest version, then make your change again.",
  413: "Send something smaller.",
};

/** What an error response says: its status and the message a loader or action gave it. */
export function describeRouteError(error: unknown): { status: number; title: string; message: string | null; next: string } {
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const detail = isRouteErrorResponse(error) ? (error.data as { message?: string } | string | null) : null;
  const message = typeof detail === "string" ? detail : (detail?.message ?? null);
  return {
    status,
    title: TITLES[status] ?? "Something went wrong",
    message: message ?? (status === 500 ? "The server could not finish this request." : null),
    next: NEXT[status] ?? "Try again; if it keeps happening, tell an administrator.",
  };
}

export function ErrorContent({ error }: { error: unknown }) {
  const { status, title, message, next } = describeRouteError(error);
  return (
    <div role="alert" className="mx-auto max-w-3xl py-10" data-error-status={status}>
      <p className="text-sm font-semibold text-slate-500">Error {status}</p>
      <h1 className="mt-2 text-2xl font-bold">{title}</h1>
      {message && message.replace(/\.$/, "") !== title ? <p className="mt-4 text-slate-700">{message}</p> : null}
      <p className="mt-2 text-slate-700">{next}</p>
      <p className="mt-8 flex gap-4">
        <Link to="/board" className="text-brand underline">
          Back to the board
        </Link>
        <Link to="/projects" className="text-brand underline">
          All projects
        </Link>
      </p>
    </div>
  );
}

/** Exported as `ErrorBoundary` by every page route. */
export function RouteErrorBoundary() {
  const error = useRouteError();
  // In the browser only: the server logged it already (entry.server.tsx handleError).
  if (typeof document !== "undefined" && !isRouteErrorResponse(error)) console.error(error);
  return <ErrorContent error={error} />;
}

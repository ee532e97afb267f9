// GET /auth/sso/callback: where the identity provider sends the browser back (issue 25, item 5).
// The answer is checked and matched to an account (sso.server.ts); a person who may not come in
// is told why on this page, with a way back.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { finishSignIn, forgetAttempt, ssoConfig } from "~/modules/people/sso.server";
import { createUserSession } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { notFound } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "Sign in · Gatepath" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const sso = ssoConfig();
  if (!sso) throw notFound("Single sign-on is not set up here.");
  const result = await finishSignIn(prisma, request, sso);
  const forget = await forgetAttempt();
  if (!result.ok) return json({ message: result.message }, { status: result.status, headers: { "Set-Cookie": forget } });
  return createUserSession(result.userId, result.redirectTo, "single sign-on", [forget]);
}

export default function SsoRefused() {
  const { message } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto mt-12 max-w-md rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="text-xl font-bold">You are not signed in</h1>
      <p role="alert" className="mt-3">
        {message}
      </p>
      <p className="mt-4">
        <Link to="/login" className="text-brand underline">
          Back to sign-in
        </Link>
      </p>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";

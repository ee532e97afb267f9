// GET /auth/sso: off to the organisation's identity provider to sign in (issue 25, item 5), with
// this attempt's PKCE verifier, state and nonce in a signed cookie; 404 when none is configured.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { ssoConfig, startSignIn } from "~/modules/people/sso.server";
import { getUser } from "~/utils/auth.server";
import { notFound } from "~/utils/http.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const sso = ssoConfig();
  if (!sso) throw notFound("Single sign-on is not set up here.");
  if (await getUser(request)) throw redirect("/board");
  try {
    const { url, cookie } = await startSignIn(request, sso);
    return redirect(url, { headers: { "Set-Cookie": cookie } });
  } catch (error) {
    // The provider could not be reached or described itself wrongly: said, not a 500.
    throw new Response(
      `Your organisation's sign-in cannot be reached just now (${error instanceof Error ? error.message : "unknown error"}). Try again, or sign in with a password if you have one.`,
      {
        status: 503,
        headers: { "Retry-After": "30", "Content-Type": "text/plain; charset=utf-8" },
      },
    );
  }
}

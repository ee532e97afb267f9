// Administrators check that the audit trail and the gate decisions it seals are as written
// (README decision 27); the same check as `npm run audit:verify`.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Section } from "~/components/ui/section";
import { verifyAuditTrail } from "~/modules/audit/verify.server";
import { requireUserWithPermission } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";

export const meta: MetaFunction = () => [{ title: "Audit trail · Gatepath" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, "audit:verify");
  const started = performance.now();
  const result = await verifyAuditTrail(prisma);
  return json({ ...result, ms: Math.round(performance.now() - started), at: new Date().toISOString() });
}

export default function AuditTrailPage() {
  const { events, reviews, signatures, ms, at } = useLoaderData<typeof loader>();
  const intact = !events.firstBreak && !reviews.firstBreak && !signatures.firstBreak;
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">Audit trail</h1>
      <p
        role="status"
        className={`rounded-lg border px-4 py-3 text-sm ${intact ? "border-ok bg-ok-light text-ok" : "border-bad bg-bad-light text-bad"}`}
        data-testid="audit-verdict"
      >
        <span className="font-semibold">{intact ? "Intact:" : "Broken:"}</span>{" "}
        {intact
          ? "every event follows from the one before it, and every decided gate review matches its sealed decision."
          : "the trail was changed outside Gatepath. The first place it breaks is below; nothing after it can be trusted without checking."}
      </p>
      <Section id="chain" title="Events">
        <dl className="mt-2 grid grid-cols-1 gap-2 text-sm sm:grid-cols-2">
          <div>
            <dt className="text-slate-600">Chained events verified</dt>
            <dd className="font-medium">{events.checked.toLocaleString("en")}</dd>
          </div>
          <div>
            <dt className="text-slate-600">Older events written before the chain (not covered)</dt>
            <dd className="font-medium">{events.unchained.toLocaleString("en")}</dd>
          </div>
          <div className="sm:col-span-2">
            <dt className="text-slate-600">Head of the chain (write it down elsewhere to compare later)</dt>
            <dd className="break-all font-mono text-xs">{events.head ? `event ${events.head.id}: ${events.head.hash}` : "No chained events yet"}</dd>
          </div>
        </dl>
        {events.firstBreak ? (
          <p className="mt-3 text-sm text-bad" data-testid="chain-break">
            <span className="font-semibold">First break at event {events.firstBreak.id}:</span> {events.firstBreak.reason}
          </p>
        ) : null}
      </Section>
      <Section id="reviews" title="Gate decisions">
        <p className="mt-2 text-sm">
          {reviews.checked.toLocaleString("en")} decided gate reviews match their sealed decision
          {reviews.unsealed ? `; ${reviews.unsealed.toLocaleString("en")} were decided before the chain and are not covered` : ""}.
        </p>
        {reviews.firstBreak ? (
          <p className="mt-3 text-sm text-bad" data-testid="review-break">
            <span className="font-semibold">
              Gate review {reviews.firstBreak.reviewId}
              {reviews.firstBreak.projectKey ? (
                <>
                  {" of "}
                  <Link className="underline" to={`/projects/${reviews.firstBreak.projectKey}`}>
                    {reviews.firstBreak.projectKey}
                  </Link>
                </>
              ) : null}
              :
            </span>{" "}
            {reviews.firstBreak.reason}
          </p>
        ) : null}
        <p className="mt-2 text-sm">
          {signatures.checked.toLocaleString("en")} gate signatures match their seals
          {signatures.unsealed ? `; ${signatures.unsealed.toLocaleString("en")} were given before signatures were sealed and are not covered` : ""}.
        </p>
        {signatures.firstBreak ? (
          <p className="mt-3 text-sm text-bad" data-testid="signature-break">
            <span className="font-semibold">Signature {signatures.firstBreak.signatureId}:</span> {signatures.firstBreak.reason}
          </p>
        ) : null}
      </Section>
      <p className="text-sm text-slate-700">
        What the database alone cannot show: that its newest events were deleted, or that the whole chain was hashed anew after an edit. Keep the head printed
        in the server&apos;s log (or in <code>AUDIT_ANCHOR_FILE</code>) elsewhere, and check against it with <code>npm run audit:verify -- --head FILE</code>.
      </p>
      <p className="text-xs text-slate-600">
        Checked in {ms} ms at <time dateTime={at}>{at.slice(0, 19).replace("T", " ")} UTC</time>. The same check runs from the command line as{" "}
        <code>npm run audit:verify</code>.
      </p>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";

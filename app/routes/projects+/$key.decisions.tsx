// The project page's decisions tab: every gate decision, with who decided, why, each signature and
// dissent, any administrator override, and the checklist as it stood when it was taken.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Section } from "~/components/ui/section";
import type { Evaluation } from "~/modules/lifecycle/evaluate";
import { DECISION_NAMES, STAGE_NAMES } from "~/modules/lifecycle/stages";
import { findProject } from "~/modules/projects/project-page.server";
import { requireUserWithPermission } from "~/utils/auth.server";
import { formatDay } from "~/utils/dates";
import { useInstant } from "~/utils/use-time-zone";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, "project:read");
  const project = await findProject(params.key);
  // Only what the history shows of each snapshot goes to the page.
  const reviews = project.gateReviews
    .filter((r) => r.decision)
    .map(({ checklist, artifactVersions: _artifacts, ...r }) => {
      const snap = checklist as unknown as Evaluation | null;
      return {
        ...r,
        checklist: snap
          ? { mustMet: snap.mustMet, mustTotal: snap.mustTotal, criteria: snap.criteria.map((c) => ({ key: c.key, label: c.label, met: c.met })) }
          : null,
      };
    });
  return json({ reviews });
}

export default function ProjectDecisions() {
  const { reviews } = useLoaderData<typeof loader>();
  const instant = useInstant();
  return (
    <Section id="history" title="Decision history">
      {reviews.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">No gate decisions yet.</p>
      ) : (
        <ol className="mt-2 space-y-3">
          {reviews.map((r) => {
            const snapshot = r.checklist;
            return (
              <li key={r.id} className="rounded border border-slate-100 p-3 text-sm" data-decision={r.decision}>
                <p>
                  <span className="font-semibold">{r.decision ? DECISION_NAMES[r.decision] : ""}</span> at {STAGE_NAMES[r.stage]}
                  {r.recycleTo ? ` → back to ${STAGE_NAMES[r.recycleTo]}` : ""} by {r.decidedBy?.name ?? "someone"} on {r.decidedAt ? instant(r.decidedAt) : ""}
                  {r.playbookVersion ? <span className="text-slate-500"> · playbook v{r.playbookVersion}</span> : null}
                </p>
                {r.rationale ? <p className="mt-1 text-slate-700">“{r.rationale}”</p> : null}
                {r.revisitDate ? <p className="text-slate-600">Revisit on {r.revisitDate ? formatDay(r.revisitDate) : ""}</p> : null}
                {r.condition ? (
                  <p className="text-slate-600">
                    Condition: {r.condition} (due {r.conditionDueDate ? formatDay(r.conditionDueDate) : ""})
                  </p>
                ) : null}
                {r.signatures && r.quorum && r.quorum > 1 ? (
                  <ul className="mt-1 space-y-0.5 text-slate-700" aria-label="Signatures">
                    {r.signatures.map((sig) => (
                      <li key={sig.userId}>
                        Signed by <span className="font-medium">{sig.name}</span>: {DECISION_NAMES[sig.kind]}, “{sig.rationale}”
                        {sig.dissent ? (
                          <span className="text-warn">
                            {" "}
                            · {sig.agreed ? "disagreed and committed" : "dissent"}: {sig.dissent}
                          </span>
                        ) : null}
                        {sig.void ? <span className="text-warn"> · did not count: {sig.void}</span> : null}
                      </li>
                    ))}
                  </ul>
                ) : null}
                {r.overrideReason ? (
                  <p className="mt-1 rounded bg-warn-light px-2 py-1 text-warn">
                    <span className="font-semibold">Administrator override:</span> {r.overrideReason}
                  </p>
                ) : null}
                {snapshot?.criteria ? (
                  <details className="mt-1">
                    <summary className="cursor-pointer text-slate-600">
                      Checklist at the time: {snapshot.mustMet} of {snapshot.mustTotal} must-meet met
                    </summary>
                    <ul className="mt-1 space-y-0.5">
                      {snapshot.criteria.map((c) => (
                        <li key={c.key}>
                          <span aria-hidden="true">{c.met ? "✓" : "✗"}</span> <span className="sr-only">{c.met ? "Met:" : "Not met:"}</span> {c.label}
                        </li>
                      ))}
                    </ul>
                  </details>
                ) : null}
              </li>
            );
          })}
        </ol>
      )}
    </Section>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";

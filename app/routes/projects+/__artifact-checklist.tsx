// The project page's artifact checklist: per stage, the artifacts its gate asks for, each with
// its state and checks, and links to add one from a template or as a link.
import { Link } from "@remix-run/react";
import { ArtifactStateBadge, MetBadge } from "~/components/ui/badges";
import type { ChecklistArtifact, ChecklistStage } from "~/modules/artifacts/checklist";
import { ARTIFACT_KIND_NAMES, STAGE_NAMES } from "~/modules/lifecycle/stages";

function ArtifactLine({ a }: { a: ChecklistArtifact }) {
  const newerDraft = a.approvedVersion !== null && a.approvedVersion !== a.version;
  return (
    <li className="flex flex-wrap items-center gap-x-2">
      <Link to={`/artifacts/${a.id}`} className="text-brand underline">
        {a.title}
      </Link>
      <ArtifactStateBadge state={a.state} />
      <span className="text-xs text-slate-600">
        {ARTIFACT_KIND_NAMES[a.kind]} · v{a.version}
        {newerDraft ? ` · v${a.approvedVersion} approved` : ""}
        {!(a.approvedVersion !== null ? a.approvedChecksPassed : a.checksPassed) ? (
          <span className="font-semibold text-bad">
            {" "}
            · <span aria-hidden="true">✗</span> checks fail
          </span>
        ) : null}
      </span>
    </li>
  );
}

export function ArtifactChecklist({ projectKey, stages, canAdd }: { projectKey: string; stages: ChecklistStage[]; canAdd: boolean }) {
  const newHref = (stage: string, kind: string, mode: "document" | "link") => `/projects/${projectKey}/artifacts/new?kind=${kind}&stage=${stage}&mode=${mode}`;
  return (
    <section aria-labelledby="artifacts" className="rounded-lg border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="artifacts" className="text-lg font-semibold">
          Artifacts
        </h2>
        {canAdd ? (
          <Link to={`/projects/${projectKey}/artifacts/new`} className="text-sm text-brand underline">
            Add an artifact
          </Link>
        ) : null}
      </div>
      <p className="text-xs text-slate-600">A criterion counts approved artifacts whose checks pass.</p>
      {[...stages].reverse().map((s) => (
        <div key={s.stage} className="mt-3" data-stage={s.stage}>
          <h3 className="text-sm font-semibold">
            {STAGE_NAMES[s.stage]}{" "}
            {s.passed ? <span className="font-normal text-slate-500">(gate passed)</span> : <span className="font-normal text-slate-500">(current gate)</span>}
          </h3>
          {s.items.length === 0 && s.others.length === 0 ? <p className="text-sm text-slate-600">This gate asks for no artifact.</p> : null}
          <ul className="mt-1 space-y-2 text-sm">
            {s.items.map((item) => (
              <li key={item.key} data-artifact-criterion={item.key} className="rounded border border-slate-100 p-2">
                <div className="flex flex-wrap items-center gap-2">
                  <MetBadge met={item.met} />
                  <span className="font-medium">{item.label}</span>
                  <span className="text-xs text-slate-500">{item.level === "must" ? "must meet" : "should meet"}</span>
                </div>
                {!item.met && item.reason ? <p className="text-xs text-slate-600">{item.reason}</p> : null}
                {item.artifacts.length > 0 ? (
                  <ul className="mt-1 space-y-1">
                    {item.artifacts.map((a) => (
                      <ArtifactLine key={a.id} a={a} />
                    ))}
                  </ul>
                ) : (
                  <p className="text-xs text-slate-600">Missing.</p>
                )}
                {canAdd ? (
                  <p className="mt-1 flex flex-wrap gap-x-3 text-xs">
                    {item.templateKinds.map((k) => (
                      <Link key={k} to={newHref(s.stage, k, "document")} className="text-brand underline">
                        Add {ARTIFACT_KIND_NAMES[k]} from template
                      </Link>
                    ))}
                    <Link to={newHref(s.stage, item.kinds[0]!, "link")} className="text-brand underline">
                      Add a link<span className="sr-only"> for {item.label}</span>
                    </Link>
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
          {s.others.length > 0 ? (
            <div className="mt-2 text-sm">
              <p className="text-xs text-slate-500">Also filed for this stage</p>
              <ul className="space-y-1">
                {s.others.map((a) => (
                  <ArtifactLine key={a.id} a={a} />
                ))}
              </ul>
            </div>
          ) : null}
        </div>
      ))}
    </section>
  );
}

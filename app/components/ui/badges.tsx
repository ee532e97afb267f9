import { ARTIFACT_STATE_NAMES, STATUS_NAMES, type ArtifactState, type ProjectStatus } from "~/modules/lifecycle/stages";

const STATUS_STYLES: Record<ProjectStatus, string> = {
  active: "bg-ok-light text-ok",
  on_hold: "bg-warn-light text-warn",
  stopped: "bg-bad-light text-bad",
  done: "bg-brand-light text-brand-dark",
};

/** Status as words on a tint: colour is never the only signal. */
export function StatusBadge({ status }: { status: ProjectStatus }) {
  return <span className={`inline-block rounded px-1.5 py-0.5 text-xs font-medium ${STATUS_STYLES[status]}`}>{STATUS_NAMES[status]}</span>;
}

export function MetBadge({ met }: { met: boolean }) {
  return met ? (
    <span className="inline-flex items-center gap-1 rounded bg-ok-light px-1.5 py-0.5 text-xs font-semibold text-ok">
      <span aria-hidden="true">✓</span> Met
    </span>
  ) : (
    <span className="inline-flex items-center gap-1 rounded bg-bad-light px-1.5 py-0.5 text-xs font-semibold text-bad">
      <span aria-hidden="true">✗</span> Not met
    </span>
  );
}

const ARTIFACT_STATE_STYLES: Record<ArtifactState, string> = {
  draft: "bg-slate-100 text-slate-700",
  in_review: "bg-warn-light text-warn",
  approved: "bg-ok-light text-ok",
  withdrawn: "bg-bad-light text-bad",
};

export function ArtifactStateBadge({ state }: { state: ArtifactState }) {
  return <span className={`inline-block rounded px-1.5 py-0.5 text-xs font-medium ${ARTIFACT_STATE_STYLES[state]}`}>{ARTIFACT_STATE_NAMES[state]}</span>;
}

/** A check's result: a mark and a word, so it reads without colour. */
export function CheckMark({ passed }: { passed: boolean }) {
  return passed ? (
    <span className="font-semibold text-ok">
      <span aria-hidden="true">✓</span>
      <span className="sr-only">Passes:</span>
    </span>
  ) : (
    <span className="font-semibold text-bad">
      <span aria-hidden="true">✗</span>
      <span className="sr-only">Fails:</span>
    </span>
  );
}

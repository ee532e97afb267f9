import { STATUS_NAMES, type ProjectStatus } from "~/modules/lifecycle/stages";

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

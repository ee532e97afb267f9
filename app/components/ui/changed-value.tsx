// One changed field as a reader compares it (issue 26, item 1): its label, then the old value
// struck through and the new one, or, for long or multi-line text, the words removed and added.
import type { ShownChange } from "~/modules/audit/changes";

export function ChangedValue({ change }: { change: ShownChange }) {
  return (
    <>
      <span className="font-medium">{change.label}:</span>{" "}
      {change.diff ? (
        <span className="whitespace-pre-wrap break-words" data-testid="word-diff">
          {change.diff.map((p, i) =>
            p.kind === "removed" ? (
              <del key={i} className="bg-bad-light text-bad decoration-bad">
                <span className="sr-only">removed: </span>
                {p.text}
              </del>
            ) : p.kind === "added" ? (
              <ins key={i} className="bg-ok-light text-ok no-underline">
                <span className="sr-only">added: </span>
                {p.text}
              </ins>
            ) : (
              <span key={i}>{p.text}</span>
            ),
          )}
        </span>
      ) : (
        <span className="break-words">
          “<span className="line-through decoration-slate-400">{change.before}</span>”<span aria-label="changed to"> → </span>“{change.after}”
        </span>
      )}
    </>
  );
}

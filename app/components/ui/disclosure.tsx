import type { ReactNode } from "react";

/**
 * A form kept closed until it is asked for: a native <details>, so it opens by keyboard and
 * before JavaScript loads. `open` reopens it when the server sent the form back with errors;
 * once the form succeeds the page re-renders without it and it closes again.
 */
export function Disclosure({ summary, open, children }: { summary: string; open?: boolean; children: ReactNode }) {
  return (
    <details open={open || undefined} className="mt-3 border-t border-slate-100 pt-3">
      <summary className="inline-flex cursor-pointer items-center gap-1 rounded px-1 py-1 text-sm font-medium text-brand underline">{summary}</summary>
      {children}
    </details>
  );
}

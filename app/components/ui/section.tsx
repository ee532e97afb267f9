import type { ReactNode } from "react";

/** A titled card of a page: a section named by its heading, for landmarks and screen readers. */
export function Section({ id, title, children }: { id: string; title: ReactNode; children: ReactNode }) {
  return (
    // min-w-0 and its own horizontal scroll: a wide table scrolls inside its card, never the page (390 px phones).
    <section aria-labelledby={id} className="relative min-w-0 overflow-x-auto rounded-lg border border-slate-200 bg-white p-4">
      <h2 id={id} className="text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

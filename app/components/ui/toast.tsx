// The message an action left for this page (toast.server.ts), in a polite live region so a
// screen reader reads it. A success goes by itself after a while (it sits over the page's
// corner, where a form's button may be), never while the pointer or the focus is on it; any
// message goes when dismissed or at the next navigation.
import { useEffect, useState } from "react";
import type { Toast } from "~/utils/toast.server";

/** How long a success message stays. */
export const SUCCESS_TOAST_MS = 10_000;

export function ToastMessage({ toast }: { toast: Toast | null }) {
  const [shown, setShown] = useState(toast);
  const [held, setHeld] = useState(false);
  useEffect(() => setShown(toast), [toast]);
  useEffect(() => {
    if (!shown || shown.kind !== "success" || held) return;
    const timer = setTimeout(() => setShown(null), SUCCESS_TOAST_MS);
    return () => clearTimeout(timer);
  }, [shown, held]);
  return (
    // A live region without the status role, so a page's own status messages stay the only ones there.
    <div aria-live="polite" aria-atomic="true" className="pointer-events-none fixed bottom-4 right-4 z-50 max-w-sm print:hidden">
      {shown ? (
        <div
          data-testid="toast"
          onMouseEnter={() => setHeld(true)}
          onMouseLeave={() => setHeld(false)}
          onFocus={() => setHeld(true)}
          onBlur={() => setHeld(false)}
          className={`pointer-events-auto flex items-start gap-3 rounded-lg border px-4 py-3 text-sm shadow-lg ${shown.kind === "success" ? "border-ok bg-ok-light" : "border-brand bg-brand-light"}`}
        >
          <p>{shown.message}</p>
          <button type="button" onClick={() => setShown(null)} className="ml-auto rounded px-1 text-slate-600 hover:bg-white" aria-label="Dismiss">
            ×
          </button>
        </div>
      ) : null}
    </div>
  );
}

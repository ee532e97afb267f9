// The message an action left for this page (toast.server.ts), in a polite live region so a
// screen reader reads it; it stays until dismissed or the next navigation.
import { useEffect, useState } from "react";
import type { Toast } from "~/utils/toast.server";

export function ToastMessage({ toast }: { toast: Toast | null }) {
  const [shown, setShown] = useState(toast);
  useEffect(() => setShown(toast), [toast]);
  return (
    // A live region without the status role, so a page's own status messages stay the only ones there.
    <div aria-live="polite" aria-atomic="true" className="fixed bottom-4 right-4 z-50 max-w-sm print:hidden">
      {shown ? (
        <div
          data-testid="toast"
          className={`flex items-start gap-3 rounded-lg border px-4 py-3 text-sm shadow-lg ${shown.kind === "success" ? "border-ok bg-ok-light" : "border-brand bg-brand-light"}`}
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

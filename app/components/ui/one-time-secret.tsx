// A link or token shown once (an invitation, a password reset, an API token, a calendar address),
// with a Copy button (issue 27, item 1). The button appears once JavaScript runs, since copying
// needs it; before then the text is there to select.
import { useEffect, useState } from "react";

export function OneTimeSecret({ value, label, testId }: { value: string; label: string; testId: string }) {
  const [hydrated, setHydrated] = useState(false);
  const [copied, setCopied] = useState<"yes" | "no" | null>(null);
  useEffect(() => setHydrated(true), []);
  return (
    <div className="mt-2 flex flex-wrap items-start gap-2">
      <code className="block min-w-0 flex-1 break-all rounded bg-white p-2 font-mono" data-testid={testId}>
        {value}
      </code>
      {hydrated ? (
        <button
          type="button"
          className="rounded border border-slate-300 bg-white px-3 py-2 text-sm font-medium hover:bg-slate-100"
          onClick={() =>
            navigator.clipboard.writeText(value).then(
              () => setCopied("yes"),
              () => setCopied("no"),
            )
          }
        >
          Copy {label}
        </button>
      ) : null}
      <p aria-live="polite" className="w-full text-sm">
        {copied === "yes" ? "Copied." : copied === "no" ? "Your browser did not let the page copy: select the text and copy it." : ""}
      </p>
    </div>
  );
}

// Drafts saved as one types (issue 24, item 1): a moment after typing stops the title and text go
// to the server as this person's draft of the document, and once more as the page is left (a
// beacon survives the navigation). A failed save is said, and tried again when the connection
// is back. The editor page reads the draft back when it opens again.
import { useEffect, useRef, useState } from "react";
import { Instant } from "~/components/ui/instant";

export type DraftTarget = { key: string; baseVersion?: number };

/**
 * Plain requests, not a Remix fetcher: a fetcher's post would interrupt a navigation under way
 * (a Discard, a save) and make the router read the page's loaders again.
 */
export function useAutosave(target: DraftTarget | null, form: React.RefObject<HTMLFormElement>, body: string) {
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [failed, setFailed] = useState(false);
  const submit = useRef((data: FormData) => {
    setSaving(true);
    fetch("/artifacts/drafts", { method: "POST", body: data })
      .then(async (r) => {
        const answer = r.ok ? ((await r.json()) as { savedAt?: string }) : null;
        setFailed(!answer?.savedAt);
        if (answer?.savedAt) setSavedAt(answer.savedAt);
      })
      .catch(() => setFailed(true))
      .finally(() => setSaving(false));
  }).current;
  const [dirty, setDirty] = useState(false);
  // The text last kept (at first, what the page opened with): saving it again would change nothing,
  // and could put back a draft just discarded.
  const kept = useRef(body);
  const [offline, setOffline] = useState(false);

  const payload = () => {
    const data = new FormData();
    if (!target) return data;
    data.set("key", target.key);
    data.set("title", String(new FormData(form.current ?? undefined).get("title") ?? ""));
    data.set("body", body);
    if (target.baseVersion) data.set("baseVersion", String(target.baseVersion));
    return data;
  };

  // A change marks the draft unsaved; a moment later it is saved.
  useEffect(() => {
    if (!target || body === kept.current) return;
    setDirty(true);
    const timer = setTimeout(() => {
      if (!navigator.onLine) return setOffline(true);
      submit(payload());
      kept.current = body;
      setDirty(false);
    }, 1000);
    return () => clearTimeout(timer);
    // payload reads the latest title and body when it runs.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [body, target?.key, submit]);

  // Leaving the page, or the connection coming back, saves what is not saved yet.
  const pending = useRef({ dirty, payload });
  pending.current = { dirty: dirty || offline, payload };
  useEffect(() => {
    if (!target) return;
    const flush = () => {
      if (pending.current.dirty) navigator.sendBeacon("/artifacts/drafts", pending.current.payload());
    };
    const online = () => {
      setOffline(false);
      if (pending.current.dirty) submit(pending.current.payload());
    };
    const hidden = () => document.visibilityState === "hidden" && flush();
    window.addEventListener("pagehide", flush);
    window.addEventListener("online", online);
    document.addEventListener("visibilitychange", hidden);
    return () => {
      window.removeEventListener("pagehide", flush);
      window.removeEventListener("online", online);
      document.removeEventListener("visibilitychange", hidden);
    };
  }, [target, submit]);

  return { savedAt, saving: saving || dirty, offline: offline || failed };
}

export function AutosaveStatus({ state }: { state: ReturnType<typeof useAutosave> }) {
  return (
    <p className="text-xs text-slate-600" aria-live="polite" data-testid="draft-status">
      {state.offline ? (
        "Your draft is not saved yet: no connection. It is kept in this page and saved when the connection is back."
      ) : state.saving ? (
        "Saving your draft…"
      ) : state.savedAt ? (
        <>
          Draft saved <Instant value={state.savedAt} time />.
        </>
      ) : (
        "Your draft is saved as you type."
      )}
    </p>
  );
}

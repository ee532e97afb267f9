// Keyboard shortcuts and the command palette (issue 13, item 7). Keys act only when no field has
// the focus, so typing is never taken over; Ctrl+K (⌘K) works everywhere.
import { useNavigate } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { CommandPalette } from "./palette";

export const SHORTCUTS: { keys: string; what: string }[] = [
  { keys: "/", what: "Search" },
  { keys: "Ctrl K or ⌘ K", what: "Command palette: go to a page, or find a project, person, document or metric as you type" },
  { keys: "g then b", what: "Board" },
  { keys: "g then p", what: "Projects" },
  { keys: "g then i", what: "My work" },
  { keys: "g then d", what: "Dashboard" },
  { keys: "c", what: "New project" },
  { keys: "?", what: "This list" },
];

const GO_TO: Record<string, string> = { b: "/board", p: "/projects", i: "/inbox", d: "/dashboard" };

export function KeyboardShortcuts() {
  const navigate = useNavigate();
  const help = useRef<HTMLDialogElement>(null);
  const palette = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    let gPressedAt = 0;
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "k") {
        event.preventDefault();
        if (!palette.current?.open) palette.current?.showModal();
        return;
      }
      const target = event.target instanceof HTMLElement ? event.target : null;
      if (target?.closest("input, textarea, select, [contenteditable='true'], dialog") || event.ctrlKey || event.metaKey || event.altKey) return;
      if (gPressedAt && Date.now() - gPressedAt < 1500 && GO_TO[event.key]) {
        gPressedAt = 0;
        navigate(GO_TO[event.key]!);
        return;
      }
      gPressedAt = event.key === "g" ? Date.now() : 0;
      if (event.key === "/") {
        event.preventDefault();
        document.getElementById("global-search")?.focus();
      } else if (event.key === "?") {
        help.current?.showModal();
      } else if (event.key === "c") {
        navigate("/projects/new");
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [navigate]);

  return (
    <>
      <button
        type="button"
        onClick={() => help.current?.showModal()}
        className="rounded border border-slate-300 px-2 py-1 text-xs hover:bg-slate-100"
        aria-label="Keyboard shortcuts"
        title="Keyboard shortcuts (?)"
      >
        ?
      </button>
      <dialog ref={help} aria-labelledby="shortcuts-title" className="rounded-lg p-4 shadow-xl backdrop:bg-slate-900/40">
        <h2 id="shortcuts-title" className="text-lg font-semibold">
          Keyboard shortcuts
        </h2>
        <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          {SHORTCUTS.map((s) => (
            <div key={s.keys} className="contents">
              <dt>
                <kbd className="rounded border border-slate-300 bg-slate-50 px-1.5 font-mono text-xs">{s.keys}</kbd>
              </dt>
              <dd>{s.what}</dd>
            </div>
          ))}
        </dl>
        <form method="dialog" className="mt-3 text-right">
          <button type="submit" className="rounded border border-slate-300 px-3 py-1 text-sm hover:bg-slate-100">
            Close
          </button>
        </form>
      </dialog>
      <CommandPalette dialogRef={palette} />
    </>
  );
}

// Keyboard shortcuts and the command palette (issue 13, item 7). Keys act only when no field has
// the focus, so typing is never taken over; Ctrl+K (⌘K) works everywhere.
import { Form, Link, useNavigate } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";

export const SHORTCUTS: { keys: string; what: string }[] = [
  { keys: "/", what: "Search" },
  { keys: "Ctrl K or ⌘ K", what: "Command palette: go anywhere, or search" },
  { keys: "g then b", what: "Board" },
  { keys: "g then p", what: "Projects" },
  { keys: "g then i", what: "My work" },
  { keys: "g then d", what: "Dashboard" },
  { keys: "c", what: "New project" },
  { keys: "?", what: "This list" },
];

const COMMANDS: { label: string; to: string }[] = [
  { label: "My work", to: "/inbox" },
  { label: "Board", to: "/board" },
  { label: "Projects", to: "/projects" },
  { label: "New project", to: "/projects/new" },
  { label: "Dashboard", to: "/dashboard" },
  { label: "Artifacts", to: "/artifacts" },
  { label: "Lessons", to: "/lessons" },
  { label: "Playbook", to: "/playbook" },
  { label: "Your profile", to: "/settings/profile" },
];

const GO_TO: Record<string, string> = { b: "/board", p: "/projects", i: "/inbox", d: "/dashboard" };

export function KeyboardShortcuts() {
  const navigate = useNavigate();
  const help = useRef<HTMLDialogElement>(null);
  const palette = useRef<HTMLDialogElement>(null);
  const [text, setText] = useState("");

  useEffect(() => {
    let gPressedAt = 0;
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "k") {
        event.preventDefault();
        setText("");
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

  const matches = COMMANDS.filter((c) => c.label.toLowerCase().includes(text.trim().toLowerCase()));
  const close = () => palette.current?.close();
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
      <dialog ref={palette} aria-labelledby="palette-title" className="w-[min(32rem,90vw)] rounded-lg p-4 shadow-xl backdrop:bg-slate-900/40">
        <h2 id="palette-title" className="sr-only">
          Command palette
        </h2>
        <Form
          method="get"
          action="/search"
          onSubmit={(event) => {
            // One command left: go there instead of searching.
            if (matches.length === 1) {
              event.preventDefault();
              close();
              navigate(matches[0]!.to);
            } else close();
          }}
        >
          <label htmlFor="palette-input" className="text-sm font-medium">
            Jump to a page, or search for
          </label>
          <input
            id="palette-input"
            name="q"
            type="search"
            autoComplete="off"
            value={text}
            onChange={(event) => setText(event.target.value)}
            className="mt-1 block w-full rounded border border-slate-300 px-3 py-2 text-sm"
          />
        </Form>
        <ul className="mt-2 text-sm" aria-label="Commands">
          {matches.map((c) => (
            <li key={c.to}>
              <Link to={c.to} onClick={close} className="block rounded px-2 py-1 hover:bg-brand-light focus:bg-brand-light">
                {c.label}
              </Link>
            </li>
          ))}
          {text.trim() ? (
            <li>
              <Link
                to={`/search?q=${encodeURIComponent(text.trim())}`}
                onClick={close}
                className="block rounded px-2 py-1 hover:bg-brand-light focus:bg-brand-light"
              >
                Search for “{text.trim()}”
              </Link>
            </li>
          ) : null}
        </ul>
      </dialog>
    </>
  );
}

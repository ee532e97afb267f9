// The command palette (Ctrl/Cmd+K; issue 27, item 3): as one types it lists the matching page
// commands and, after a short pause, the projects (by key, title or customer), people, artifacts
// and metrics the search finds. A combobox: the arrow keys move through the list, Enter opens the
// chosen item (the first when none is chosen), Escape closes.
import { Form, useFetcher, useNavigate } from "@remix-run/react";
import { useEffect, useRef, useState, type RefObject } from "react";
import { moveActive, paletteList, type PaletteItem } from "~/modules/search/palette";
import type { loader as paletteLoader } from "~/routes/palette";

/** How long typing pauses before the search is asked. */
const DEBOUNCE_MS = 150;

const KIND_ICONS: Record<PaletteItem["kind"], string> = { command: "→", project: "▣", person: "☺", artifact: "▤", metric: "∿", search: "⌕" };

export function CommandPalette({ dialogRef }: { dialogRef: RefObject<HTMLDialogElement> }) {
  const navigate = useNavigate();
  const fetcher = useFetcher<typeof paletteLoader>();
  const load = useRef(fetcher.load);
  load.current = fetcher.load;
  const [text, setText] = useState("");
  const [active, setActive] = useState(-1);
  const q = text.trim();

  useEffect(() => {
    if (!q) return;
    const timer = setTimeout(() => load.current(`/palette?q=${encodeURIComponent(q)}`), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [q]);

  // What the search found for what is typed now (or, while the next answer is on its way, the last one).
  const found = q && fetcher.data ? fetcher.data.items : [];
  const items = paletteList(q, found);
  const current = active >= 0 && active < items.length ? active : -1;

  const go = (item: PaletteItem | undefined) => {
    if (!item) return;
    dialogRef.current?.close();
    navigate(item.to);
  };

  return (
    <dialog
      ref={dialogRef}
      aria-labelledby="palette-title"
      className="w-[min(36rem,92vw)] rounded-lg p-4 shadow-xl backdrop:bg-slate-900/40"
      onClose={() => {
        setText("");
        setActive(-1);
      }}
    >
      <h2 id="palette-title" className="sr-only">
        Command palette
      </h2>
      <Form
        method="get"
        action="/search"
        onSubmit={(event) => {
          event.preventDefault();
          go(items[current >= 0 ? current : 0]);
        }}
      >
        <label htmlFor="palette-input" className="text-sm font-medium">
          Jump to a page or find anything
        </label>
        <p id="palette-hint" className="text-xs text-slate-600">
          Pages, and projects by key, title or customer, people, documents and metrics.
        </p>
        <input
          id="palette-input"
          name="q"
          type="text"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={items.length > 0}
          aria-controls="palette-list"
          aria-describedby="palette-hint"
          aria-activedescendant={current >= 0 ? `palette-option-${current}` : undefined}
          autoComplete="off"
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            setActive(-1);
          }}
          onKeyDown={(event) => {
            if (event.key === "ArrowDown" || event.key === "ArrowUp") {
              event.preventDefault();
              setActive(moveActive(current, items.length, event.key === "ArrowDown" ? 1 : -1));
            }
          }}
          className="mt-1 block w-full rounded border border-slate-300 px-3 py-2 text-sm"
        />
      </Form>
      <ul id="palette-list" role="listbox" aria-label="Commands and results" className="mt-2 max-h-[60vh] overflow-y-auto text-sm">
        {items.map((item, i) => (
          // The input keeps the focus and names the chosen option (aria-activedescendant); a click opens it too.
          // eslint-disable-next-line jsx-a11y/click-events-have-key-events
          <li
            key={item.id}
            id={`palette-option-${i}`}
            role="option"
            aria-selected={i === current}
            data-kind={item.kind}
            onClick={() => go(item)}
            onMouseMove={() => setActive(i)}
            className={`flex cursor-pointer items-baseline gap-2 rounded px-2 py-1 ${i === current ? "bg-brand-light outline outline-2 outline-brand" : ""}`}
          >
            <span aria-hidden="true" className="w-4 text-center text-slate-500">
              {KIND_ICONS[item.kind]}
            </span>
            <span className="font-medium">{item.label}</span>
            <span className="ml-auto text-xs text-slate-600">{item.detail}</span>
          </li>
        ))}
      </ul>
      <p aria-live="polite" className="sr-only">
        {q ? (fetcher.state === "loading" ? "Searching…" : `${found.length} found`) : ""}
      </p>
    </dialog>
  );
}

// The document field of the artifact editor (issue 24, item 1): a text area that works before
// JavaScript loads, which becomes CodeMirror (loaded on demand, codemirror.client.ts) once the page
// is interactive; the template's guidance for the section being written above it; and the
// preview beside it (a Write / Preview switch on a phone), rendered by the server's own renderer
// and sanitiser as one types.
import { FieldErrors } from "~/components/ui/field";
import { useEffect, useRef, useState } from "react";
import { shortcutFor, applyEdit } from "~/modules/artifacts/markdown-commands";
import type { TemplateSection } from "~/modules/artifacts/templates";
import type { EditorHandle } from "./codemirror.client";

export const SHORTCUT_HINT = "Ctrl (⌘) with B bold, I italic, K link, Alt+1 to 3 headings, Shift+8 a list, Shift+7 a numbered list.";

/**
 * The server's rendering of `body`, asked for a moment after typing stops. A plain request, not
 * a Remix fetcher: a fetcher's post would interrupt a navigation under way (a Discard, a save)
 * and make the router read the page's loaders again.
 */
export function usePreview(body: string, initial: string | null | undefined): string | null {
  const [html, setHtml] = useState<string | null>(initial ?? null);
  useEffect(() => {
    const controller = new AbortController();
    const timer = setTimeout(() => {
      fetch("/artifacts/preview", { method: "POST", body: new URLSearchParams({ body }), signal: controller.signal })
        .then((r) => (r.ok ? (r.json() as Promise<{ html: string }>) : null))
        .then((data) => data && setHtml(data.html))
        .catch(() => {});
    }, 400);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [body]);
  return html;
}

type Props = {
  id: string;
  body: string;
  setBody: (body: string) => void;
  setCaret: (caret: number) => void;
  errors: string[] | undefined;
  hint: string;
  guidance: TemplateSection | null;
  preview: string | null;
};

export function BodyEditor({ id, body, setBody, setCaret, errors, hint, guidance, preview }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const latest = useRef(body);
  latest.current = body;
  // The editor's module once loaded: the text area gives way to it, then it mounts (never both at once).
  const [module, setModule] = useState<typeof import("./codemirror.client") | null>(null);
  const editor = module !== null;
  const [tab, setTab] = useState<"write" | "preview">("write");
  const invalid = Boolean(errors?.length);
  const describedBy = [`${id}-body-hint`, invalid ? `${id}-body-error` : null].filter(Boolean).join(" ");

  useEffect(() => {
    let cancelled = false;
    import("./codemirror.client").then((loaded) => {
      if (!cancelled) setModule(loaded);
    });
    return () => {
      cancelled = true;
    };
  }, []);
  useEffect(() => {
    if (!module || !host.current) return;
    // The page's nonce, for the editor's stylesheet (the CSP allows no other inline style).
    const nonce = document.querySelector<HTMLScriptElement>("script[nonce]")?.nonce ?? "";
    const handle: EditorHandle = module.mountEditor(host.current, {
      doc: latest.current,
      labelledBy: `${id}-body-label`,
      describedBy,
      invalid,
      nonce,
      onChange: setBody,
      onCaret: setCaret,
    });
    return () => handle.destroy();
    // Mounted once: the editor keeps its own text from then on.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [module]);

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <label id={`${id}-body-label`} htmlFor={`${id}-body`} className="block text-sm font-medium text-slate-800">
          Document (Markdown)
        </label>
        <div className="flex gap-1 text-sm xl:hidden" role="group" aria-label="Show">
          {(["write", "preview"] as const).map((t) => (
            <button
              key={t}
              type="button"
              aria-pressed={tab === t}
              onClick={() => setTab(t)}
              className={`rounded border px-2 py-1 ${tab === t ? "border-brand bg-brand-light font-semibold" : "border-slate-300"}`}
            >
              {t === "write" ? "Write" : "Preview"}
            </button>
          ))}
        </div>
      </div>
      <p id={`${id}-body-hint`} className="text-xs text-slate-500">
        {hint}
      </p>
      {guidance ? (
        <p className="rounded bg-brand-light px-3 py-2 text-sm" data-testid="guidance">
          <span className="font-semibold">{guidance.title}:</span> {guidance.guidance}
        </p>
      ) : null}
      <div className="grid gap-4 xl:grid-cols-2">
        <div className={tab === "write" ? "" : "hidden xl:block"}>
          {editor ? (
            <input type="hidden" name="body" value={body} />
          ) : (
            <textarea
              id={`${id}-body`}
              name="body"
              value={body}
              onChange={(e) => setBody(e.target.value)}
              onSelect={(e) => setCaret(e.currentTarget.selectionStart)}
              onKeyDown={(e) => {
                const shortcut = shortcutFor(e);
                if (!shortcut) return;
                e.preventDefault();
                const el = e.currentTarget;
                const edit = shortcut.run(el.value, el.selectionStart, el.selectionEnd);
                setBody(applyEdit(el.value, edit));
                requestAnimationFrame(() => el.setSelectionRange(Math.min(edit.anchor, edit.head), Math.max(edit.anchor, edit.head)));
              }}
              rows={28}
              spellCheck
              className="block w-full rounded border border-slate-300 bg-white px-3 py-2 font-mono text-sm shadow-sm aria-[invalid=true]:border-bad"
              aria-invalid={invalid ? true : undefined}
              aria-describedby={describedBy}
            />
          )}
          <div ref={host} className={editor ? "" : "hidden"} data-testid="code-editor" />
          <FieldErrors id={`${id}-body-error`} errors={errors} />
        </div>
        <section
          aria-label="Preview"
          className={`${tab === "preview" ? "" : "hidden xl:block"} min-h-[28rem] rounded border border-slate-200 bg-white p-4`}
          data-testid="preview"
        >
          {preview === null ? (
            <p className="text-sm text-slate-600">The preview shows here as you write, as readers will see it. Without JavaScript, press Preview.</p>
          ) : (
            <div className="markdown" dangerouslySetInnerHTML={{ __html: preview }} />
          )}
        </section>
      </div>
    </div>
  );
}

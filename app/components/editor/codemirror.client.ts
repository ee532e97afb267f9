// The Markdown editor proper (issue 24, item 1): CodeMirror 6 with its Markdown language, undo
// history and the formatting shortcuts of modules/artifacts/markdown-commands.ts. Loaded by the
// artifact editor after the page is interactive (a dynamic import), so no other page, and not the
// editor page's first paint, carries it. Tab is left to move the focus, as in any form field.
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { markdown } from "@codemirror/lang-markdown";
import { defaultHighlightStyle, syntaxHighlighting } from "@codemirror/language";
import { EditorState } from "@codemirror/state";
import { EditorView, keymap } from "@codemirror/view";
import { SHORTCUTS } from "~/modules/artifacts/markdown-commands";

export type EditorHandle = { destroy(): void; focus(): void; setText(text: string): void };

export function mountEditor(
  parent: HTMLElement,
  options: {
    doc: string;
    labelledBy: string;
    describedBy?: string;
    invalid?: boolean;
    nonce?: string;
    onChange: (text: string) => void;
    onCaret: (caret: number) => void;
  },
): EditorHandle {
  const formatting = keymap.of(
    SHORTCUTS.map((s) => ({
      key: s.key,
      preventDefault: true,
      run: (view: EditorView) => {
        const { from, to } = view.state.selection.main;
        const edit = s.run(view.state.doc.toString(), from, to);
        view.dispatch({
          changes: { from: edit.from, to: edit.to, insert: edit.insert },
          selection: { anchor: edit.anchor, head: edit.head },
          scrollIntoView: true,
        });
        return true;
      },
    })),
  );
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: options.doc,
      extensions: [
        history(),
        ...(options.nonce ? [EditorView.cspNonce.of(options.nonce)] : []),
        formatting,
        keymap.of([...defaultKeymap, ...historyKeymap]),
        markdown(),
        syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
        EditorView.lineWrapping,
        EditorView.contentAttributes.of({
          "aria-labelledby": options.labelledBy,
          "aria-multiline": "true",
          ...(options.describedBy ? { "aria-describedby": options.describedBy } : {}),
          ...(options.invalid ? { "aria-invalid": "true" } : {}),
          spellcheck: "true",
        }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) options.onChange(update.state.doc.toString());
          if (update.docChanged || update.selectionSet) options.onCaret(update.state.selection.main.head);
        }),
        EditorView.theme({
          "&": { minHeight: "28rem", border: "1px solid rgb(203 213 225)", borderRadius: "0.25rem", backgroundColor: "var(--editor-bg, white)" },
          "&.cm-focused": { outline: "2px solid rgb(37 99 235)", outlineOffset: "1px" },
          ".cm-content": { fontFamily: "ui-monospace, SFMono-Regular, Menlo, monospace", fontSize: "0.875rem", padding: "0.5rem 0.75rem" },
          ".cm-scroller": { minHeight: "28rem" },
        }),
      ],
    }),
  });
  return {
    destroy: () => view.destroy(),
    focus: () => view.focus(),
    setText: (text) => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } }),
  };
}

// The editor's formatting commands (issue 24, item 1): bold, italic, link, headings and lists
// as edits of Markdown text. Pure, so the CodeMirror editor and the plain text area it starts
// as (before its script loads) apply the same edit, and the tests run them without a browser.

/** One replacement of [from, to) by `insert`, and the selection after it. */
export type TextEdit = { from: number; to: number; insert: string; anchor: number; head: number };

type Command = (text: string, from: number, to: number) => TextEdit;

/** Wraps the selection in `mark` (** or _), or unwraps it when it is wrapped already. */
export function toggleWrap(mark: string): Command {
  return (text, from, to) => {
    const n = mark.length;
    const selected = text.slice(from, to);
    if (from >= n && text.slice(from - n, from) === mark && text.slice(to, to + n) === mark) {
      return { from: from - n, to: to + n, insert: selected, anchor: from - n, head: to - n };
    }
    if (selected.length > 2 * n && selected.startsWith(mark) && selected.endsWith(mark)) {
      const inner = selected.slice(n, -n);
      return { from, to, insert: inner, anchor: from, head: from + inner.length };
    }
    return { from, to, insert: `${mark}${selected}${mark}`, anchor: from + n, head: to + n };
  };
}

/** A link around the selection (its text), with the address selected to type over. */
export const insertLink: Command = (text, from, to) => {
  const label = text.slice(from, to) || "link text";
  const insert = `[${label}](https://)`;
  const url = from + label.length + 3;
  return { from, to, insert, anchor: url, head: url + "https://".length };
};

/** The whole lines the selection touches (a selection ending at a line's start leaves that line out). */
function lines(text: string, from: number, to: number) {
  const start = text.lastIndexOf("\n", from - 1) + 1;
  const last = to > from && text[to - 1] === "\n" ? to - 1 : to;
  const newline = text.indexOf("\n", last);
  const end = newline === -1 ? text.length : newline;
  return { start, end, lines: text.slice(start, end).split("\n") };
}

function replaceLines(text: string, from: number, to: number, change: (lines: string[]) => string[]): TextEdit {
  const { start, end, lines: old } = lines(text, from, to);
  const insert = change(old).join("\n");
  return { from: start, to: end, insert, anchor: start, head: start + insert.length };
}

const HEADING = /^#{1,6}\s+/;

/** Makes the lines headings of `level`, or plain text again when they are that level already. */
export function setHeading(level: number): Command {
  const prefix = `${"#".repeat(level)} `;
  return (text, from, to) =>
    replaceLines(text, from, to, (ls) => {
      const off = ls.every((l) => !l.trim() || l.startsWith(prefix));
      return ls.map((l) => (l.trim() ? (off ? l.slice(prefix.length) : prefix + l.replace(HEADING, "")) : l));
    });
}

const LIST_MARK = /^(\s*)(?:[-*+]|\d+[.)])\s+/;

/** Makes the lines a bulleted or numbered list, or plain lines again when they are one already. */
export function toggleList(kind: "bullet" | "ordered"): Command {
  const is = kind === "bullet" ? /^\s*[-*+]\s+/ : /^\s*\d+[.)]\s+/;
  return (text, from, to) =>
    replaceLines(text, from, to, (ls) => {
      const filled = ls.filter((l) => l.trim());
      if (filled.length && filled.every((l) => is.test(l))) return ls.map((l) => l.replace(LIST_MARK, "$1"));
      let n = 0;
      return ls.map((l) => (l.trim() ? `${kind === "bullet" ? "-" : `${++n}.`} ${l.replace(LIST_MARK, "$1").replace(HEADING, "")}` : l));
    });
}

/** The shortcuts, in CodeMirror's key notation ("Mod" is Ctrl, or Cmd on a Mac), with what they do in words. */
export const SHORTCUTS: { key: string; label: string; run: Command }[] = [
  { key: "Mod-b", label: "Bold", run: toggleWrap("**") },
  { key: "Mod-i", label: "Italic", run: toggleWrap("_") },
  { key: "Mod-k", label: "Link", run: insertLink },
  { key: "Mod-Alt-1", label: "Heading 1", run: setHeading(1) },
  { key: "Mod-Alt-2", label: "Heading 2", run: setHeading(2) },
  { key: "Mod-Alt-3", label: "Heading 3", run: setHeading(3) },
  { key: "Mod-Shift-8", label: "Bulleted list", run: toggleList("bullet") },
  { key: "Mod-Shift-7", label: "Numbered list", run: toggleList("ordered") },
];

/** The shortcut a key event means, if any (for the plain text area). */
export function shortcutFor(event: { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean; code?: string }) {
  if (!(event.ctrlKey || event.metaKey)) return undefined;
  // With Alt or Shift held, the key a layout reports differs ("¡", "*"): read the physical key.
  const key = event.code?.startsWith("Digit")
    ? event.code.slice(5)
    : event.code?.startsWith("Key")
      ? event.code.slice(3).toLowerCase()
      : event.key.toLowerCase();
  const name = `Mod-${event.altKey ? "Alt-" : ""}${event.shiftKey ? "Shift-" : ""}${key}`;
  return SHORTCUTS.find((s) => s.key === name);
}

/** Applies an edit to the text (what the editor shows after it). */
export function applyEdit(text: string, edit: TextEdit): string {
  return text.slice(0, edit.from) + edit.insert + text.slice(edit.to);
}

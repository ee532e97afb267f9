// A comment box that completes @mentions (issue 24, item 3): typing @ and the start of a name or
// handle lists who matches; Down and Up choose, Enter or Tab puts the handle in, Escape closes.
// Without JavaScript it is a plain textarea, and a handle typed in full works the same.
import { useRef, useState, type TextareaHTMLAttributes } from "react";
import { TextAreaField } from "~/components/ui/field";
import { completions, mentionAtCaret, type Mentionable } from "~/modules/comments/mentions";

export type MentionPerson = { name: string; handle: string };

type Props = TextareaHTMLAttributes<HTMLTextAreaElement> & { id: string; label: string; errors?: string[]; hint?: string; people: readonly MentionPerson[] };

export function MentionTextarea({ people, id, label, errors, hint, ...props }: Props) {
  const ref = useRef<HTMLTextAreaElement | null>(null);
  const [open, setOpen] = useState<{ start: number; matches: MentionPerson[] } | null>(null);
  const [active, setActive] = useState(0);
  // completions() matches on the handle as an email's first part: give it one.
  const asMentionable = (p: MentionPerson): Mentionable & MentionPerson => ({ ...p, id: p.handle, email: p.handle.includes("@") ? p.handle : `${p.handle}@` });

  function update(el: HTMLTextAreaElement) {
    const at = mentionAtCaret(el.value, el.selectionStart);
    const matches: MentionPerson[] = at ? completions(at.typed, people.map(asMentionable)) : [];
    setOpen(at && matches.length ? { start: at.start, matches } : null);
    setActive(0);
  }

  function choose(person: MentionPerson) {
    const el = ref.current;
    if (!el || !open) return;
    const before = el.value.slice(0, open.start);
    const after = el.value.slice(el.selectionStart);
    const inserted = `@${person.handle} `;
    // Through the native setter, so conform and React see an input event.
    const setter = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, "value")!.set!;
    setter.call(el, before + inserted + after);
    el.dispatchEvent(new Event("input", { bubbles: true }));
    el.focus();
    el.setSelectionRange(before.length + inserted.length, before.length + inserted.length);
    setOpen(null);
  }

  return (
    <div>
      <TextAreaField
        {...props}
        id={id}
        label={label}
        errors={errors}
        hint={hint ?? "Markdown. Mention someone with @ and their name."}
        textareaRef={ref}
        onInput={(e) => {
          props.onInput?.(e);
          update(e.currentTarget);
        }}
        onKeyDown={(e) => {
          props.onKeyDown?.(e);
          if (!open) return;
          if (e.key === "ArrowDown" || e.key === "ArrowUp") {
            e.preventDefault();
            setActive((a) => (a + (e.key === "ArrowDown" ? 1 : open.matches.length - 1)) % open.matches.length);
          } else if (e.key === "Enter" || e.key === "Tab") {
            e.preventDefault();
            choose(open.matches[active]);
          } else if (e.key === "Escape") {
            e.preventDefault();
            setOpen(null);
          }
        }}
        onBlur={(e) => {
          props.onBlur?.(e);
          // Leave time for a click on a suggestion.
          setTimeout(() => setOpen(null), 150);
        }}
      />
      <p className="sr-only" aria-live="polite">
        {open
          ? `${open.matches.length} ${open.matches.length === 1 ? "person matches" : "people match"}: ${open.matches[active]?.name}. Enter chooses, Down and Up move.`
          : ""}
      </p>
      {open ? (
        <ul className="mt-1 w-full rounded border border-slate-300 bg-white text-sm shadow" data-testid="mention-suggestions">
          {open.matches.map((p, i) => (
            <li key={p.handle}>
              <button
                type="button"
                tabIndex={-1}
                className={`block w-full px-2 py-1 text-left ${i === active ? "bg-brand-light font-semibold" : ""}`}
                onMouseDown={(e) => {
                  e.preventDefault();
                  choose(p);
                }}
              >
                {p.name} <span className="text-slate-600">@{p.handle}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

// A document with its comments (issue 24, item 2): each block of the rendered document beside
// its margin (under it on a phone) holding the threads whose passage starts there, the passages
// marked in the text; a form to open a thread on a passage. Selecting text (or Ctrl+Alt+M with a
// selection) fills the form with exactly that passage; each paragraph also has a plain link that
// fills it on the server, so keyboards and pages without JavaScript can comment too.
import { getFormProps, getInputProps, getTextareaProps } from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";
import { useEffect, useId, useRef, useState } from "react";
import { Button, FormErrors, TextAreaField } from "~/components/ui/field";
import { useIntentForm } from "~/components/ui/intent-form";
import { joinBlocks, normaliseText, quoteAt, type TextQuote } from "~/modules/comments/anchor";
import { StartThreadSchema } from "~/modules/comments/comment-form";
import { useIsland } from "~/utils/islands";
import { MentionTextarea } from "./mention-textarea";
import { ThreadCard, ThreadForms, useSpaLinks, type ThreadData, type Viewer } from "./thread";

/** The selector of the reader's selection inside `root`, built as the server will check it. */
function selectionQuote(root: HTMLElement): TextQuote | null {
  const selection = window.getSelection();
  if (!selection || selection.isCollapsed || selection.rangeCount === 0) return null;
  const range = selection.getRangeAt(0);
  if (!root.contains(range.commonAncestorContainer)) return null;
  const blocks = [...root.querySelectorAll<HTMLElement>("[data-block]")];
  const { text, starts } = joinBlocks(blocks.map((b) => normaliseText(b.textContent ?? "")));
  const exact = normaliseText(selection.toString());
  if (!exact) return null;
  // Where the selection starts, to choose between equal quotes.
  const node = range.startContainer;
  const block = (node instanceof Element ? node : node.parentElement)?.closest<HTMLElement>("[data-block]");
  let near = 0;
  if (block) {
    const before = document.createRange();
    before.setStart(block, 0);
    before.setEnd(range.startContainer, range.startOffset);
    near = starts[blocks.indexOf(block)] + before.toString().replace(/\s+/g, " ").trimStart().length;
  }
  let best = -1;
  for (let at = text.indexOf(exact); at !== -1; at = text.indexOf(exact, at + 1)) if (best === -1 || Math.abs(at - near) < Math.abs(best - near)) best = at;
  return best === -1 ? null : quoteAt(text, { start: best, end: best + exact.length });
}

function NewThreadForm({
  version,
  prefill,
  viewer,
  formRef,
}: {
  version: number;
  prefill: TextQuote | null;
  viewer: Viewer;
  formRef: React.RefObject<HTMLFormElement>;
}) {
  const busy = useNavigation().state === "submitting";
  const id = useId();
  const start = useIntentForm<{ body: string; quote: string; prefix: string; suffix: string }>("start_thread", StartThreadSchema, {
    defaultValue: { quote: prefill?.exact ?? "", prefix: prefill?.prefix ?? "", suffix: prefill?.suffix ?? "" },
  });
  return (
    <section aria-labelledby={`${id}-new`} id="new-comment" className="scroll-mt-20 rounded-lg border border-slate-200 bg-white p-3 text-sm">
      <h2 id={`${id}-new`} className="font-semibold">
        Comment
      </h2>
      <p className="text-xs text-slate-600">Select a passage (then the Comment button, or Ctrl+Alt+M) or use a paragraph&rsquo;s “Comment” link.</p>
      <Form method="post" className="mt-2 space-y-2" ref={formRef} {...getFormProps(start.form)}>
        <FormErrors errors={start.form.errors} />
        <input type="hidden" name="intent" value="start_thread" />
        <input type="hidden" name="version" value={version} />
        <input {...getInputProps(start.fields.prefix, { type: "hidden" })} />
        <input {...getInputProps(start.fields.suffix, { type: "hidden" })} />
        <TextAreaField
          {...getTextareaProps(start.fields.quote)}
          id={`${id}-quote`}
          label="Passage"
          hint="Quoted from the version shown; leave it empty to comment on the whole document."
          rows={2}
          errors={start.fields.quote.errors}
        />
        <MentionTextarea
          {...getTextareaProps(start.fields.body)}
          id={`${id}-body`}
          label="Your comment"
          errors={start.fields.body.errors}
          people={viewer.people}
        />
        <Button type="submit" disabled={busy}>
          Add comment
        </Button>
      </Form>
    </section>
  );
}

/** Fills the new-comment form with the selection's passage and takes the reader there. */
function usePassagePicker(article: React.RefObject<HTMLElement>, form: React.RefObject<HTMLFormElement>) {
  const [offer, setOffer] = useState<{ quote: TextQuote; top: number; left: number } | null>(null);
  useEffect(() => {
    const root = article.current;
    if (!root) return;
    const onChange = () => {
      const quote = selectionQuote(root);
      if (!quote) return setOffer(null);
      const rect = window.getSelection()!.getRangeAt(0).getBoundingClientRect();
      const box = root.getBoundingClientRect();
      setOffer({ quote, top: rect.bottom - box.top + 4, left: Math.max(0, rect.left - box.left) });
    };
    document.addEventListener("selectionchange", onChange);
    return () => document.removeEventListener("selectionchange", onChange);
  }, [article]);

  const fill = (quote: TextQuote) => {
    const el = form.current;
    if (!el) return;
    const set = (name: string, value: string) => {
      const field = el.elements.namedItem(name) as HTMLInputElement | HTMLTextAreaElement | null;
      if (!field) return;
      const proto = field instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
      Object.getOwnPropertyDescriptor(proto, "value")!.set!.call(field, value);
      field.dispatchEvent(new Event("input", { bubbles: true }));
    };
    set("quote", quote.exact);
    set("prefix", quote.prefix);
    set("suffix", quote.suffix);
    setOffer(null);
    const body = el.elements.namedItem("body") as HTMLTextAreaElement | null;
    body?.focus();
    body?.scrollIntoView({ block: "center" });
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key.toLowerCase() !== "m" || !e.altKey || !(e.ctrlKey || e.metaKey) || !article.current) return;
      const quote = selectionQuote(article.current);
      if (!quote) return;
      e.preventDefault();
      fill(quote);
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  });
  return { offer, fill };
}

/** One block of the document, its passages marked: from the server's render, or from the page's data after a navigation. */
function Block({ index, sent }: { index: number; sent: string | null }) {
  const html = useIsland(`block:${index}`, sent);
  return <div className="markdown" data-block={index} dangerouslySetInnerHTML={{ __html: html }} suppressHydrationWarning />;
}

export function AnnotatedDocument({
  blocks,
  threads,
  version,
  prefill,
  viewer,
  before,
  side,
}: {
  /** Each block's HTML with its passages marked (null: in the server's render only, utils/islands.tsx). */
  blocks: (string | null)[];
  threads: ThreadData[];
  version: number;
  prefill: TextQuote | null;
  viewer: Viewer;
  /** What the article shows above the text (a link the document lives at). */
  before?: React.ReactNode;
  /** What goes in the side column under the comment form (checks, review). */
  side: React.ReactNode;
}) {
  const article = useRef<HTMLElement>(null);
  const page = useRef<HTMLDivElement>(null);
  const form = useRef<HTMLFormElement>(null);
  useSpaLinks(page);
  const { offer, fill } = usePassagePicker(article, form);
  const byBlock = new Map<number, ThreadData[]>();
  for (const t of threads) if (t.block !== null) byBlock.set(t.block, [...(byBlock.get(t.block) ?? []), t]);
  const loose = threads.filter((t) => t.block === null);
  const open = threads.filter((t) => !t.resolved).length;
  return (
    <div ref={page} className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_18rem]">
      <div className="space-y-6">
        <article ref={article} className="relative space-y-3 rounded-lg border border-slate-200 bg-white p-5" aria-label="Content" data-testid="artifact-body">
          {before}
          {blocks.map((html, i) => (
            <div key={i} className="lg:grid lg:grid-cols-[minmax(0,1fr)_16rem] lg:gap-4">
              <Block index={i} sent={html} />
              <div className="mt-2 space-y-2 lg:mt-0">
                {(byBlock.get(i) ?? []).map((t) =>
                  t.resolved && !t.open ? (
                    <details key={t.id} className="text-xs">
                      <summary className="cursor-pointer text-slate-600">Resolved thread</summary>
                      <ThreadCard thread={t} viewer={viewer} />
                    </details>
                  ) : (
                    <ThreadCard key={t.id} thread={t} viewer={viewer} />
                  ),
                )}
                {viewer.mayComment ? (
                  <a href={`?version=${version}&on=${i}#new-comment`} className="sr-only text-xs text-brand underline focus:not-sr-only" data-spa>
                    Comment on this paragraph
                  </a>
                ) : null}
              </div>
            </div>
          ))}
          {offer ? (
            <button
              type="button"
              className="absolute z-10 rounded bg-brand px-2 py-1 text-xs font-medium text-white shadow"
              style={{ top: offer.top, left: offer.left }}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => fill(offer.quote)}
            >
              Comment on selection
            </button>
          ) : null}
        </article>
        <ThreadForms />
        <section aria-labelledby="comments-head" className="space-y-2">
          <h2 id="comments-head" className="text-lg font-semibold">
            Comments <span className="text-sm font-normal text-slate-600">({open} open)</span>
          </h2>
          {loose.length === 0 ? (
            <p className="text-sm text-slate-600">{threads.length ? "Every thread is beside its passage." : "No comments yet."}</p>
          ) : (
            loose.map((t) => <ThreadCard key={t.id} thread={t} viewer={viewer} />)
          )}
        </section>
      </div>
      <aside className="space-y-4 text-sm">
        {viewer.mayComment ? (
          // A new thread saved starts an empty form.
          <NewThreadForm key={`${threads.length}:${prefill?.exact ?? ""}`} version={version} prefill={prefill} viewer={viewer} formRef={form} />
        ) : null}
        {side}
      </aside>
    </div>
  );
}

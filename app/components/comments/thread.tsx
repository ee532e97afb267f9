// One thread (issue 24, item 3): its first comment (and the passage it is on), the replies, and
// what the reader may do: reply, edit or delete their own comments, resolve or reopen. The same
// card on a document's margin, under its paragraph on a phone, and in a project's discussion.
//
// A page may hold hundreds of threads (a 6-pager's review), so a card is a digest: the passage,
// the first comment and how many replies. One thread at a time is open (?thread=): its replies,
// its reply form, and Edit and Delete on one's own comments. Opening and editing are links
// (they work before JavaScript loads); Resolve, Reopen and Delete are buttons of the page's one
// form for each (ThreadForms), so no card carries a form of its own.
import { getFormProps, getTextareaProps } from "@conform-to/react";
import { Form, useNavigate, useNavigation, useSearchParams } from "@remix-run/react";
import { useEffect, useId } from "react";
import { Instant } from "~/components/ui/instant";
import { Button, FormErrors, TextAreaField } from "~/components/ui/field";
import { useIntentForm } from "~/components/ui/intent-form";
import { EditCommentSchema, ReplySchema } from "~/modules/comments/comment-form";
import { useIsland } from "~/utils/islands";
import { MentionTextarea, type MentionPerson } from "./mention-textarea";
import { ThreadHead } from "./thread-digest";

export type CommentData = { id: string; authorId: string; author: string; html: string; createdAt: string; editedAt: string | null; deleted: boolean };
/** An open thread: everything of it. */
export type OpenThreadData = CommentData & {
  resolvedAt: string | null;
  resolvedBy: string | null;
  passage: { exact: string; version: number } | null;
  replies: CommentData[];
};
/** A thread as the page has it (comments.server.ts PageThread): closed, its card's HTML; open, all of it. */
export type ThreadData = {
  id: string;
  authorId: string;
  reviewId: string | null;
  block: number | null;
  changed: boolean;
  resolved: boolean;
  canResolve: boolean;
  replyCount: number;
  digest: string | null;
  open: OpenThreadData | null;
};

export type Viewer = {
  id: string;
  mayComment: boolean;
  people: readonly MentionPerson[];
  /** The comment whose edit form is open (?edit=), with its text. */
  editing?: { id: string; body: string } | null;
};

const FORM = { resolve: "thread-resolve", reopen: "thread-reopen", remove: "comment-delete" } as const;

/** The page's one form for each action a card's buttons send (the button names the thread or comment). */
export function ThreadForms() {
  return (
    <>
      <Form method="post" id={FORM.resolve} hidden>
        <input type="hidden" name="intent" value="resolve_thread" />
        <input type="hidden" name="resolved" value="yes" />
      </Form>
      <Form method="post" id={FORM.reopen} hidden>
        <input type="hidden" name="intent" value="resolve_thread" />
        <input type="hidden" name="resolved" value="no" />
      </Form>
      <Form method="post" id={FORM.remove} hidden>
        <input type="hidden" name="intent" value="delete_comment" />
      </Form>
    </>
  );
}

/**
 * Links marked data-spa inside `ref` navigate in the page like a Remix Link, without the cost of
 * a Link each (a 6-pager's review renders hundreds: plain anchors, one listener). Before
 * JavaScript loads they are plain links.
 */
export function useSpaLinks(ref: React.RefObject<HTMLElement>) {
  const navigate = useNavigate();
  useEffect(() => {
    const root = ref.current;
    if (!root) return;
    const onClick = (e: MouseEvent) => {
      const link = (e.target as Element | null)?.closest?.("a[data-spa]");
      if (!(link instanceof HTMLAnchorElement) || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      e.preventDefault();
      const url = new URL(link.href);
      navigate(`${url.pathname}${url.search}${url.hash}`, { preventScrollReset: true });
    };
    root.addEventListener("click", onClick);
    return () => root.removeEventListener("click", onClick);
  }, [ref, navigate]);
}

/** A link to this page with one search parameter set (and the others kept), at an anchor. */
function useOpen() {
  const [params] = useSearchParams();
  return (name: "thread" | "edit", value: string, anchor: string, thread?: string) => {
    const next = new URLSearchParams(params);
    next.delete("thread");
    next.delete("edit");
    next.delete("on");
    next.set(name, value);
    if (thread) next.set("thread", thread);
    return `?${next}#${anchor}`;
  };
}

/** A form opened by a Reply or Edit link takes the focus, where the reader asked to write. */
function useFocusOnOpen(fieldId: string) {
  useEffect(() => document.getElementById(fieldId)?.focus(), [fieldId]);
}

function EditForm({ comment }: { comment: { id: string; body: string } }) {
  const busy = useNavigation().state === "submitting";
  const id = useId();
  const edit = useIntentForm<{ body: string }>("edit_comment", EditCommentSchema, { id: `edit-${comment.id}`, defaultValue: { body: comment.body } });
  useFocusOnOpen(`${id}-edit`);
  return (
    <Form method="post" className="mt-1 space-y-1" {...getFormProps(edit.form)}>
      <FormErrors errors={edit.form.errors} />
      <input type="hidden" name="intent" value="edit_comment" />
      <input type="hidden" name="commentId" value={comment.id} />
      <TextAreaField {...getTextareaProps(edit.fields.body)} id={`${id}-edit`} label="Your comment" errors={edit.fields.body.errors} />
      <Button type="submit" className="px-2 py-1" disabled={busy}>
        Save
      </Button>
    </Form>
  );
}

function OneComment({ comment, viewer, threadId }: { comment: CommentData; viewer: Viewer; threadId: string }) {
  const open = useOpen();
  const mine = viewer.mayComment && comment.authorId === viewer.id && !comment.deleted;
  const editing = mine && viewer.editing?.id === comment.id ? viewer.editing : null;
  return (
    <div id={`comment-${comment.id}`} className="scroll-mt-20" data-testid="comment">
      <p className="text-xs text-slate-600">
        <span className="font-semibold text-slate-800">{comment.author}</span> · <Instant value={comment.createdAt} time />
        {comment.editedAt ? " · edited" : null}
      </p>
      {comment.deleted ? (
        <p className="italic text-slate-600">Comment deleted.</p>
      ) : editing ? (
        <EditForm comment={editing} />
      ) : (
        <div className="markdown text-sm" dangerouslySetInnerHTML={{ __html: comment.html }} />
      )}
      {mine && !editing ? (
        <p className="mt-1 flex flex-wrap gap-3 text-xs">
          <a href={open("edit", comment.id, `comment-${comment.id}`, threadId)} className="text-brand underline" data-spa>
            Edit<span className="sr-only"> your comment</span>
          </a>
          <button type="submit" form={FORM.remove} name="commentId" value={comment.id} className="text-bad underline">
            Delete<span className="sr-only"> your comment</span>
          </button>
        </p>
      ) : null}
    </div>
  );
}

function ReplyForm({ threadId, people }: { threadId: string; people: readonly MentionPerson[] }) {
  const busy = useNavigation().state === "submitting";
  const id = useId();
  const reply = useIntentForm<{ body: string }>("reply", ReplySchema, { id: `reply-${threadId}` });
  useFocusOnOpen(`${id}-reply`);
  return (
    <Form method="post" className="space-y-1" {...getFormProps(reply.form)}>
      <FormErrors errors={reply.form.errors} />
      <input type="hidden" name="intent" value="reply" />
      <input type="hidden" name="threadId" value={threadId} />
      <MentionTextarea {...getTextareaProps(reply.fields.body)} id={`${id}-reply`} label="Your reply" errors={reply.fields.body.errors} people={people} />
      <Button type="submit" className="px-2 py-1" disabled={busy}>
        Reply
      </Button>
    </Form>
  );
}

export function ThreadCard({ thread, viewer, headingLevel = 3 }: { thread: ThreadData; viewer: Viewer; headingLevel?: 3 | 4 }) {
  const open = useOpen();
  const digest = useIsland(`thread:${thread.id}`, thread.digest);
  const full = thread.open;
  const replies = thread.replyCount;
  return (
    <section
      aria-labelledby={`thread-${thread.id}-head`}
      id={`thread-${thread.id}`}
      data-testid="thread"
      data-resolved={thread.resolved}
      className={`scroll-mt-20 space-y-2 rounded-lg border bg-white p-3 text-sm ${thread.resolved ? "border-slate-200 opacity-80" : "border-warn"}`}
    >
      {full ? (
        <>
          <ThreadHead thread={{ ...full, id: thread.id, changed: thread.changed }} headingLevel={headingLevel} />
          <OneComment comment={full} viewer={viewer} threadId={thread.id} />
          {full.replies.length ? (
            <ol className="space-y-2 border-l border-slate-200 pl-3" aria-label="Replies">
              {full.replies.map((r) => (
                <li key={r.id}>
                  <OneComment comment={r} viewer={viewer} threadId={thread.id} />
                </li>
              ))}
            </ol>
          ) : null}
          {viewer.mayComment ? <ReplyForm threadId={thread.id} people={viewer.people} /> : null}
        </>
      ) : (
        // The closed card, rendered on the server from the same sanitised comment (thread-digest.tsx).
        <div className="space-y-2" dangerouslySetInnerHTML={{ __html: digest }} suppressHydrationWarning />
      )}
      <p className="flex flex-wrap items-center gap-3 text-xs">
        {!full && (replies || viewer.mayComment) ? (
          <a href={open("thread", thread.id, `thread-${thread.id}`)} className="text-brand underline" data-spa>
            {replies ? `Open thread: ${replies} ${replies === 1 ? "reply" : "replies"}` : "Reply to this thread"}
          </a>
        ) : null}
        {thread.canResolve ? (
          <button
            type="submit"
            form={thread.resolved ? FORM.reopen : FORM.resolve}
            name="threadId"
            value={thread.id}
            aria-label={thread.resolved ? "Reopen this thread" : "Resolve this thread"}
            className="rounded border border-slate-300 px-2 py-1 hover:bg-slate-100"
          >
            {thread.resolved ? "Reopen" : "Resolve"}
          </button>
        ) : null}
      </p>
    </section>
  );
}

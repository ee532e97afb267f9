// One thread (issue 24, item 3): its first comment (and the passage it is on), the replies, and
// what the reader may do: reply, edit or delete their own comments, resolve or reopen. The same
// card on a document's margin, under its paragraph on a phone, and in a project's discussion.
import { getFormProps, getTextareaProps } from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";
import { useId } from "react";
import { Instant } from "~/components/ui/instant";
import { Button, FormErrors, TextAreaField } from "~/components/ui/field";
import { useIntentForm } from "~/components/ui/intent-form";
import { EditCommentSchema, ReplySchema } from "~/modules/comments/comment-form";
import { MentionTextarea, type MentionPerson } from "./mention-textarea";

export type CommentData = {
  id: string;
  authorId: string;
  author: string;
  html: string;
  body: string;
  createdAt: string;
  editedAt: string | null;
  deleted: boolean;
};
export type ThreadData = CommentData & {
  resolvedAt: string | null;
  resolvedBy: string | null;
  passage: { exact: string; version: number } | null;
  replies: CommentData[];
  canResolve: boolean;
  /** The passage is no longer in the version shown. */
  changed?: boolean;
};

type Viewer = { id: string; mayComment: boolean; people: readonly MentionPerson[] };

function OneComment({ comment, viewer }: { comment: CommentData; viewer: Viewer }) {
  const busy = useNavigation().state === "submitting";
  const id = useId();
  const edit = useIntentForm<{ body: string }>("edit_comment", EditCommentSchema, {
    id: `edit-${comment.id}`,
    match: ["commentId", comment.id],
    defaultValue: { body: comment.body },
  });
  const mine = viewer.mayComment && comment.authorId === viewer.id && !comment.deleted;
  return (
    <div id={`comment-${comment.id}`} className="scroll-mt-20" data-testid="comment">
      <p className="text-xs text-slate-600">
        <span className="font-semibold text-slate-800">{comment.author}</span> · <Instant value={comment.createdAt} time />
        {comment.editedAt ? " · edited" : null}
      </p>
      {comment.deleted ? (
        <p className="italic text-slate-600">Comment deleted.</p>
      ) : (
        <div className="markdown text-sm" dangerouslySetInnerHTML={{ __html: comment.html }} />
      )}
      {mine ? (
        <div className="mt-1 flex flex-wrap gap-2 text-xs">
          <details>
            <summary className="cursor-pointer text-brand underline">Edit</summary>
            <Form method="post" className="mt-1 space-y-1" {...getFormProps(edit.form)}>
              <FormErrors errors={edit.form.errors} />
              <input type="hidden" name="intent" value="edit_comment" />
              <input type="hidden" name="commentId" value={comment.id} />
              <TextAreaField {...getTextareaProps(edit.fields.body)} id={`${id}-edit`} label="Your comment" errors={edit.fields.body.errors} />
              <Button type="submit" className="px-2 py-1" disabled={busy}>
                Save
              </Button>
            </Form>
          </details>
          <Form method="post">
            <input type="hidden" name="intent" value="delete_comment" />
            <input type="hidden" name="commentId" value={comment.id} />
            <button type="submit" className="text-bad underline" disabled={busy}>
              Delete<span className="sr-only"> your comment</span>
            </button>
          </Form>
        </div>
      ) : null}
    </div>
  );
}

export function ThreadCard({ thread, viewer, headingLevel = 3 }: { thread: ThreadData; viewer: Viewer; headingLevel?: 3 | 4 }) {
  const busy = useNavigation().state === "submitting";
  const id = useId();
  const reply = useIntentForm<{ body: string }>("reply", ReplySchema, { id: `reply-${thread.id}`, match: ["threadId", thread.id] });
  const Heading = headingLevel === 3 ? "h3" : "h4";
  const resolved = thread.resolvedAt !== null;
  return (
    <section
      aria-labelledby={`${id}-head`}
      id={`thread-${thread.id}`}
      data-testid="thread"
      data-resolved={resolved}
      className={`scroll-mt-20 space-y-2 rounded-lg border bg-white p-3 text-sm ${resolved ? "border-slate-200 opacity-80" : "border-warn"}`}
    >
      <Heading id={`${id}-head`} className="text-xs font-semibold uppercase tracking-wide text-slate-600">
        {resolved ? `Resolved by ${thread.resolvedBy ?? "someone"}` : "Open thread"}
        {thread.changed ? " · on text that changed" : null}
      </Heading>
      {thread.passage ? (
        <blockquote className={`border-l-4 pl-2 text-xs ${thread.changed ? "border-slate-300 text-slate-600 line-through" : "border-warn"}`}>
          <span className="sr-only">On the passage: </span>“{thread.passage.exact}”
          <span className="block no-underline">(version {thread.passage.version})</span>
        </blockquote>
      ) : null}
      <OneComment comment={thread} viewer={viewer} />
      {thread.replies.length ? (
        <ol className="space-y-2 border-l border-slate-200 pl-3" aria-label="Replies">
          {thread.replies.map((r) => (
            <li key={r.id}>
              <OneComment comment={r} viewer={viewer} />
            </li>
          ))}
        </ol>
      ) : null}
      {viewer.mayComment ? (
        <details open={reply.form.errors?.length || reply.fields.body.errors?.length ? true : undefined}>
          <summary className="cursor-pointer text-xs text-brand underline">Reply to this thread</summary>
          <Form method="post" className="mt-1 space-y-1" {...getFormProps(reply.form)}>
            <FormErrors errors={reply.form.errors} />
            <input type="hidden" name="intent" value="reply" />
            <input type="hidden" name="threadId" value={thread.id} />
            <MentionTextarea
              {...getTextareaProps(reply.fields.body)}
              id={`${id}-reply`}
              label="Your reply"
              errors={reply.fields.body.errors}
              people={viewer.people}
            />
            <Button type="submit" className="px-2 py-1" disabled={busy}>
              Reply
            </Button>
          </Form>
        </details>
      ) : null}
      {thread.canResolve ? (
        <Form method="post">
          <input type="hidden" name="intent" value="resolve_thread" />
          <input type="hidden" name="threadId" value={thread.id} />
          <input type="hidden" name="resolved" value={resolved ? "no" : "yes"} />
          <Button type="submit" variant="secondary" className="px-2 py-1 text-xs" disabled={busy}>
            {resolved ? "Reopen" : "Resolve"}
            <span className="sr-only"> this thread</span>
          </Button>
        </Form>
      ) : null}
    </section>
  );
}

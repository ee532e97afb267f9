// The comment intents every page with a discussion answers (the artifact page, the project's
// discussion): one table, so each form is parsed and refused the same way wherever it is.
import { canComment, type Person } from "~/modules/people/authorize";
import { forbidden } from "~/utils/http.server";
import { prisma } from "~/utils/db.server";
import { submitIntent, type IntentAction } from "~/utils/intent.server";
import { DeleteCommentSchema, EditCommentSchema, ReplySchema, ResolveThreadSchema } from "./comment-form";
import { deleteComment, editComment, replyTo, setThreadResolved } from "./comments.server";

export type CommentContext = { user: Person; /** The page to come back to. */ here: string };

/** The page with one thread open, at that thread: where a reply or an edit is read. */
const withThread = (here: string, threadId: string) =>
  `${here}${here.includes("?") ? "&" : "?"}thread=${encodeURIComponent(threadId)}#thread-${encodeURIComponent(threadId)}`;

/**
 * Called first in an intent only those who take part in discussions send: a viewer is refused
 * before what they sent is read. (Inside the intent's function, never at a route's top level,
 * where the browser bundle would run it.)
 */
export function requireCommenter(user: Person) {
  if (!canComment(user)) throw forbidden("Viewers read the discussion; members and administrators take part in it.");
}

function commenting<C extends { user: Person }>(intent: IntentAction<C>): IntentAction<C> {
  return (context, form, name) => {
    requireCommenter(context.user);
    return intent(context, form, name);
  };
}

const INTENTS: Record<string, IntentAction<CommentContext>> = {
  reply: ({ user, here }, form, intent) =>
    submitIntent(form, intent, ReplySchema, (v) => replyTo(prisma, user, v.threadId, v.body), {
      to: (v) => withThread(here, v.threadId),
      message: () => "Reply added.",
    }),
  edit_comment: ({ user, here }, form, intent) =>
    submitIntent(form, intent, EditCommentSchema, (v) => editComment(prisma, user, v.commentId, v.body), {
      to: (_v, r) => withThread(here, r.id),
      message: () => "Comment changed; the earlier text is kept in the history.",
    }),
  delete_comment: ({ user, here }, form, intent) =>
    submitIntent(form, intent, DeleteCommentSchema, (v) => deleteComment(prisma, user, v.commentId), { to: here, message: () => "Comment deleted." }),
  resolve_thread: ({ user, here }, form, intent) =>
    submitIntent(form, intent, ResolveThreadSchema, (v) => setThreadResolved(prisma, user, v.threadId, v.resolved === "yes"), {
      to: here,
      message: (v) => (v.resolved === "yes" ? "Thread resolved." : "Thread reopened."),
    }),
};

export const COMMENT_INTENTS = Object.fromEntries(Object.entries(INTENTS).map(([name, intent]) => [name, commenting(intent)]));

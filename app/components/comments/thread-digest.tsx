// A thread as its card shows it closed (issue 24): its state, the passage it is on, and its first
// comment. No hooks and no handlers: the server renders it to a string once per thread, state
// and time zone (digest.server.tsx), since a 6-pager's review shows hundreds of them.

export type DigestInput = {
  id: string;
  author: string;
  html: string;
  createdAt: Date | string;
  editedAt: Date | string | null;
  deleted: boolean;
  resolvedAt: Date | string | null;
  resolvedBy: string | null;
  passage: { exact: string; version: number } | null;
  changed?: boolean;
};

/** A thread's state and the passage it is on: the top of its card, open or closed. */
export function ThreadHead({
  thread,
  headingLevel,
}: {
  thread: Pick<DigestInput, "id" | "resolvedAt" | "resolvedBy" | "passage" | "changed">;
  headingLevel: 3 | 4;
}) {
  const Heading = headingLevel === 3 ? "h3" : "h4";
  return (
    <>
      <Heading id={`thread-${thread.id}-head`} className="text-xs font-semibold uppercase tracking-wide text-slate-600">
        {thread.resolvedAt ? `Resolved by ${thread.resolvedBy ?? "someone"}` : "Open thread"}
        {thread.changed ? " · on text that changed" : null}
      </Heading>
      {thread.passage ? (
        <blockquote className={`border-l-4 pl-2 text-xs ${thread.changed ? "border-slate-300 text-slate-600 line-through" : "border-warn"}`}>
          <span className="sr-only">On the passage: </span>“{thread.passage.exact}” (version {thread.passage.version})
        </blockquote>
      ) : null}
    </>
  );
}

export function ThreadDigest({ thread, when, headingLevel }: { thread: DigestInput; when: string; headingLevel: 3 | 4 }) {
  const iso = typeof thread.createdAt === "string" ? thread.createdAt : thread.createdAt.toISOString();
  return (
    <>
      <ThreadHead thread={thread} headingLevel={headingLevel} />
      <div id={`comment-${thread.id}`} className="scroll-mt-20" data-testid="comment">
        <p className="text-xs text-slate-600">
          <span className="font-semibold text-slate-800">{thread.author}</span> · <time dateTime={iso}>{when}</time>
          {thread.editedAt ? " · edited" : null}
        </p>
        {thread.deleted ? (
          <p className="italic text-slate-600">Comment deleted.</p>
        ) : (
          <div className="markdown text-sm" dangerouslySetInnerHTML={{ __html: thread.html }} />
        )}
      </div>
    </>
  );
}

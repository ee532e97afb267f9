// Who has read the document (issue 24, item 7), so a review meeting can start with everyone
// having read it, the reader's own "Mark as read", and the reviewer's open threads.
import { Form, Link, useNavigation } from "@remix-run/react";
import { useId } from "react";
import { Button } from "~/components/ui/field";
import { Instant } from "~/components/ui/instant";

type Reader = { id: string; name: string; version: number; readAt: string };

export function ReadBy({
  readers,
  version,
  newest,
  me,
  mayMark,
  reviewer,
  reviewerThreads,
  readingMode,
}: {
  readers: Reader[];
  /** The version shown. */
  version: number;
  newest: number;
  me: string;
  mayMark: boolean;
  reviewer: string | null;
  reviewerThreads: { id: string; excerpt: string }[];
  readingMode: string;
}) {
  const id = useId();
  const busy = useNavigation().state === "submitting";
  const mine = readers.find((r) => r.id === me);
  return (
    <section aria-labelledby={`${id}-read`} className="space-y-2 rounded-lg border border-slate-200 bg-white p-3" data-testid="read-by">
      <h2 id={`${id}-read`} className="font-semibold">
        Read by
      </h2>
      {readers.length === 0 ? (
        <p className="text-slate-600">Nobody has marked it read yet.</p>
      ) : (
        <ul className="space-y-1">
          {readers.map((r) => (
            <li key={r.id}>
              {r.name}: version {r.version}
              {r.version < newest ? <span className="text-warn"> (an older version)</span> : null} · <Instant value={r.readAt} />
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link to={readingMode} className="text-brand underline">
          Reading mode
        </Link>{" "}
        <span className="text-xs text-slate-600">(clean and printable)</span>
      </p>
      {mayMark && mine?.version !== version ? (
        <Form method="post">
          <input type="hidden" name="intent" value="mark_read" />
          <input type="hidden" name="version" value={version} />
          <Button type="submit" variant="secondary" className="px-2 py-1" disabled={busy}>
            Mark version {version} as read
          </Button>
        </Form>
      ) : null}
      {reviewer ? (
        <div>
          <h3 className="font-semibold">
            {reviewer}&rsquo;s open threads ({reviewerThreads.length})
          </h3>
          {reviewerThreads.length ? (
            <ul className="list-disc pl-5">
              {reviewerThreads.map((t) => (
                <li key={t.id}>
                  <a href={`#thread-${t.id}`} className="text-brand underline">
                    {t.excerpt}
                  </a>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-slate-600">None open.</p>
          )}
        </div>
      ) : null}
    </section>
  );
}

// Reading mode (issue 24, item 7): a document alone, in a calm and printable layout, for the
// silent reading at the start of a review meeting. Comments stay hidden until asked for; at the
// end, "Mark as read" and who has read which version.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useState } from "react";
import { z } from "zod";
import { Button } from "~/components/ui/field";
import { Instant } from "~/components/ui/instant";
import { getArtifact, getArtifactVersion } from "~/modules/artifacts/artifacts.server";
import { MarkReadSchema } from "~/modules/comments/comment-form";
import { requireCommenter } from "~/modules/comments/comment-intents.server";
import { documentReaders, documentThreads, markRead } from "~/modules/comments/comments.server";
import { ARTIFACT_KIND_NAMES } from "~/modules/lifecycle/stages";
import { canComment, type Person } from "~/modules/people/authorize";
import { requireUserWithPermission } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { badRequest, notFound } from "~/utils/http.server";
import { dispatchIntent, submitIntent, type IntentAction } from "~/utils/intent.server";
import { IdParam } from "~/utils/params";

export const handle = { bare: true };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} (reading) · Gatepath` : "Reading · Gatepath" }];

const View = z.object({ version: z.coerce.number().int().positive().optional(), comments: z.enum(["1"]).optional() });

async function load(id: string | undefined) {
  const parsed = IdParam.safeParse(id);
  const artifact = parsed.success ? await getArtifact(prisma, parsed.data) : null;
  if (!artifact) throw notFound("There is no such artifact.");
  return artifact;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "project:read");
  const artifact = await load(params.id);
  const search = new URL(request.url).searchParams;
  const view = View.safeParse({ version: search.get("version") || undefined, comments: search.get("comments") || undefined });
  if (!view.success) throw badRequest("Versions are whole numbers from the history list.");
  const number = view.data.version ?? artifact.version;
  const shown = number === artifact.version ? artifact : await getArtifactVersion(prisma, artifact.id, number);
  if (!shown) throw notFound(`There is no version ${number} of this artifact.`);
  const placed = await documentThreads(prisma, artifact.id, { version: number, body: shown.body });
  const withComments = view.data.comments === "1";
  const open = placed.threads.filter((t) => !t.resolvedAt && !t.deleted);
  const readers = await documentReaders(prisma, artifact.id);
  return json({
    id: artifact.id,
    title: shown.title,
    kind: artifact.kind,
    author: artifact.author.name,
    version: number,
    newest: artifact.version,
    url: shown.url,
    // Passages are marked only when the comments are asked for.
    blocks: withComments ? placed.marked : placed.blocks.map((b) => b.html),
    comments: withComments
      ? open.map((t) => ({
          id: t.id,
          block: t.block,
          changed: t.changed,
          author: t.author,
          html: t.html,
          quote: t.passage?.exact ?? null,
          replies: t.replies.length,
        }))
      : null,
    openCount: open.length,
    readers: readers.map((r) => ({ id: r.user.id, name: r.user.name, version: r.version, readAt: r.readAt })),
    me: { id: user.id, mayMark: canComment(user) },
  });
}

const INTENTS: Record<string, IntentAction<{ user: Person; artifactId: string; here: string }>> = {
  mark_read: ({ user, artifactId, here }, form, intent) => {
    requireCommenter(user);
    return submitIntent(form, intent, MarkReadSchema, (v) => markRead(prisma, user, artifactId, v.version), {
      to: here,
      message: (v) => `Marked as read: version ${v.version}.`,
    });
  },
};

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, "project:read");
  const artifact = await load(params.id);
  const url = new URL(request.url);
  return dispatchIntent(await request.formData(), INTENTS, { user, artifactId: artifact.id, here: `${url.pathname}${url.search}` });
}

/** Printing needs the browser's script: the button shows once the page has it. */
function PrintButton() {
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  return ready ? (
    <Button type="button" variant="secondary" className="px-2 py-1" onClick={() => window.print()}>
      Print
    </Button>
  ) : null;
}

export default function ReadingMode() {
  const doc = useLoaderData<typeof loader>();
  const busy = useNavigation().state === "submitting";
  const page = `/artifacts/${doc.id}${doc.version === doc.newest ? "" : `?version=${doc.version}`}`;
  const here = (withComments: boolean) => {
    const q = new URLSearchParams({ ...(doc.version === doc.newest ? {} : { version: String(doc.version) }), ...(withComments ? { comments: "1" } : {}) });
    return `?${q}`;
  };
  const mine = doc.readers.find((r) => r.id === doc.me.id);
  const loose = doc.comments?.filter((c) => c.block === null) ?? [];
  return (
    <div className="mx-auto max-w-3xl space-y-6" data-testid="reading-mode">
      <p className="flex flex-wrap items-center gap-3 text-sm print:hidden">
        <Link to={page} className="text-brand underline">
          ← Back to the document
        </Link>
        <Link to={here(doc.comments === null)} className="text-brand underline">
          {doc.comments === null ? `Show comments (${doc.openCount} open)` : "Hide comments"}
        </Link>
        <PrintButton />
      </p>
      <header>
        <h1 className="text-3xl font-bold">{doc.title}</h1>
        <p className="mt-1 text-sm text-slate-600">
          {ARTIFACT_KIND_NAMES[doc.kind]} by {doc.author} · version {doc.version}
          {doc.version !== doc.newest ? ` (the newest is ${doc.newest})` : ""}
        </p>
      </header>
      <article className="space-y-4 text-lg leading-relaxed" aria-label="Document">
        {doc.url ? (
          <p>
            Lives at{" "}
            <a href={doc.url} className="break-all text-brand underline" rel="noopener noreferrer nofollow">
              {doc.url}
            </a>
          </p>
        ) : null}
        {doc.blocks.map((html, i) => (
          <div key={i}>
            <div className="markdown" data-block={i} dangerouslySetInnerHTML={{ __html: html }} />
            {doc.comments
              ?.filter((c) => c.block === i)
              .map((c) => (
                <aside key={c.id} className="mt-2 rounded border-l-4 border-warn bg-warn-light px-3 py-2 text-sm" aria-label={`Comment by ${c.author}`}>
                  <p className="font-semibold">{c.author}</p>
                  <div className="markdown" dangerouslySetInnerHTML={{ __html: c.html }} />
                  {c.replies ? (
                    <p className="text-xs text-slate-600">{c.replies === 1 ? "1 reply" : `${c.replies} replies`} on the document&rsquo;s page</p>
                  ) : null}
                </aside>
              ))}
          </div>
        ))}
        {doc.blocks.length === 0 && !doc.url ? <p className="text-slate-600">This version has no text.</p> : null}
      </article>
      {loose.length ? (
        <section aria-labelledby="loose-comments" className="space-y-2 text-sm">
          <h2 id="loose-comments" className="font-semibold">
            Other open comments
          </h2>
          {loose.map((c) => (
            <aside key={c.id} className="rounded border-l-4 border-warn bg-warn-light px-3 py-2" aria-label={`Comment by ${c.author}`}>
              <p className="font-semibold">
                {c.author}
                {c.changed ? " · on text that changed" : ""}
              </p>
              {c.quote ? <p className="text-xs">“{c.quote}”</p> : null}
              <div className="markdown" dangerouslySetInnerHTML={{ __html: c.html }} />
            </aside>
          ))}
        </section>
      ) : null}
      <footer className="space-y-2 border-t border-slate-200 pt-4 text-sm print:hidden">
        {doc.me.mayMark && mine?.version !== doc.version ? (
          <Form method="post">
            <input type="hidden" name="intent" value="mark_read" />
            <input type="hidden" name="version" value={doc.version} />
            <Button type="submit" disabled={busy}>
              Mark version {doc.version} as read
            </Button>
          </Form>
        ) : mine ? (
          <p>You marked version {mine.version} as read.</p>
        ) : null}
        <p>
          {doc.readers.length === 0 ? "Nobody has marked it read yet." : "Read by: "}
          {doc.readers.map((r, i) => (
            <span key={r.id}>
              {i ? ", " : ""}
              {r.name} (version {r.version}, <Instant value={r.readAt} />)
            </span>
          ))}
        </p>
      </footer>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";

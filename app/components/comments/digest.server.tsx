// Closed thread cards as HTML, rendered once per thread, state and time zone and kept (issue 24's
// benchmark: a 6-pager with 200 threads spent half its render on the cards). The key holds all
// the card shows, so a change to a thread (an edit, a resolution, a new name) is a new entry.
import { LRUCache } from "lru-cache";
import { renderToStaticMarkup } from "react-dom/server";
import { formatInstant } from "~/utils/dates";
import { ThreadDigest, type DigestInput } from "./thread-digest";

const digests = new LRUCache<string, string>({ max: 20_000 });

const stamp = (v: Date | string | null) => (v === null ? "" : typeof v === "string" ? v : v.toISOString());

export function digestHtml(thread: DigestInput, timeZone: string, headingLevel: 3 | 4 = 3): string {
  const key = [
    thread.id,
    thread.author,
    stamp(thread.editedAt),
    thread.deleted ? "d" : "",
    stamp(thread.resolvedAt),
    thread.resolvedBy ?? "",
    thread.changed ? "c" : "",
    thread.passage ? thread.passage.version : "",
    timeZone,
    headingLevel,
  ].join("|");
  let html = digests.get(key);
  if (html === undefined) {
    html = renderToStaticMarkup(<ThreadDigest thread={thread} when={formatInstant(thread.createdAt, timeZone, { time: true })} headingLevel={headingLevel} />);
    digests.set(key, html);
  }
  return html;
}

// @mentions in a comment (issue 24, item 3). A person is mentioned by the part of their email
// before the @ ("@ada"), or by the whole address where two people share that part
// ("@ada@example.com"). Pure, so the comment box completes names with the same rules the server
// reads them with.

export type Mentionable = { id: string; name: string; email: string };

/** The handle a person is mentioned by: their email before the @, lower case. */
export function handleOf(email: string): string {
  return email.slice(0, email.lastIndexOf("@")).toLowerCase();
}

// An @ that starts a word (not inside an address), then a handle, optionally with its domain.
const MENTION = /(^|[^\w@.+-])@([\w.+-]+(?:@[a-z\d-]+(?:\.[a-z\d-]+)+)?)/gi;

/** Code is quoted, not addressed: an @ inside it mentions nobody. */
function withoutCode(body: string): string {
  return body.replace(/```[\s\S]*?(?:```|$)/g, " ").replace(/`[^`\n]*`/g, " ");
}

/** The handles a body mentions, lower case, each once, in order (a sentence's full stop is not part of one). */
export function mentionedHandles(body: string): string[] {
  const found = new Set<string>();
  for (const match of withoutCode(body).matchAll(MENTION)) found.add(match[2].replace(/\.+$/, "").toLowerCase());
  return [...found].filter(Boolean);
}

export type MentionProblem = { handle: string; why: "nobody" | "ambiguous" };

/** Who a body mentions among `people`, and each mention that names nobody or more than one person. */
export function resolveMentions(body: string, people: readonly Mentionable[]): { ids: string[]; problems: MentionProblem[] } {
  const ids: string[] = [];
  const problems: MentionProblem[] = [];
  for (const handle of mentionedHandles(body)) {
    const matches = handle.includes("@") ? people.filter((p) => p.email.toLowerCase() === handle) : people.filter((p) => handleOf(p.email) === handle);
    if (matches.length === 1) {
      if (!ids.includes(matches[0].id)) ids.push(matches[0].id);
    } else problems.push({ handle, why: matches.length === 0 ? "nobody" : "ambiguous" });
  }
  return { ids, problems };
}

/** A problem in words, for the comment field. */
export function mentionMessage(problem: MentionProblem): string {
  return problem.why === "nobody"
    ? `Nobody here is @${problem.handle}: mention someone by the part of their email before the @.`
    : `@${problem.handle} is more than one person: write their whole email after the @.`;
}

/** The people whose handle or name starts with what follows the @ being typed, for completion. */
export function completions<T extends Mentionable>(typed: string, people: readonly T[], limit = 6): T[] {
  const q = typed.toLowerCase();
  return people
    .filter(
      (p) =>
        handleOf(p.email).startsWith(q) ||
        p.name
          .toLowerCase()
          .split(/\s+/)
          .some((part) => part.startsWith(q)),
    )
    .slice(0, limit);
}

/** The text being typed after an @ just before the caret, if any: where completion applies. */
export function mentionAtCaret(text: string, caret: number): { start: number; typed: string } | null {
  const match = /(^|[^\w@.+-])@([\w.+-]*)$/.exec(text.slice(0, caret));
  return match ? { start: caret - match[2].length - 1, typed: match[2] } : null;
}

// The playbook as a file (YAML or JSON), so an organisation can review it like code.
// Parsing reports each problem with its line; an invalid file yields no playbook at all.
import { isMap, isSeq, LineCounter, parseDocument, stringify, type Node } from "yaml";
import { playbookSchema, type Playbook } from "./playbook";

export type FileProblem = { line: number | null; message: string };
export type ParsedPlaybookFile = { ok: true; playbook: Omit<Playbook, "version"> } | { ok: false; problems: FileProblem[] };

/** The file form of a playbook: everything but its version number, which the database assigns. */
export function playbookToFile(playbook: Playbook, format: "yaml" | "json"): string {
  const { version: _version, ...content } = playbook;
  return format === "json" ? `${JSON.stringify(content, null, 2)}\n` : stringify(content, { lineWidth: 0 });
}

/** The node at a path of the document, for the line of a validation problem. */
function nodeAt(root: Node | null | undefined, path: (string | number)[]): Node | null {
  let node: Node | null | undefined = root;
  let found: Node | null = root ?? null;
  for (const key of path) {
    if (isMap(node)) node = node.get(key, true) as Node | undefined;
    else if (isSeq(node)) node = node.get(Number(key), true) as Node | undefined;
    else break;
    if (!node) break;
    found = node;
  }
  return found;
}

/** Parses and validates a playbook file; JSON is YAML too, so one parser serves both with lines. */
export function parsePlaybookFile(text: string): ParsedPlaybookFile {
  if (text.length > 512 * 1024) return { ok: false, problems: [{ line: null, message: "The file is larger than 512 KB." }] };
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const lineOf = (offset: number | undefined) => (offset === undefined ? null : lineCounter.linePos(offset).line);
  if (doc.errors.length > 0) {
    return { ok: false, problems: doc.errors.map((e) => ({ line: lineOf(e.pos?.[0]), message: e.message.split("\n")[0] })) };
  }
  let data: unknown;
  try {
    // Aliases are expanded here; a file built to multiply them (a "billion laughs") is refused.
    data = doc.toJS({ maxAliasCount: 100 }) as unknown;
  } catch (error) {
    return { ok: false, problems: [{ line: null, message: `The file cannot be read: ${error instanceof Error ? error.message : "too many aliases"}.` }] };
  }
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    return { ok: false, problems: [{ line: 1, message: "The file must describe a playbook: doneDonePeriods and stages." }] };
  }
  const result = playbookSchema.safeParse(data);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const node = nodeAt(doc.contents as Node, issue.path);
      const at = issue.path.length ? `${issue.path.join(".")}: ` : "";
      return { line: lineOf(node?.range?.[0]), message: `${at}${issue.message}` };
    });
    // In file order, as a reviewer reads it.
    return { ok: false, problems: problems.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity)) };
  }
  const { version: _version, ...playbook } = result.data as Playbook;
  return { ok: true, playbook };
}

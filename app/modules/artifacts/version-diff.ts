// Line diff between two versions of an artifact, with unchanged runs folded to a little context.
import { diffLines } from "diff";

export type DiffLine = { kind: "added" | "removed" | "same"; text: string } | { kind: "skipped"; count: number };

function splitLines(value: string): string[] {
  const lines = value.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/** The lines of `after` against `before`; runs of unchanged lines longer than 2×context are folded. */
export function diffVersions(before: string, after: string, context = 2): DiffLine[] {
  const out: DiffLine[] = [];
  for (const part of diffLines(before, after)) {
    const lines = splitLines(part.value);
    if (part.added || part.removed) {
      for (const text of lines) out.push({ kind: part.added ? "added" : "removed", text });
      continue;
    }
    const first = out.length === 0;
    const keepHead = first ? 0 : context;
    if (lines.length <= keepHead + context) {
      for (const text of lines) out.push({ kind: "same", text });
      continue;
    }
    for (const text of lines.slice(0, keepHead)) out.push({ kind: "same", text });
    out.push({ kind: "skipped", count: lines.length - keepHead - context });
    for (const text of lines.slice(lines.length - context)) out.push({ kind: "same", text });
  }
  // Trailing context after the last change is all that is needed.
  let lastChange = out.length - 1;
  while (lastChange >= 0 && out[lastChange]!.kind !== "added" && out[lastChange]!.kind !== "removed") lastChange--;
  if (lastChange === -1) return [];
  const tail = out
    .slice(lastChange + 1)
    .filter((l): l is Extract<DiffLine, { kind: "same" }> => l.kind === "same")
    .slice(0, context);
  return [...out.slice(0, lastChange + 1), ...tail];
}

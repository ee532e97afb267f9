// Where a person may be sent after signing in (or any other redirectTo): only a path on this
// site. One function decides it, so every redirect shares one list of tested bypasses
// (redirect.test.ts): encoded slashes and backslashes, whitespace and control characters
// that browsers strip, schemes, and protocol-relative addresses.

const BASE = "http://gatepath.invalid";
const MAX_LENGTH = 2000;

// C0 controls, DEL, C1 controls, and whitespace beyond the ASCII space (browsers strip or
// ignore several of these, which turns "/\t/evil" into "//evil").
// eslint-disable-next-line no-control-regex
const CONTROL_OR_SPACE = /[\u0000-\u0020\u007f-\u009f\u00a0\u1680\u2000-\u200f\u2028\u2029\u202f\u205f\u3000\ufeff]/;

/** The decoded forms a browser or a proxy may see: decoding stops when nothing changes or a sequence is malformed. */
function decodings(value: string): string[] {
  const forms = [value];
  let current = value;
  for (let i = 0; i < 3; i++) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      break;
    }
    if (next === current) break;
    forms.push(next);
    current = next;
  }
  return forms;
}

/** Whether a path as written, and every decoding of it, is one path on this site (a raw string, no URL parsing). */
function isLocalPath(to: string): boolean {
  // As sent, a path on this site is already encoded: any raw space, control or backslash is refused.
  if (CONTROL_OR_SPACE.test(to) || to.includes("\\")) return false;
  // Decoded, its path part (a query may hold an encoded space) still starts with one slash.
  for (const form of decodings(to)) {
    const pathPart = form.split(/[?#]/, 1)[0]!;
    if (CONTROL_OR_SPACE.test(pathPart) || pathPart.includes("\\")) return false;
    if (!pathPart.startsWith("/") || pathPart.startsWith("//")) return false;
  }
  return true;
}

/** The path, query and fragment a browser would request for `to` on this site, or null when it cannot be parsed. */
function normalised(to: string): string | null {
  try {
    const url = new URL(to, BASE);
    return url.origin === BASE ? `${url.pathname}${url.search}${url.hash}` : null;
  } catch {
    return null;
  }
}

/**
 * `to` when it is a path on this site, otherwise `fallback`. The target is normalised first (dot
 * segments, encoded dots: "/..//x" becomes "//x"), and what is returned is exactly the string that
 * was judged, so no later step can turn an accepted path into another site (issue 23).
 */
export function safeRedirectPath(to: unknown, fallback = "/board"): string {
  if (typeof to !== "string" || to.length === 0 || to.length > MAX_LENGTH) return fallback;
  if (!isLocalPath(to)) return fallback;
  const target = normalised(to);
  // Judged again after normalising, and stable: resolving it once more changes nothing.
  if (target === null || !isLocalPath(target) || normalised(target) !== target) return fallback;
  return target;
}

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

/** `to` when it is a path on this site, otherwise `fallback`. */
export function safeRedirectPath(to: unknown, fallback = "/board"): string {
  if (typeof to !== "string" || to.length === 0 || to.length > MAX_LENGTH) return fallback;
  // As sent, a path on this site is already encoded: any raw space, control or backslash is refused.
  if (CONTROL_OR_SPACE.test(to) || to.includes("\\")) return fallback;
  // Decoded, its path part (a query may hold an encoded space) still starts with one slash.
  for (const form of decodings(to)) {
    const pathPart = form.split(/[?#]/, 1)[0]!;
    if (CONTROL_OR_SPACE.test(pathPart) || pathPart.includes("\\")) return fallback;
    if (!pathPart.startsWith("/") || pathPart.startsWith("//")) return fallback;
  }
  let url: URL;
  try {
    url = new URL(to, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}

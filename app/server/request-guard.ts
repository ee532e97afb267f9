// The one place every request body passes before Remix sees it (README "Security"): the
// method, the origin, the content type and the size are checked, the body is read up to its
// route's limit (Content-Length or chunked alike), parsed once to prove it can be, and refused
// when a field or key is named after a JavaScript prototype member. An action can then call
// request.formData() or request.text() knowing neither can throw, so a new route cannot forget
// any of this. Refusals are 4xx answers that name the problem; nothing reaches a route.
import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from "express";

export type BodyKind = "form" | "json";
/** `anySite`: a form any site may post, whose own signature is its proof (an email's one-click unsubscribe). */
export type BodyRule = { kind: BodyKind; limit: number; label: string; anySite?: true };

const KB = 1024;
const MB = 1024 * KB;

/**
 * Each route's body limit, first match wins. Forms are small; the editors carry a Markdown
 * body (up to 200 KB of text, encoded); the uploads carry a file. Documented in the README.
 */
export const BODY_RULES: readonly (BodyRule & { pattern: RegExp })[] = [
  { pattern: /^\/api\//, kind: "json", limit: 5 * MB, label: "the metric values API" },
  { pattern: /^\/projects\/[^/]+\/metrics\/import\/?$/, kind: "form", limit: 10 * MB + 64 * KB, label: "a CSV import" },
  { pattern: /^\/playbook\/?$/, kind: "form", limit: 1 * MB, label: "a playbook import" },
  { pattern: /^\/(projects\/[^/]+\/artifacts\/new|artifacts\/[^/]+\/edit)\/?$/, kind: "form", limit: 1 * MB, label: "an artifact" },
  { pattern: /^\/notifications\/unsubscribe\/?$/, kind: "form", limit: 1 * KB, label: "an unsubscribe", anySite: true },
  { pattern: /./, kind: "form", limit: 64 * KB, label: "a form" },
];

export function bodyRuleFor(pathname: string): BodyRule {
  const rule = BODY_RULES.find((r) => r.pattern.test(pathname))!;
  return { kind: rule.kind, limit: rule.limit, label: rule.label, ...(rule.anySite ? { anySite: true as const } : {}) };
}

// Names that reach Object.prototype when used as a key or a path segment: `__proto__`,
// `constructor`, `toString`, ... and `prototype`.
const PROTOTYPE_NAMES = new Set([...Object.getOwnPropertyNames(Object.prototype), "prototype"]);

/** The first field name with a prototype-named segment (conform reads `a.b[0].c` as a path), or null. */
export function prototypeFieldName(names: Iterable<string>): string | null {
  for (const name of names) {
    if (name.split(/[.[\]]/).some((segment) => PROTOTYPE_NAMES.has(segment))) return name;
  }
  return null;
}

/** An `intent` that names a prototype member would select Object's own functions from a lookup table. */
export function prototypeIntent(form: { getAll(name: string): unknown[] }): boolean {
  return form.getAll("intent").some((v) => typeof v === "string" && PROTOTYPE_NAMES.has(v));
}

// With the u flag a paired surrogate is one code point, so only a lone one matches.
const LONE_SURROGATE = /\p{Surrogate}/u;

/** Why a text cannot be stored: a lone surrogate is not Unicode, and PostgreSQL's text holds no NUL character. */
export function textProblem(text: string, path: string): string | null {
  if (LONE_SURROGATE.test(text)) return `${path} is not valid Unicode (a lone surrogate)`;
  if (text.includes("\u0000")) return `${path} holds the NUL character, which no text can hold`;
  return null;
}

/** The first key anywhere in a parsed JSON value that names a prototype member, or a string that cannot be stored. */
export function jsonProblem(value: unknown, path = "(body)"): string | null {
  if (typeof value === "string") return textProblem(value, path);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const problem = jsonProblem(value[i], `${path}[${i}]`);
      if (problem) return problem;
    }
    return null;
  }
  if (value && typeof value === "object") {
    for (const [key, inner] of Object.entries(value)) {
      if (PROTOTYPE_NAMES.has(key)) return `${path} has a key named "${key}", which is not allowed`;
      const problem = jsonProblem(inner, path === "(body)" ? key : `${path}.${key}`);
      if (problem) return problem;
    }
  }
  return null;
}

/** The origin this server answers on, as a browser would write it: scheme, host and port. */
export function ownOrigin(req: Pick<ExpressRequest, "protocol" | "get">): string {
  return `${req.protocol}://${(req.get("host") ?? "").toLowerCase()}`;
}

/** The origin a Referer header names, lower-cased, or null when it is not an absolute http(s) URL. */
function refererOrigin(referer: string): string | null {
  try {
    const url = new URL(referer);
    return url.protocol === "http:" || url.protocol === "https:" ? url.origin.toLowerCase() : null;
  } catch {
    return null;
  }
}

/** Why a state-changing request from a browser is refused as cross-site, or null when it is same-origin. */
export function crossSiteReason(req: Pick<ExpressRequest, "protocol" | "get">): string | null {
  const origin = req.get("origin");
  if (origin !== undefined) {
    if (origin.toLowerCase() === ownOrigin(req)) return null;
    return `Cross-site request refused: it came from ${origin === "null" ? "an opaque origin" : origin}, not ${ownOrigin(req)}.`;
  }
  // No Origin (older browsers, some same-origin navigations): the fetch metadata says where it came from.
  const site = req.get("sec-fetch-site");
  if (site === "cross-site" || site === "same-site") return `Cross-site request refused: it came from another site (${site}).`;
  // Nor fetch metadata: a Referer, where one was sent, must name this origin (issue 23).
  const referer = req.get("referer");
  if (referer !== undefined) {
    const from = refererOrigin(referer);
    // Compared as URLs write origins (a default port dropped).
    if (from === null || from !== refererOrigin(ownOrigin(req)))
      return `Cross-site request refused: it was sent from ${from ?? "an unreadable Referer"}, not ${ownOrigin(req)}.`;
  }
  return null;
}

/** The declared media type, lower-cased, without parameters. */
function mediaType(header: string | undefined): string {
  return (header ?? "").split(";")[0]!.trim().toLowerCase();
}

type Refusal = { status: 400 | 403 | 405 | 413 | 415; message: string };

/** Checks that need no body: method, origin, declared type and declared size. */
export function checkHead(req: Pick<ExpressRequest, "method" | "path" | "protocol" | "get">): Refusal | null {
  if (req.method !== "POST") return { status: 405, message: `${req.method} is not supported here; use GET to read and POST to change.` };
  const rule = bodyRuleFor(req.path);
  // The API is called by programs with a token, not by browsers with a cookie: no origin to check.
  if (rule.kind === "form" && !rule.anySite) {
    const reason = crossSiteReason(req);
    if (reason) return { status: 403, message: reason };
  }
  const length = req.get("content-length");
  if (length !== undefined && !/^\d+$/.test(length)) return { status: 400, message: "The Content-Length header is not a number." };
  if (length !== undefined && Number(length) > rule.limit) return { status: 413, message: tooLarge(rule) };
  const type = mediaType(req.get("content-type"));
  if (rule.kind === "json") {
    if (type !== "application/json") return { status: 415, message: "Send the body as JSON with Content-Type: application/json." };
  } else if (type === "multipart/form-data") {
    if (!/;\s*boundary=/i.test(req.get("content-type") ?? "")) return { status: 400, message: "The multipart form has no boundary in its Content-Type." };
  } else if (type !== "application/x-www-form-urlencoded" && type !== "") {
    return { status: 415, message: `This page takes a form (application/x-www-form-urlencoded or multipart/form-data), not ${type}.` };
  }
  return null;
}

function tooLarge(rule: BodyRule): string {
  const size = rule.limit >= MB ? `${Math.floor(rule.limit / MB)} MB` : `${Math.round(rule.limit / KB)} KB`;
  return `The request is too large: ${rule.label} may be at most ${size}.`;
}

/** Checks that need the body: it parses, and names nothing after a prototype member. */
export async function checkBody(req: Pick<ExpressRequest, "path" | "get">, body: Buffer): Promise<Refusal | null> {
  const rule = bodyRuleFor(req.path);
  const type = mediaType(req.get("content-type"));
  if (rule.kind === "json") {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString("utf8"));
    } catch {
      return { status: 400, message: "The body is not JSON." };
    }
    const problem = jsonProblem(parsed);
    return problem ? { status: 400, message: `The body is refused: ${problem}.` } : null;
  }
  if (type === "" && body.length > 0) return { status: 415, message: "Say what the body is: send a form with its Content-Type." };
  let form: FormData | URLSearchParams;
  if (type === "multipart/form-data") {
    try {
      form = await new Response(bodyBytes(body), { headers: { "content-type": req.get("content-type")! } }).formData();
    } catch (error) {
      return { status: 400, message: `The form could not be read (${error instanceof Error ? error.message : "malformed multipart body"}).` };
    }
  } else {
    form = new URLSearchParams(body.toString("utf8"));
  }
  const badName = prototypeFieldName(form.keys());
  if (badName) return { status: 400, message: `The form has a field named "${badName.slice(0, 80)}", which is not allowed.` };
  if (prototypeIntent(form)) return { status: 400, message: "Unknown action." };
  for (const [name, value] of form.entries()) {
    // A file's bytes are the importer's to judge; its name and every text field must be storable.
    const problem = textProblem(typeof value === "string" ? value : value.name, `The field "${name.slice(0, 80)}"`);
    if (problem) return { status: 400, message: `${problem}.` };
  }
  return null;
}

/** A query string that cannot be stored or searched for (a NUL character, a lone surrogate), or null. */
export function queryProblem(url: string): Refusal | null {
  const at = url.indexOf("?");
  if (at < 0) return null;
  for (const [name, value] of new URLSearchParams(url.slice(at + 1))) {
    const problem = textProblem(name, "A parameter's name") ?? textProblem(value, `The parameter "${name.slice(0, 80)}"`);
    if (problem) return { status: 400, message: `${problem}.` };
  }
  return null;
}

// A Host is a name or an IP literal with an optional port: no user info, path or spaces.
const HOST = /^(?:[a-z0-9_](?:[a-z0-9_.-]*[a-z0-9_])?|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/**
 * Why a request's target or Host cannot be served, or null (issue 23): the target must be a path
 * (origin-form; an absolute-form or asterisk target is refused), its path must decode as UTF-8,
 * and the Host must be a name or address with a port a URL can hold. Each would otherwise reach
 * a URL constructor or a decoder that throws.
 */
export function targetProblem(url: string, host: string | undefined): string | null {
  if (!url.startsWith("/")) return "The request target must be a path on this server (origin-form), not an absolute URL.";
  try {
    decodeURIComponent(url.split("?", 1)[0]!);
  } catch {
    return "The path has malformed percent-encoding.";
  }
  if (host === undefined || !HOST.test(host)) return "The Host header is not a valid host name.";
  try {
    new URL(`http://${host}/`);
  } catch {
    return "The Host header is not a valid host name.";
  }
  return null;
}

export type GuardedLocals = { body?: Buffer };

/** The bytes of a buffer as a plain Uint8Array view (no copy), which fetch's BodyInit accepts. */
export function bodyBytes(body: Buffer): Uint8Array<ArrayBuffer> {
  // A Buffer that Node allocated sits on an ArrayBuffer, never a SharedArrayBuffer.
  return new Uint8Array(body.buffer as ArrayBuffer, body.byteOffset, body.byteLength);
}

/** How long a refused request's connection may go on, discarding what the client still sends. */
export const LINGER_MS = 2000;

/**
 * The address a sign-in attempt names, trimmed and lower-cased as sign-in reads it ("" when there
 * is none), read from the checked body whatever its form encoding (multipart included), so no
 * encoding shares one key across accounts.
 */
export async function loginEmail(contentType: string | undefined, body: Buffer | undefined): Promise<string> {
  if (!body) return "";
  let email: unknown = null;
  const type = mediaType(contentType);
  if (type === "application/x-www-form-urlencoded" || type === "") email = new URLSearchParams(body.toString("utf8")).get("email");
  else if (type === "multipart/form-data") {
    try {
      email = (await new Response(bodyBytes(body), { headers: { "content-type": contentType! } }).formData()).get("email");
    } catch {
      email = null;
    }
  }
  return typeof email === "string" ? email.trim().toLowerCase().slice(0, 254) : "";
}

function refuse(req: ExpressRequest, res: ExpressResponse, refusal: Refusal, bodyUnread = false) {
  if (refusal.status === 405) res.set("Allow", "GET, HEAD, POST");
  const wantsJson = bodyRuleFor(req.path).kind === "json" || (req.get("accept") ?? "").includes("application/json");
  res.status(refusal.status);
  if (wantsJson) res.json({ error: refusal.message, errors: [] });
  else res.type("text/plain").send(refusal.message);
  // A refused body is never parsed or kept. Node discards what the client still sends, so the
  // client can read this answer instead of losing it to a reset; a client that keeps sending
  // past LINGER_MS is cut off.
  if (bodyUnread) {
    res.on("finish", () => {
      if (req.readableEnded) return;
      req.resume();
      const timer = setTimeout(() => req.socket.destroy(), LINGER_MS);
      timer.unref();
      req.once("end", () => clearTimeout(timer));
    });
  }
}

/**
 * Express middleware: every query string is checked; GET and HEAD pass on (their bodies are never
 * read); every other request is checked and its body read into res.locals.body for the Remix handler.
 */
export function requestGuard() {
  return (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    const query = queryProblem(req.originalUrl);
    if (query) return refuse(req, res, query, true);
    if (req.method === "GET" || req.method === "HEAD") return next();
    const head = checkHead(req);
    if (head) return refuse(req, res, head, true);
    const rule = bodyRuleFor(req.path);
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (refusal: Refusal | null, bodyUnread = false) => {
      if (done) return;
      done = true;
      req.removeListener("data", onData);
      if (refusal) return refuse(req, res, refusal, bodyUnread);
      const body = Buffer.concat(chunks, size);
      checkBody(req, body).then(
        (problem) => {
          if (problem) return refuse(req, res, problem);
          (res.locals as GuardedLocals).body = body;
          next();
        },
        (error: unknown) => next(error),
      );
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > rule.limit) {
        req.pause();
        return finish({ status: 413, message: tooLarge(rule) }, true);
      }
      chunks.push(chunk);
    };
    req.on("data", onData);
    req.once("end", () => finish(null));
    req.once("error", () => finish({ status: 400, message: "The request body could not be read." }, true));
    req.once("aborted", () => {
      done = true;
    });
  };
}

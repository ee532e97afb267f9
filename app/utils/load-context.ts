// What the Express server hands every request's loaders, actions and entry (Remix's load
// context): the CSP nonce to render with, and a slot the entry's error hook fills when the
// database could not be reached, so the server answers 503 instead of the error page.
export type ServerContext = {
  cspNonce: string;
  /** Set by handleError (entry.server.tsx): why the database was unreachable for this request. */
  databaseUnavailable?: string;
  /** A request for loader data (a navigation in the page), not a document the server renders. */
  dataRequest?: boolean;
  /** Markup the document's render takes from its loader without sending it twice (utils/islands.tsx). */
  islands?: Map<string, string>;
};

// A database outage, said once (issue 23): the first request that finds the database
// unreachable logs it with its kind, a probe then asks the database every second, and when it
// answers again one more line says how long the outage lasted. Every request in between is
// answered 503 with Retry-After (app.ts) and logs nothing.
import type { Response as ExpressResponse } from "express";

export const RETRY_AFTER_S = 5;
const MESSAGE = "Gatepath cannot reach its database just now. This usually passes within a minute; try again shortly.";

export class Outage {
  private since: number | null = null;
  private kind = "";

  constructor(
    /** True when the database answers a trivial query. */
    private readonly probe: () => Promise<boolean>,
    private readonly log: (line: string) => void = (line) => console.error(line),
    private readonly everyMs = 1_000,
  ) {}

  /** A request found the database unreachable: logged when it starts an outage, silent during one. */
  report(kind: string) {
    if (this.since !== null) return;
    this.since = Date.now();
    this.kind = kind;
    this.log(`gatepath: the database is unreachable (${kind}); answering 503 until it is back.`);
    const timer = setInterval(() => {
      void this.probe().then(
        (answers) => {
          if (!answers || this.since === null) return;
          clearInterval(timer);
          this.log(`gatepath: the database answers again; it was unreachable (${this.kind}) for ${((Date.now() - this.since) / 1000).toFixed(1)} s.`);
          this.since = null;
        },
        () => {},
      );
    }, this.everyMs);
    timer.unref();
  }
}

/** The 503 a request gets while the database is unreachable: JSON in the API's shape for the API and data requests, a short page otherwise. */
export function sendUnavailable(res: ExpressResponse, wantsJson: boolean) {
  res.status(503).set("Retry-After", String(RETRY_AFTER_S));
  if (wantsJson) return res.json({ error: MESSAGE, errors: [] });
  res
    .type("html")
    .send(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Unavailable · Gatepath</title></head>` +
        `<body style="font-family: system-ui, sans-serif; max-width: 36rem; margin: 4rem auto; padding: 0 1rem"><main><h1>Gatepath is unavailable</h1><p>${MESSAGE}</p></main></body></html>`,
    );
}

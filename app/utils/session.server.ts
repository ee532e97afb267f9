import { createCookieSessionStorage } from "@remix-run/node";
import { getEnv } from "./env.server";

export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;

const env = getEnv();

/** The cookie carries only the id of a Session row, so sessions can be revoked. */
export const sessionStorage = createCookieSessionStorage<{ sessionId: string }>({
  cookie: {
    name: "__gatepath",
    httpOnly: true,
    sameSite: "lax",
    secure: env.isProduction,
    path: "/",
    secrets: [env.SESSION_SECRET],
    maxAge: SESSION_TTL_MS / 1000,
  },
});

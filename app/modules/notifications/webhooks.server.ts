// Webhooks for the team's tools (issue 25): administrators add endpoints with the events they
// want; each event becomes one outbox message per endpoint in the transaction that caused it,
// and the delivery worker POSTs it signed the Standard Webhooks way (webhook-id,
// webhook-timestamp, webhook-signature). The body carries a Slack-compatible `text`, so an
// incoming-webhook URL works as is. Endpoints on private or loopback addresses are refused,
// when added and again when each delivery connects, unless WEBHOOK_ALLOW_PRIVATE=on.
import crypto from "node:crypto";
import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import ipaddr from "ipaddr.js";
import { Webhook } from "standardwebhooks";
import { writeAudit } from "~/modules/audit/audit.server";
import { refuse, type Result } from "~/modules/result";
import type { Db, Tx } from "~/utils/db.server";
import type { Senders, WebhookAnswer } from "./senders";
import { queueWebhookDeliveries } from "./queries.server";
import type { WebhookEvent } from "./webhook-events";

const allowPrivate = () => process.env.WEBHOOK_ALLOW_PRIVATE === "on";
const PUBLIC_RANGES = new Set(["unicast"]);

/** Whether an address is one a webhook may reach: a public unicast one, or any with the private allowance. */
export function reachable(address: string): boolean {
  if (allowPrivate()) return true;
  if (!ipaddr.isValid(address)) return false;
  const parsed = ipaddr.process(address);
  return PUBLIC_RANGES.has(parsed.range());
}

/** Checks an endpoint's address: https (http only with the private allowance), a host that resolves to public addresses only. */
export async function checkEndpointUrl(raw: string): Promise<Result<{ url: string }>> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return refuse(400, "Give the endpoint's full address, starting with https://.", "url");
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && allowPrivate())) return refuse(400, "The endpoint's address must start with https://.", "url");
  if (url.username || url.password) return refuse(400, "Put no user name or password in the address; the signature proves the sender.", "url");
  const host = url.hostname.replace(/^\[|\]$/g, "");
  let addresses: string[];
  try {
    addresses = ipaddr.isValid(host) ? [host] : (await dns.promises.lookup(host, { all: true })).map((a) => a.address);
  } catch {
    return refuse(400, `The host ${host} cannot be found.`, "url");
  }
  const blocked = addresses.find((a) => !reachable(a));
  if (blocked) return refuse(400, `The host ${host} is a private or loopback address (${blocked}); webhooks go to public addresses only.`, "url");
  return { ok: true, url: url.toString() };
}

/** A DNS lookup for deliveries that refuses private addresses, so a name that later points inside is not followed. */
const guardedLookup: LookupFunction = (hostname, options, callback) => {
  dns.lookup(hostname, { ...options, all: true }, (error, found) => {
    if (error) return callback(error, "", 4);
    const list = found as unknown as dns.LookupAddress[];
    const bad = list.find((a) => !reachable(a.address));
    if (bad) return callback(new Error(`${hostname} resolves to a private or loopback address (${bad.address})`), "", 4);
    if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list);
    callback(null, list[0]!.address, list[0]!.family);
  });
};

export const newSecret = () => `whsec_${crypto.randomBytes(24).toString("base64")}`;

/** The three Standard Webhooks headers for a body, sent under its message id at `at`. */
export function signedHeaders(secret: string, messageId: string, at: Date, body: string): Record<string, string> {
  return {
    "webhook-id": messageId,
    "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
    "webhook-signature": new Webhook(secret).sign(messageId, at, body),
  };
}

const TIMEOUT_MS = 10_000;

/** POSTs a body to a URL with the given headers; the status and the answer's first 500 characters. */
function post(url: string, headers: Record<string, string>, body: string): Promise<WebhookAnswer> {
  const target = new URL(url);
  const client = target.protocol === "https:" ? https : http;
  // An address written as an IP is not looked up, so it is checked here.
  const literal = target.hostname.replace(/^\[|\]$/g, "");
  if (ipaddr.isValid(literal) && !reachable(literal)) {
    return Promise.resolve({ status: null, snippet: `${literal} is a private or loopback address; webhooks go to public addresses only.` });
  }
  return new Promise((resolve) => {
    const request = client.request(
      target,
      {
        method: "POST",
        headers: { "content-type": "application/json", "user-agent": "Gatepath-Webhooks", "content-length": Buffer.byteLength(body), ...headers },
        lookup: guardedLookup,
        timeout: TIMEOUT_MS,
      },
      (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => {
          if (text.length < 500) text += chunk;
        });
        response.on("end", () => resolve({ status: response.statusCode ?? null, snippet: text.slice(0, 500) }));
        response.on("error", (error) => resolve({ status: response.statusCode ?? null, snippet: error.message }));
      },
    );
    request.on("timeout", () => request.destroy(new Error(`no answer within ${TIMEOUT_MS / 1000} s`)));
    request.on("error", (error) => resolve({ status: null, snippet: error.message }));
    request.end(body);
  });
}

/** The worker's webhook sender: the endpoint's current address and secret, signed at the time of the try. */
export function httpWebhookSender(db?: Db): NonNullable<Senders["webhook"]> {
  return async (message, now) => {
    const { prisma } = await import("~/utils/db.server");
    const endpoint = await (db ?? prisma).webhookEndpoint.findUnique({ where: { id: message.endpointId }, select: { url: true, secret: true, active: true } });
    if (!endpoint || !endpoint.active) return { status: null, snippet: "The endpoint was removed or switched off." };
    return post(endpoint.url, signedHeaders(endpoint.secret, message.messageId, now, message.payload), message.payload);
  };
}

/**
 * Queues an event for every active endpoint that wants it, in the caller's transaction: one
 * statement whatever the number of endpoints. The body is the Standard Webhooks shape (type,
 * timestamp, data) with a `text` line for chat tools.
 */
export async function emitWebhook(tx: Tx, event: { type: WebhookEvent; data: Record<string, unknown>; text: string }, now = new Date()): Promise<number> {
  const payload = JSON.stringify({ type: event.type, timestamp: now.toISOString(), data: event.data, text: event.text });
  return queueWebhookDeliveries(tx, { type: event.type, payload, batch: crypto.randomBytes(9).toString("base64url"), at: now });
}

export type EndpointInput = { url: string; events: WebhookEvent[]; description: string };

/** Adds an endpoint (administrators only, checked by the caller's permission); its secret is made here. */
export async function addEndpoint(db: Db, actorId: string, input: EndpointInput): Promise<Result<{ id: string }>> {
  const checked = await checkEndpointUrl(input.url);
  if (!checked.ok) return checked;
  return db.$transaction(async (tx) => {
    const endpoint = await tx.webhookEndpoint.create({
      data: { url: checked.url, events: `,${input.events.join(",")},`, secret: newSecret(), description: input.description, createdById: actorId },
      select: { id: true },
    });
    await writeAudit(tx, { actorId, entity: "webhook", entityId: endpoint.id, action: "webhook.added", data: { url: checked.url, events: input.events } });
    return { ok: true as const, id: endpoint.id };
  });
}

/** Removes an endpoint and its delivery log. */
export async function removeEndpoint(db: Db, actorId: string, id: string): Promise<Result> {
  return db.$transaction(async (tx) => {
    const endpoint = await tx.webhookEndpoint.findUnique({ where: { id }, select: { url: true } });
    if (!endpoint) return refuse(404, "There is no such endpoint.");
    await tx.webhookEndpoint.delete({ where: { id } });
    await writeAudit(tx, { actorId, entity: "webhook", entityId: id, action: "webhook.removed", data: { url: endpoint.url } });
    return { ok: true as const };
  });
}

/** Sends a message of the endpoint again, at once, under its own webhook-id (a receiver may drop a copy it has). */
export async function sendAgain(db: Db, actorId: string, endpointId: string, messageId: number, now = new Date()): Promise<Result> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.outboxMessage.updateMany({
      where: { id: messageId, endpointId, status: { in: ["sent", "failed"] } },
      data: { status: "pending", nextAttemptAt: now, createdAt: now },
    });
    if (count !== 1) return refuse(404, "There is no such delivery to send again (one still being tried is sent by the worker).");
    await writeAudit(tx, { actorId, entity: "webhook", entityId: endpointId, action: "webhook.resent", data: { messageId } });
    return { ok: true as const };
  });
}

/** The endpoints, each with its last delivery's outcome. */
export async function listEndpoints(db: Db) {
  return db.webhookEndpoint.findMany({
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      url: true,
      events: true,
      description: true,
      active: true,
      createdAt: true,
      messages: { orderBy: { id: "desc" }, take: 1, select: { status: true, createdAt: true } },
    },
  });
}

/** One endpoint with its secret and its newest deliveries, each with its tries. */
export async function endpointLog(db: Db, id: string, take = 50) {
  return db.webhookEndpoint.findUnique({
    where: { id },
    select: {
      id: true,
      url: true,
      events: true,
      description: true,
      secret: true,
      active: true,
      messages: {
        orderBy: { id: "desc" },
        take,
        select: {
          id: true,
          messageId: true,
          kind: true,
          status: true,
          attempts: true,
          nextAttemptAt: true,
          createdAt: true,
          tries: { orderBy: { id: "asc" }, select: { id: true, at: true, ok: true, status: true, snippet: true, ms: true } },
        },
      },
    },
  });
}

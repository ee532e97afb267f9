// Webhooks for the team's tools (issue 25, item 3), delivered to a real HTTP receiver in the test
// process: a decision's payload whose Standard Webhooks signature verifies with the endpoint's
// secret; a receiver that answers 500 three times gets it on the fourth try, the delivery log
// showing all four; private and loopback addresses refused without the allowance; bad input named.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { applyDecision } from "~/modules/lifecycle/gate.server";
import { deliverDue, type Senders } from "~/modules/notifications/delivery.server";
import { tellQueued } from "~/modules/notifications/notify.server";
import { AddEndpointSchema } from "~/modules/notifications/webhook-events";
import { addEndpoint, checkEndpointUrl, httpWebhookSender, removeEndpoint, sendAgain } from "~/modules/notifications/webhooks.server";
import { createProject } from "~/modules/projects/projects.server";
import type { Db } from "~/utils/db.server";
import { projectMetricRefs, recordValues } from "~/modules/metrics/values.server";
import { createMetric, createReadyProject, createUsers, RATE, withTestDb, type TestUser } from "../factories";

const t = withTestDb();
let db: Db;
let u: Record<"owner" | "decider" | "admin", TestUser>;
let senders: Senders;

type Received = { headers: http.IncomingHttpHeaders; body: string };
const received: Received[] = [];
let failuresLeft = 0;
let receiver: http.Server;
let base = "";
/** A worker's round: the queued notices told, then what is due sent. */
const deliver = async (given: Senders, options: { now?: Date } = {}) => {
  await tellQueued(db, options.now);
  return deliverDue(db, given, options);
};

beforeAll(async () => {
  db = t.db;
  process.env.WEBHOOK_ALLOW_PRIVATE = "on";
  u = await createUsers(db, { owner: "member", decider: "member", admin: "admin" });
  senders = { webhook: httpWebhookSender(db) };
  receiver = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString("utf8")));
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      if (failuresLeft > 0) {
        failuresLeft--;
        res.writeHead(500, { "content-type": "text/plain" }).end("receiver is down");
      } else res.writeHead(200, { "content-type": "text/plain" }).end("ok, thanks");
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});

afterAll(async () => {
  delete process.env.WEBHOOK_ALLOW_PRIVATE;
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

beforeEach(async () => {
  received.length = 0;
  failuresLeft = 0;
  // Each test's endpoints only.
  await db.webhookEndpoint.deleteMany();
});

function readyProject() {
  return createReadyProject(db, { owner: u.owner, deciders: [u.decider] });
}

async function endpoint(events: string[], path = "/hook") {
  const made = await addEndpoint(db, u.admin.id, AddEndpointSchema.parse({ url: `${base}${path}`, events, description: "test" }));
  if (!made.ok) throw new Error(made.message);
  return db.webhookEndpoint.findUniqueOrThrow({ where: { id: made.id } });
}

describe("a decision reaches the endpoint", () => {
  it("as a JSON POST whose Standard Webhooks signature verifies with the endpoint's secret, with a Slack-style text", async () => {
    const hook = await endpoint(["gate.decided", "stage.changed"]);
    const project = await readyProject();
    await applyDecision(db, { projectId: project.id, expectedVersion: 1, actor: u.decider, request: { kind: "go", rationale: "All facts are in" } });
    expect(await deliver(senders)).toMatchObject({ sent: 2, retried: 0 });
    const byType = new Map(received.map((r) => [JSON.parse(r.body).type as string, r]));
    const decided = byType.get("gate.decided")!;
    const payload = new Webhook(hook.secret).verify(decided.body, decided.headers as Record<string, string>) as {
      type: string;
      data: Record<string, unknown>;
      text: string;
    };
    expect(payload.data).toMatchObject({
      project: { key: project.key },
      stage: "identify",
      decision: "go",
      decidedBy: "decider",
      rationale: "All facts are in",
      to: { stage: "understand", status: "active" },
    });
    expect(payload.text).toBe(`${project.key} ${project.title}: Go at the Problem identified gate (decided by decider).`);
    expect(decided.headers["content-type"]).toBe("application/json");
    // Another secret does not verify it: the signature is the endpoint's.
    expect(() =>
      new Webhook(`whsec_${Buffer.from("another secret entirely!").toString("base64")}`).verify(decided.body, decided.headers as Record<string, string>),
    ).toThrow();
    expect(JSON.parse(byType.get("stage.changed")!.body).data).toMatchObject({ from: "identify", to: { stage: "understand" } });
  });

  it("an endpoint hears only the events it chose; a proposal is project.created", async () => {
    await endpoint(["project.created"]);
    const made = await createProject(db, u.owner, { title: "Label printer", customer: "", problem: "", whyNow: "", teamId: null } as never);
    expect(made).toMatchObject({ ok: true });
    const project = await readyProject();
    await applyDecision(db, { projectId: project.id, expectedVersion: 1, actor: u.decider, request: { kind: "go", rationale: "x" } });
    await deliver(senders);
    expect(received.map((r) => JSON.parse(r.body).type)).toEqual(["project.created"]);
  });
});

describe("a metric off target", () => {
  it("is an event when its newest period's value misses the target, not when it meets it or an older period is corrected", async () => {
    await endpoint(["metric.off_target"]);
    const project = await readyProject();
    const metric = await createMetric(db, project, { name: "Doors on time", ...RATE, values: { "2026-10-05": 0.95 } });
    const refs = await projectMetricRefs(db, { ids: [metric.id] });
    const record = (period: string, value: number) =>
      recordValues(db, {
        actorId: u.owner.id,
        source: "api",
        metrics: refs,
        rows: [{ row: 1, metric: metric.id, period, value }],
        allowEmpty: false,
        now: new Date("2026-11-30T12:00:00Z"),
      });
    expect(await record("2026-10-12", 0.92)).toMatchObject({ ok: true });
    expect(await record("2026-10-19", 0.81)).toMatchObject({ ok: true });
    // A correction of an older week is not news about the metric now.
    expect(await record("2026-10-05", 0.5)).toMatchObject({ ok: true });
    await deliver(senders);
    expect(received.map((r) => JSON.parse(r.body) as { type: string; data: { value: number; period: string; target: number } })).toMatchObject([
      { type: "metric.off_target", data: { value: 0.81, period: "2026-10-19", target: 0.9 } },
    ]);
  });
});

describe("retries", () => {
  it("a receiver that answers 500 three times gets it on the fourth try; the log shows all four, then send again sends it once more", async () => {
    const hook = await endpoint(["gate.decided"]);
    const project = await readyProject();
    await applyDecision(db, { projectId: project.id, expectedVersion: 1, actor: u.decider, request: { kind: "go", rationale: "x" } });
    failuresLeft = 3;
    let now = new Date();
    for (let i = 0; i < 4; i++) {
      await deliver(senders, { now });
      const row = await db.outboxMessage.findFirstOrThrow({ where: { endpointId: hook.id } });
      now = row.nextAttemptAt;
    }
    const message = await db.outboxMessage.findFirstOrThrow({ where: { endpointId: hook.id }, include: { tries: { orderBy: { id: "asc" } } } });
    expect(message.status).toBe("sent");
    expect(message.tries.map((x) => [x.status, x.ok])).toEqual([
      [500, false],
      [500, false],
      [500, false],
      [200, true],
    ]);
    expect(message.tries[0]!.snippet).toBe("receiver is down");
    expect(message.tries[3]!.snippet).toBe("ok, thanks");
    // Every try carried the same webhook-id, so the receiver can tell a retry from a new event.
    expect(new Set(received.map((r) => r.headers["webhook-id"]))).toEqual(new Set([message.messageId]));

    expect(await sendAgain(db, u.admin.id, hook.id, message.id)).toMatchObject({ ok: true });
    await deliver(senders);
    expect(received).toHaveLength(5);
    expect(await sendAgain(db, u.admin.id, "another", message.id)).toMatchObject({ ok: false, status: 404 });
  });

  it("gives up a day after the event, marking the message failed", async () => {
    const hook = await endpoint(["gate.decided"]);
    const project = await readyProject();
    await applyDecision(db, { projectId: project.id, expectedVersion: 1, actor: u.decider, request: { kind: "go", rationale: "x" } });
    failuresLeft = 1000;
    let now = new Date();
    for (let i = 0; i < 30; i++) {
      const run = await deliver(senders, { now });
      if (run.failed > 0) break;
      now = (await db.outboxMessage.findFirstOrThrow({ where: { endpointId: hook.id } })).nextAttemptAt;
    }
    const message = await db.outboxMessage.findFirstOrThrow({ where: { endpointId: hook.id }, include: { tries: true } });
    expect(message.status).toBe("failed");
    expect(now.getTime() - message.createdAt.getTime()).toBeLessThanOrEqual(24 * 3_600_000);
    expect(message.tries.length).toBeGreaterThan(5);
    await removeEndpoint(db, u.admin.id, hook.id);
    expect(await db.deliveryAttempt.count({ where: { messageId: message.id } })).toBe(0);
  });
});

describe("what is refused", () => {
  it("loopback and private addresses without the allowance, plain http, and addresses that are not URLs", async () => {
    delete process.env.WEBHOOK_ALLOW_PRIVATE;
    try {
      for (const url of ["https://127.0.0.1/hook", "https://10.1.2.3/x", "https://[::1]/x", "https://169.254.169.254/latest", "https://localhost/x"]) {
        const checked = await checkEndpointUrl(url);
        expect(checked, url).toMatchObject({ ok: false, status: 400, field: "url" });
        expect(checked.ok ? "" : checked.message).toMatch(/private or loopback/);
      }
      expect(await checkEndpointUrl("http://93.184.215.14/hook")).toMatchObject({
        ok: false,
        field: "url",
        message: "The endpoint's address must start with https://.",
      });
      expect(await checkEndpointUrl("not a url")).toMatchObject({ ok: false, field: "url" });
      expect(await checkEndpointUrl("https://93.184.215.14/hook")).toMatchObject({ ok: true });
      const before = await db.webhookEndpoint.count();
      expect(await addEndpoint(db, u.admin.id, { url: "https://127.0.0.1/hook", events: ["gate.decided"], description: "" })).toMatchObject({
        ok: false,
        status: 400,
      });
      expect(await db.webhookEndpoint.count()).toBe(before);

      // A delivery whose address has come to point inside is refused when it connects.
      const inside = await db.webhookEndpoint.create({
        data: { url: `${base}/hook`, events: ",gate.decided,", secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" },
      });
      const answer = await httpWebhookSender(db)({ id: 0, messageId: "msg_x", endpointId: inside.id, payload: "{}", createdAt: new Date() }, new Date());
      expect(answer.status).toBeNull();
      expect(answer.snippet).toMatch(/private or loopback/);
      expect(received).toHaveLength(0);
    } finally {
      process.env.WEBHOOK_ALLOW_PRIVATE = "on";
    }
  });

  it("an unknown event name, no event, and an address too long, each named", () => {
    const unknown = AddEndpointSchema.safeParse({ url: "https://example.com/x", events: ["gate.decided", "gate.exploded"] });
    expect(unknown.success ? null : unknown.error.issues.map((i) => [i.path.join("."), i.message])).toEqual([["events", "There is no event gate.exploded."]]);
    const none = AddEndpointSchema.safeParse({ url: "https://example.com/x", events: [] });
    expect(none.success ? null : none.error.issues[0]!.message).toBe("Choose at least one event.");
    const long = AddEndpointSchema.safeParse({ url: `https://example.com/${"x".repeat(2001)}`, events: ["gate.decided"] });
    expect(long.success ? null : long.error.issues[0]!.path).toEqual(["url"]);
  });
});

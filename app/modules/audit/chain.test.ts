import { describe, expect, it } from "vitest";
import { BACKDATE_TOLERANCE_MS, chain, ChainVerifier, eventHash, GENESIS, reviewHash, type StoredEvent } from "./chain";

/** A Go decision's event, as a forger would write it. */
const GO = { actorId: "u1", projectId: "p1", entity: "gate_review", entityId: "r1", action: "gate.go", data: null };

const T0 = new Date("2026-11-30T09:00:00Z");
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);

function trail(n: number) {
  return chain(
    null,
    Array.from({ length: n }, (_, i) => ({
      at: minutes(i),
      actorId: "u1",
      projectId: "p1",
      entity: "project",
      entityId: "p1",
      action: `step.${i}`,
      data: { i, nested: { b: 2, a: [1, "x"] } },
    })),
  );
}

const verify = (events: StoredEvent[]) => {
  const v = new ChainVerifier();
  v.feed(events);
  return v;
};

describe("the audit hash chain", () => {
  it("links each event to the one before, from the genesis value", () => {
    const events = trail(3);
    expect(events.map((e) => e.id)).toEqual([1, 2, 3]);
    expect(events[0].prevHash).toBe(GENESIS);
    expect(events[1].prevHash).toBe(events[0].hash);
    expect(events[2].prevHash).toBe(events[1].hash);
    const v = verify(events);
    expect(v.firstBreak).toBeNull();
    expect(v.checked).toBe(3);
    expect(v.head).toEqual({ id: 3, hash: events[2].hash });
  });

  it("hashes canonical content: key order in data does not matter, any value does", () => {
    const [a] = trail(1);
    expect(eventHash(GENESIS, { ...a, data: { nested: { a: [1, "x"], b: 2 }, i: 0 } })).toBe(a.hash);
    expect(eventHash(GENESIS, { ...a, data: { i: 0, nested: { b: 3, a: [1, "x"] } } })).not.toBe(a.hash);
    expect(eventHash(GENESIS, { ...a, actorId: "u2" })).not.toBe(a.hash);
    expect(eventHash(GENESIS, { ...a, at: minutes(1) })).not.toBe(a.hash);
  });

  it("continues from a head", () => {
    const first = trail(2);
    const more = chain({ lastId: 2, lastHash: first[1].hash }, [
      { at: minutes(5), actorId: null, projectId: null, entity: "user", entityId: "u9", action: "user.created", data: null },
    ]);
    expect(more[0]).toMatchObject({ id: 3, prevHash: first[1].hash });
    expect(verify([...first, ...more]).firstBreak).toBeNull();
  });

  it("reports a changed event at that event", () => {
    const events: StoredEvent[] = trail(5);
    events[2] = { ...events[2], data: { i: 99 } };
    expect(verify(events).firstBreak).toEqual({ id: 3, reason: expect.stringMatching(/changed after it was written/) });
  });

  it("reports a deleted event at the event after it", () => {
    const events: StoredEvent[] = trail(5);
    events.splice(1, 1);
    expect(verify(events).firstBreak).toEqual({ id: 3, reason: expect.stringMatching(/prevHash does not match event 1/) });
  });

  it("reports an inserted event that does not carry the chain", () => {
    const events = trail(4);
    const forged: StoredEvent = { id: 5, at: minutes(10), ...GO, prevHash: null, hash: null };
    expect(verify([...events, forged]).firstBreak).toMatchObject({ id: 5, reason: expect.stringMatching(/without a hash/) });
  });

  it("reports a row that computes the chain but is back-dated", () => {
    const events = trail(4);
    const [forged] = chain({ lastId: 4, lastHash: events[3].hash }, [{ at: new Date(minutes(3).getTime() - BACKDATE_TOLERANCE_MS - 1000), ...GO }]);
    expect(verify([...events, forged]).firstBreak).toMatchObject({ id: 5, reason: expect.stringMatching(/back-dated/) });
  });

  it("counts events from before the chain, and judges everything after the first chained one", () => {
    const legacy: StoredEvent[] = [1, 2].map((id) => ({
      id,
      at: minutes(id),
      actorId: null,
      projectId: null,
      entity: "x",
      entityId: "x",
      action: "old",
      data: null,
      prevHash: null,
      hash: null,
    }));
    const chained = chain({ lastId: 2, lastHash: null }, [
      { at: minutes(3), actorId: null, projectId: null, entity: "x", entityId: "x", action: "new", data: null },
    ]);
    const v = verify([...legacy, ...chained]);
    expect(v).toMatchObject({ unchained: 2, checked: 1, firstBreak: null });
  });
});

describe("reviewHash", () => {
  const review = {
    id: "r1",
    projectId: "p1",
    stage: "plan",
    decidedById: "u1",
    decidedAt: T0,
    decision: "go",
    rationale: "Ready",
    revisitDate: null,
    recycleTo: null,
    condition: null,
    conditionDueDate: null,
    checklist: { mustMet: 3, mustTotal: 3, criteria: [{ key: "a", met: true }] },
    playbookVersion: 2,
    overrideReason: null,
    artifactVersions: [{ id: "a1", version: 2 }],
  };

  it("changes with the rationale, the decision or the snapshot", () => {
    const sealed = reviewHash(review);
    expect(reviewHash({ ...review })).toBe(sealed);
    expect(reviewHash({ ...review, rationale: "Ready!" })).not.toBe(sealed);
    expect(reviewHash({ ...review, decision: "stop" })).not.toBe(sealed);
    expect(reviewHash({ ...review, checklist: { ...review.checklist, mustMet: 2 } })).not.toBe(sealed);
    expect(reviewHash({ ...review, artifactVersions: [{ id: "a1", version: 3 }] })).not.toBe(sealed);
  });
});

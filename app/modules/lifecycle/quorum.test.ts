import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { quorumWarning, reachedDecision, signatureVoid, signingRefusal, snapshotSignatures, tally, type Signature } from "./quorum";
import { DECISION_KINDS } from "./stages";

const at = (minute: number) => new Date(Date.UTC(2026, 11, 1, 9, minute));
const sig = (userId: string, kind: Signature["kind"], minute: number, dissent: string | null = null): Signature => ({
  userId,
  name: userId.toUpperCase(),
  kind,
  rationale: `${userId} says ${kind}`,
  dissent,
  signedAt: at(minute),
});

describe("reachedDecision", () => {
  it("one signature decides when the quorum is one", () => {
    expect(reachedDecision([sig("a", "hold", 1)], 1)).toBe("hold");
  });

  it("waits until the quorum of signatures agree", () => {
    expect(reachedDecision([], 2)).toBeNull();
    expect(reachedDecision([sig("a", "go", 1)], 2)).toBeNull();
    expect(reachedDecision([sig("a", "go", 1), sig("b", "hold", 2)], 2)).toBeNull();
    expect(reachedDecision([sig("a", "go", 1), sig("b", "hold", 2), sig("c", "go", 3)], 2)).toBe("go");
  });

  it("the first kind to reach the quorum in signing order wins, whatever order the rows come in", () => {
    const rows = [sig("d", "hold", 4), sig("a", "go", 1), sig("c", "hold", 3), sig("b", "go", 2)];
    expect(reachedDecision(rows, 2)).toBe("go");
  });

  it("never reaches a decision with fewer signatures than the quorum, and always one that many signed (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...DECISION_KINDS), { maxLength: 8 }), fc.integer({ min: 1, max: 5 }), (kinds, quorum) => {
        const signatures = kinds.map((k, i) => sig(`u${i}`, k, i));
        const reached = reachedDecision(signatures, quorum);
        if (signatures.length < quorum) expect(reached).toBeNull();
        if (reached) expect(kinds.filter((k) => k === reached).length).toBeGreaterThanOrEqual(quorum);
        else for (const { count } of tally(signatures)) expect(count).toBeLessThan(quorum);
      }),
    );
  });
});

describe("signing", () => {
  it("nobody signs the same review twice", () => {
    expect(signingRefusal([sig("a", "go", 1)], "a")).toMatch(/already signed/);
    expect(signingRefusal([sig("a", "go", 1)], "b")).toBeNull();
  });

  it("the snapshot keeps every signature in order, with dissents from those who disagreed and committed or signed otherwise", () => {
    const snapshot = snapshotSignatures([sig("c", "go", 3, "Too early for the pilot"), sig("b", "hold", 2), sig("a", "go", 1)], "go");
    expect(snapshot.map((s) => [s.name, s.kind, s.agreed, s.dissent])).toEqual([
      ["A", "go", true, null],
      ["B", "hold", false, "b says hold"],
      ["C", "go", true, "Too early for the pilot"],
    ]);
    expect(snapshot[0]!.signedAt).toBe(at(1).toISOString());
  });
});

describe("signatures that no longer count (issue 23)", () => {
  const gate = { project: { status: "active" as const, ownerId: "owner", proposerId: "proposer" }, deciderIds: ["a", "b", "gone"] };

  it("a signature counts only while its signer is an active decider of the gate", () => {
    expect(signatureVoid({ id: "a", role: "member", deactivated: false }, gate)).toBeNull();
    expect(signatureVoid({ id: "admin", role: "admin", deactivated: false }, gate)).toBeNull();
    expect(signatureVoid({ id: "gone", role: "member", deactivated: true }, gate)).toBe("the signer was deactivated");
    expect(signatureVoid({ id: "c", role: "member", deactivated: false }, gate)).toBe("the signer is no longer a decider of this gate");
    expect(signatureVoid({ id: "a", role: "viewer", deactivated: false }, gate)).toBe("the signer is no longer a decider of this gate");
    expect(signatureVoid({ id: "owner", role: "admin", deactivated: false }, gate)).toBe("the signer now owns or proposed the project");
    // Whatever the project's status now, the signer is judged as a decider of its gate.
    expect(signatureVoid({ id: "b", role: "member", deactivated: false }, { ...gate, project: { ...gate.project, status: "stopped" } })).toBeNull();
  });

  it("void signatures reach no decision and are not tallied, but the snapshot keeps them with why", () => {
    const voided = { ...sig("a", "go", 1), void: "the signer was deactivated" };
    expect(reachedDecision([voided, sig("b", "go", 2)], 2)).toBeNull();
    expect(reachedDecision([voided, sig("b", "go", 2), sig("c", "go", 3)], 2)).toBe("go");
    expect(tally([voided, sig("b", "go", 2)])).toEqual([{ kind: "go", count: 1 }]);
    const snapshot = snapshotSignatures([voided, sig("b", "go", 2), sig("c", "go", 3)], "go");
    expect(snapshot.map((s) => [s.userId, s.agreed, s.void ?? null])).toEqual([
      ["a", false, "the signer was deactivated"],
      ["b", true, null],
      ["c", true, null],
    ]);
  });

  it("whatever the signatures, void ones never change which decision is reached", () => {
    const kind = fc.constantFrom(...DECISION_KINDS);
    const row = fc.record({ kind, minute: fc.integer({ min: 0, max: 59 }), voided: fc.boolean() });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 8 }), fc.integer({ min: 1, max: 3 }), (rows, quorum) => {
        const all = rows.map((r, i) => ({ ...sig(`u${i}`, r.kind, r.minute), void: r.voided ? "gone" : null }));
        expect(reachedDecision(all, quorum)).toBe(
          reachedDecision(
            all.filter((s) => !s.void),
            quorum,
          ),
        );
      }),
    );
  });
});

describe("quorum warning (issue 27, item 2)", () => {
  it("says nothing while enough may sign, and names who may when too few", () => {
    expect(quorumWarning(2, [{ name: "Ada" }, { name: "Dee" }])).toBeNull();
    expect(quorumWarning(1, [{ name: "Ada" }])).toBeNull();
    expect(quorumWarning(2, [{ name: "Ada" }])).toBe(
      "This gate needs 2 signatures, but only Ada may sign it. Name another decider (not the owner or the proposer).",
    );
    expect(quorumWarning(3, [])).toBe("This gate needs 3 signatures, but nobody may sign it yet. Name 3 more deciders (not the owner or the proposer).");
  });
});

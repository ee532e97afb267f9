import { describe, expect, it } from "vitest";
import { stagePath } from "./path";

const d = (s: string) => new Date(`${s}T00:00:00Z`);

describe("stagePath", () => {
  it("replays Go decisions into days per stage, the current stage running until now", () => {
    const path = stagePath(
      d("2026-01-01"),
      [
        { stage: "identify", decision: "go", decidedAt: d("2026-01-11"), recycleTo: null },
        { stage: "understand", decision: "conditional_go", decidedAt: d("2026-02-10"), recycleTo: null },
      ],
      d("2026-02-15"),
      { stage: "owner", closed: false },
    );
    expect(path.slice(0, 4)).toEqual([
      { stage: "identify", firstEnteredAt: d("2026-01-01"), days: 10, visits: 1, current: false },
      { stage: "understand", firstEnteredAt: d("2026-01-11"), days: 30, visits: 1, current: false },
      { stage: "owner", firstEnteredAt: d("2026-02-10"), days: 5, visits: 1, current: true },
      { stage: "plan", firstEnteredAt: null, days: 0, visits: 0, current: false },
    ]);
  });

  it("counts a recycled stage's visits and adds up its time; Hold and Stop do not move", () => {
    const path = stagePath(
      d("2026-01-01"),
      [
        { stage: "identify", decision: "go", decidedAt: d("2026-01-03"), recycleTo: null },
        { stage: "understand", decision: "recycle", decidedAt: d("2026-01-05"), recycleTo: "identify" },
        { stage: "identify", decision: "hold", decidedAt: d("2026-01-06"), recycleTo: null },
        { stage: "identify", decision: "go", decidedAt: d("2026-01-08"), recycleTo: null },
        { stage: "understand", decision: "stop", decidedAt: d("2026-01-10"), recycleTo: null },
      ],
      d("2026-03-01"),
      { stage: "understand", closed: true },
    );
    expect(path[0]).toMatchObject({ stage: "identify", days: 5, visits: 2 });
    // Stopped on 10 January: the clock stops then, not at "now".
    expect(path[1]).toMatchObject({ stage: "understand", days: 4, visits: 2, current: true });
  });
});

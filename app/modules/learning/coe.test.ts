import { parseWithZod } from "@conform-to/zod";
import { describe, expect, it } from "vitest";
import { chainDeepEnough, chainsOf, CoeRecordFormSchema, coeClosed, recordFromDocument, recurrencesOf } from "./coe";

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries({ intent: "record", ...fields })) data.append(k, v);
  const submission = parseWithZod(data, { schema: CoeRecordFormSchema });
  return submission.status === "success"
    ? { value: submission.value, error: undefined }
    : { value: undefined, error: submission.error as Record<string, string[] | null> };
};
const whole = {
  impactCount: "1200",
  startedAt: "2026-11-02T14:05",
  detectedAt: "2026-11-02T14:40",
  mitigatedAt: "2026-11-02T16:00",
  "chains[0].problem": "Orders were picked twice",
  "chains[0].whys[0]": "The retry ran after a timeout",
  "chains[0].whys[1]": "Stop: the timeout is the carrier's",
  "rootCauses[0].text": "The deploy skipped the canary stage",
  "rootCauses[0].categoryId": "cat-deploy",
  "actions[0].title": "Add a canary stage",
  "actions[0].ownerId": "u1",
  "actions[0].dueDate": "2027-01-15",
};

describe("the COE record form", () => {
  it("keeps a whole record: the count, the moments as typed, the chains, causes and items without blank rows", () => {
    const { value } = form({ ...whole, "chains[1].problem": "", "rootCauses[1].text": "", "actions[1].title": "" });
    expect(value).toMatchObject({
      impactCount: 1200,
      impactMetricId: null,
      startedAt: "2026-11-02T14:05",
      resolvedAt: null,
      chains: [{ problem: "Orders were picked twice", whys: ["The retry ran after a timeout", "Stop: the timeout is the carrier's"] }],
      rootCauses: [{ text: "The deploy skipped the canary stage", categoryId: "cat-deploy" }],
      actions: [{ title: "Add a canary stage", ownerId: "u1", dueDate: new Date("2027-01-15T00:00:00Z"), link: null }],
    });
  });

  it("names each missing part: the count, the three moments, a chain, a root cause and an action item", () => {
    const { error } = form({});
    expect(error).toMatchObject({
      impactCount: ["Say how many customers were affected, as a number."],
      startedAt: ["Give when it started."],
      detectedAt: ["Give when it was detected."],
      mitigatedAt: ["Give when it was mitigated."],
      chains: ["Write at least one why-chain: a problem and why it happened."],
      rootCauses: ["Name at least one root cause with its category."],
      actions: ["Give at least one action item that fixes a root cause."],
    });
  });

  it("refuses a timeline that runs backwards, a root cause without a category, an item without an owner, and a chain with a gap", () => {
    const { error } = form({
      ...whole,
      detectedAt: "2026-11-02T13:00",
      "rootCauses[0].categoryId": "",
      "actions[0].ownerId": "",
      "chains[0].whys[1]": "",
      "chains[0].whys[2]": "Third",
    });
    expect(error?.detectedAt).toEqual(["This comes before an earlier moment of the timeline; check the dates."]);
    expect(error?.["rootCauses[0].categoryId"]).toEqual(["Choose the root cause's category."]);
    expect(error?.["actions[0].ownerId"]).toEqual(["Name the action item's owner."]);
    expect(error?.["chains[0].whys[1]"]).toEqual(["Fill this why or move the later ones up: a why-chain has no gaps."]);
  });

  it("refuses a moment that does not exist and a negative count", () => {
    const { error } = form({ ...whole, startedAt: "2026-02-30T10:00", impactCount: "-3" });
    expect(error?.startedAt).toEqual(["Use a real date and time, like 2026-11-02 14:05"]);
    expect(error?.impactCount).toEqual(["A count of customers is 0 or more."]);
  });
});

describe("why-chains and closing", () => {
  it("a chain is deep enough at five whys or when its last says why it stops", () => {
    expect(chainDeepEnough({ problem: "p", whys: ["1", "2", "3", "4", "5"] })).toBe(true);
    expect(chainDeepEnough({ problem: "p", whys: ["1", "Stop: out of our hands"] })).toBe(true);
    expect(chainDeepEnough({ problem: "p", whys: ["1", "2"] })).toBe(false);
    expect(chainsOf([{ problem: "p", whys: ["a", 3] }, { nope: true }, "x"])).toEqual([{ problem: "p", whys: ["a"] }]);
  });

  it("a COE is closed once it has action items and all are done", () => {
    expect(coeClosed([])).toBe(false);
    expect(coeClosed([{ doneAt: new Date() }, { doneAt: null }])).toBe(false);
    expect(coeClosed([{ doneAt: new Date() }])).toBe(true);
  });
});

describe("once fixed, it remains fixed", () => {
  it("a new COE recurs each earlier closed COE that had a root cause in one of its categories, once per pair; an open one is not a recurrence", () => {
    const earlier = [
      { id: "A", categories: ["deploy", "deploy", "capacity"], closed: true },
      { id: "B", categories: ["deploy"], closed: false },
      { id: "C", categories: ["config"], closed: true },
    ];
    expect(recurrencesOf(["deploy", "capacity"], earlier)).toEqual([
      { earlierId: "A", categoryId: "deploy" },
      { earlierId: "A", categoryId: "capacity" },
    ]);
    expect(recurrencesOf(["network"], earlier)).toEqual([]);
  });
});

describe("a record from an old COE document", () => {
  const parts = {
    impactCount: 40,
    moments: { startedAt: "2026-10-05T09:12", detectedAt: "2026-10-05T09:20", mitigatedAt: "2026-10-05T09:59", resolvedAt: null },
    chains: [{ problem: "Uploads failed", whys: ["Stop: the vendor's outage"] }],
    rootCauses: ["Deployment tooling lets a change skip the canary", "A deployment at peak"],
    actions: [{ title: "Require approval", owners: ["max member"], due: "2027-01-15", ticketUrl: null }],
    lesson: null,
  };
  const categories = [
    { id: "d", name: "Deployment" },
    { id: "dt", name: "Deployment tooling" },
  ];
  it("names each root cause's category by the longest name its text holds, and each owner by a person's name in any case", () => {
    const mapped = recordFromDocument(parts, categories, [{ id: "u1", name: "Max Member" }]);
    expect(mapped.ok && mapped.input.rootCauses.map((r) => r.categoryId)).toEqual(["dt", "d"]);
    expect(mapped.ok && mapped.input.actions[0]!.ownerId).toBe("u1");
  });
  it("says why it stays a document: two people of one name cannot own an item", () => {
    const mapped = recordFromDocument(parts, categories, [
      { id: "u1", name: "Max Member" },
      { id: "u2", name: "Max Member" },
    ]);
    expect(mapped).toEqual({ ok: false, reasons: ["Action item 1 has no one owner who is a person of the workspace."] });
  });
});

import { parseWithZod } from "@conform-to/zod";
import { describe, expect, it } from "vitest";
import { closesAfterRetrospective, RetrospectiveFormSchema, retrospectiveNote, retrospectiveTrigger } from "./retrospective";

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries({ intent: "write", ...fields })) data.append(k, v);
  const submission = parseWithZod(data, { schema: RetrospectiveFormSchema });
  return submission.status === "success"
    ? { status: submission.status, value: submission.value, error: undefined }
    : { status: submission.status, value: undefined, error: submission.error };
};
const base = { expected: "Pickers finish lists by noon", happened: "Lists came late all peak", differently: "Test with night shift first" };

describe("which decisions open a retrospective", () => {
  it("Stop, Recycle and a Go that finishes the project; not a Go that moves on, nor a Hold", () => {
    expect(retrospectiveTrigger("stop", "stopped")).toBe("stop");
    expect(retrospectiveTrigger("recycle", "active")).toBe("recycle");
    expect(retrospectiveTrigger("go", "done")).toBe("done");
    expect(retrospectiveTrigger("conditional_go", "done")).toBe("done");
    expect(retrospectiveTrigger("go", "active")).toBeNull();
    expect(retrospectiveTrigger("hold", "active")).toBeNull();
  });

  it("the checklist says which of them this gate could take and which the playbook requires", () => {
    expect(retrospectiveNote("plan", ["stop", "done"])).toBe(
      "Stop opens a retrospective the owner writes before the project closes; Recycle opens one to write if the team wishes.",
    );
    // The last gate can finish the project; the first cannot send it back.
    expect(retrospectiveNote("adopt", ["stop", "done"])).toBe(
      "Stop or Done-Done opens a retrospective the owner writes before the project closes; Recycle opens one to write if the team wishes.",
    );
    expect(retrospectiveNote("identify", [])).toBe("Stop opens one to write if the team wishes.");
    expect(retrospectiveNote("identify", ["stop", "recycle", "done"])).toBe("Stop opens a retrospective the owner writes before the project closes.");
  });

  it("a closed project waits only for a required retrospective not yet written", () => {
    expect(closesAfterRetrospective({ required: true, writtenAt: null })).toBe(true);
    expect(closesAfterRetrospective({ required: true, writtenAt: new Date() })).toBe(false);
    expect(closesAfterRetrospective({ required: false, writtenAt: null })).toBe(false);
    expect(closesAfterRetrospective(null)).toBe(false);
  });
});

describe("the retrospective form", () => {
  it("keeps the why-chain in order and drops blank rows, and keeps complete action items", () => {
    const result = form({
      ...base,
      "whys[0]": "The lists were built after the wave",
      "whys[1]": "The wave planner runs at 11",
      "whys[2]": "",
      "actions[0].title": "Move the planner run to 9",
      "actions[0].ownerId": "u1",
      "actions[0].dueDate": "2027-01-15",
      "actions[0].link": "https://tickets.example.com/12",
      "actions[1].title": "",
    });
    expect(result.status).toBe("success");
    const value = result.value!;
    expect(value.whys).toEqual(["The lists were built after the wave", "The wave planner runs at 11"]);
    expect(value.actions).toEqual([
      { title: "Move the planner run to 9", ownerId: "u1", dueDate: new Date("2027-01-15T00:00:00Z"), link: "https://tickets.example.com/12" },
    ]);
  });

  it("refuses a why-chain of empty whys, and a gap in one, naming the field", () => {
    const empty = form({ ...base, "whys[0]": "", "whys[1]": "  " });
    expect(empty.status).toBe("error");
    expect(empty.error?.whys).toEqual(["Write at least the first why: why did it happen?"]);
    const gap = form({ ...base, "whys[0]": "First", "whys[1]": "", "whys[2]": "Third" });
    expect(gap.error?.["whys[1]"]).toEqual(["Fill this why or move the later ones up: a why-chain has no gaps."]);
  });

  it("refuses an action item without an owner or a date, or with a date that does not exist", () => {
    const result = form({
      ...base,
      "whys[0]": "Because",
      "actions[0].title": "Fix it",
      "actions[1].title": "Check it",
      "actions[1].ownerId": "u1",
      "actions[1].dueDate": "2027-02-31",
    });
    expect(result.error?.["actions[0].ownerId"]).toEqual(["Name the action item's owner."]);
    expect(result.error?.["actions[0].dueDate"]).toEqual(["Give the action item a due date."]);
    expect(result.error?.["actions[1].dueDate"]).toEqual(["Use a real date, like 2026-12-31"]);
    const untitled = form({ ...base, "whys[0]": "Because", "actions[0].ownerId": "u1" });
    expect(untitled.error?.["actions[0].title"]).toEqual(["Say what the action is."]);
  });

  it("names each missing text", () => {
    const result = form({ "whys[0]": "Because" });
    expect(result.error?.expected).toEqual(["Write what we expected."]);
    expect(result.error?.happened).toEqual(["Write what happened."]);
    expect(result.error?.differently).toEqual(["Write what we would do differently."]);
  });
});

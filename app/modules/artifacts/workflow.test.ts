import { describe, expect, it } from "vitest";
import { checkCreate, checkEdit, checkRequestReview, checkReview, checkWithdraw, gateArtifact, type ArtifactActor, type ArtifactSnapshot } from "./workflow";

const author: ArtifactActor = { id: "author", role: "member", onProject: true };
const outsider: ArtifactActor = { id: "outsider", role: "member", onProject: false };
const viewer: ArtifactActor = { id: "viewer", role: "viewer", onProject: true };
const admin: ArtifactActor = { id: "admin", role: "admin", onProject: false };
const reviewerActor: ArtifactActor = { id: "rev", role: "member", onProject: false };

const draft: ArtifactSnapshot = { state: "draft", authorId: "author", reviewerId: null, version: 2, approvedVersion: null };
const inReview = { ...draft, state: "in_review" as const, reviewerId: "rev", checksPassed: true };
const failingInReview = { ...inReview, checksPassed: false };
const approved: ArtifactSnapshot = { ...draft, state: "approved", reviewerId: "rev", approvedVersion: 2 };

describe("creating and editing", () => {
  it("members on the project and administrators create; viewers and outsiders do not", () => {
    expect(checkCreate(author).ok).toBe(true);
    expect(checkCreate(admin).ok).toBe(true);
    expect(checkCreate(viewer)).toMatchObject({ ok: false, status: 403 });
    expect(checkCreate(outsider)).toMatchObject({ ok: false, status: 403 });
  });

  it("the author may edit even off the project; a viewer never", () => {
    expect(checkEdit({ ...author, onProject: false }, draft, 2).ok).toBe(true);
    expect(checkEdit(viewer, draft, 2)).toMatchObject({ ok: false, status: 403 });
  });

  it("editing an approved artifact makes a draft", () => {
    expect(checkEdit(author, approved, 2)).toEqual({ ok: true, state: "draft" });
    expect(checkEdit(author, inReview, 2)).toEqual({ ok: true, state: "in_review" });
  });

  it("a stale edit is refused with the version it missed", () => {
    expect(checkEdit(author, draft, 1)).toMatchObject({ ok: false, status: 409, message: expect.stringContaining("Version 2") });
  });

  it("a withdrawn artifact is read-only", () => {
    expect(checkEdit(author, { ...draft, state: "withdrawn" }, 2)).toMatchObject({ ok: false, status: 400 });
    expect(checkWithdraw(author, { ...draft, state: "withdrawn" })).toMatchObject({ ok: false, status: 400 });
  });
});

describe("reviews", () => {
  const member = { id: "rev", role: "member" as const };

  it("asks a named member or administrator other than the author", () => {
    expect(checkRequestReview(author, draft, member).ok).toBe(true);
    expect(checkRequestReview(author, draft, null)).toMatchObject({ ok: false, field: "reviewerId" });
    expect(checkRequestReview(author, draft, { id: "v", role: "viewer" })).toMatchObject({ ok: false, field: "reviewerId" });
    expect(checkRequestReview(author, draft, { id: "author", role: "member" })).toMatchObject({ ok: false, field: "reviewerId" });
    expect(checkRequestReview(viewer, draft, member)).toMatchObject({ ok: false, status: 403 });
    expect(checkRequestReview(author, approved, member)).toMatchObject({ ok: false, status: 400 });
  });

  it("only the named reviewer approves or sends back", () => {
    expect(checkReview(reviewerActor, inReview, { outcome: "approved", version: 2, comment: null })).toEqual({
      ok: true,
      state: "approved",
      overridden: false,
    });
    expect(checkReview(admin, inReview, { outcome: "approved", version: 2, comment: null })).toMatchObject({ ok: false, status: 403 });
    expect(checkReview(author, inReview, { outcome: "approved", version: 2, comment: null })).toMatchObject({ ok: false, status: 403 });
  });

  it("sending back needs a comment and returns the artifact to draft", () => {
    expect(checkReview(reviewerActor, inReview, { outcome: "sent_back", version: 2, comment: " " })).toMatchObject({ ok: false, field: "comment" });
    expect(checkReview(reviewerActor, inReview, { outcome: "sent_back", version: 2, comment: "Add the FAQ." })).toEqual({
      ok: true,
      state: "draft",
      overridden: false,
    });
  });

  it("approval agrees with the checks: refused while one fails, unless an administrator reviewer records why (issue 24)", () => {
    const approve = { outcome: "approved" as const, version: 2, comment: null };
    expect(checkReview(reviewerActor, failingInReview, approve)).toMatchObject({
      ok: false,
      status: 400,
      field: "outcome",
      message: expect.stringMatching(/fails its structural checks/),
    });
    // Even with a reason: only an administrator overrides.
    expect(checkReview(reviewerActor, failingInReview, { ...approve, overrideReason: "Good enough" })).toMatchObject({ ok: false, field: "outcome" });
    const adminReviewing = { ...failingInReview, reviewerId: "admin" };
    expect(checkReview(admin, adminReviewing, approve)).toMatchObject({ ok: false, status: 400, field: "overrideReason" });
    expect(checkReview(admin, adminReviewing, { ...approve, overrideReason: "  " })).toMatchObject({ ok: false, field: "overrideReason" });
    expect(checkReview(admin, adminReviewing, { ...approve, overrideReason: "The FAQ is in the appendix" })).toEqual({
      ok: true,
      state: "approved",
      overridden: true,
      openThreads: 0,
    });
    // Sending back never needs the checks to pass.
    expect(checkReview(reviewerActor, failingInReview, { outcome: "sent_back", version: 2, comment: "Fix the FAQ." })).toMatchObject({
      ok: true,
      state: "draft",
    });
  });

  it("open comment threads block approval only where the gate's playbook asks for them resolved first (issue 24)", () => {
    const approve = { outcome: "approved" as const, version: 2, comment: null };
    const withThreads = { ...inReview, openThreads: 2, resolveThreadsFirst: true };
    expect(checkReview(reviewerActor, { ...inReview, openThreads: 2, resolveThreadsFirst: false }, approve)).toMatchObject({ ok: true, overridden: false });
    expect(checkReview(reviewerActor, { ...withThreads, openThreads: 0 }, approve)).toMatchObject({ ok: true, overridden: false });
    expect(checkReview(reviewerActor, withThreads, approve)).toMatchObject({
      ok: false,
      status: 400,
      field: "outcome",
      message: expect.stringMatching(/^2 comment threads on it are still open/),
    });
    const adminReviewing = { ...withThreads, reviewerId: "admin" };
    expect(checkReview(admin, adminReviewing, approve)).toMatchObject({ ok: false, field: "overrideReason" });
    expect(checkReview(admin, adminReviewing, { ...approve, overrideReason: "Discussed in the meeting" })).toEqual({
      ok: true,
      state: "approved",
      overridden: true,
      openThreads: 2,
    });
    // Sending back is never blocked.
    expect(checkReview(reviewerActor, withThreads, { outcome: "sent_back", version: 2, comment: "Answer the threads." })).toMatchObject({ ok: true });
  });

  it("a review of an older version or of an artifact not in review is refused", () => {
    expect(checkReview(reviewerActor, inReview, { outcome: "approved", version: 1, comment: null })).toMatchObject({ ok: false, status: 409 });
    expect(checkReview(reviewerActor, { ...draft, checksPassed: true }, { outcome: "approved", version: 2, comment: null })).toMatchObject({
      ok: false,
      status: 400,
    });
  });
});

describe("what the gate reads", () => {
  it("the approved version while a newer draft is in the works", () => {
    expect(gateArtifact({ state: "draft", version: 3, checksPassed: false, approvedVersion: 2, approvedChecksPassed: true })).toEqual({
      state: "approved",
      version: 2,
      checksPassed: true,
    });
  });

  it("the newest version when nothing was approved, and nothing once withdrawn", () => {
    expect(gateArtifact({ state: "in_review", version: 1, checksPassed: true, approvedVersion: null, approvedChecksPassed: false })).toEqual({
      state: "in_review",
      version: 1,
      checksPassed: true,
    });
    expect(gateArtifact({ state: "withdrawn", version: 3, checksPassed: true, approvedVersion: 2, approvedChecksPassed: true }).state).toBe("withdrawn");
  });
});

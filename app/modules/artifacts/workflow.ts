// Who may do what to an artifact, and what each step does to its state. Pure: the server
// module loads the rows, asks these functions, then writes.
import type { Refusal } from "~/modules/result";
import type { ArtifactState, UserRole } from "~/modules/lifecycle/stages";
import { canWriteArtifact } from "~/modules/people/authorize";

export type ArtifactActor = { id: string; role: UserRole; /** Holds a role on the project, proposed it, or is an administrator. */ onProject: boolean };

export type ArtifactSnapshot = {
  state: ArtifactState;
  authorId: string;
  reviewerId: string | null;
  version: number;
  approvedVersion: number | null;
};

export type { Refusal } from "~/modules/result";
type Allowed<T> = { ok: true } & T;

const refuse = (status: Refusal["status"], message: string, field?: string): Refusal => ({ ok: false, status, message, ...(field ? { field } : {}) });

export function checkCreate(actor: ArtifactActor): Allowed<object> | Refusal {
  return canWriteArtifact(actor) ? { ok: true } : refuse(403, "Only the project's owner, its contributors and administrators can add artifacts.");
}

/** Saving a new version: an approved artifact goes back to draft (the approved version stays what the gate reads). */
export function checkEdit(actor: ArtifactActor, artifact: ArtifactSnapshot, expectedVersion: number): Allowed<{ state: ArtifactState }> | Refusal {
  if (!canWriteArtifact(actor, artifact))
    return refuse(403, "Only the author, the project's owner and contributors, and administrators can edit this artifact.");
  if (artifact.state === "withdrawn") return refuse(400, "This artifact was withdrawn; it can no longer be edited.");
  if (artifact.version !== expectedVersion) {
    return refuse(409, `Version ${artifact.version} was saved since you opened version ${expectedVersion}; nothing was saved. Reopen the editor to see it.`);
  }
  return { ok: true, state: artifact.state === "approved" ? "draft" : artifact.state };
}

export function checkRequestReview(
  actor: ArtifactActor,
  artifact: ArtifactSnapshot,
  reviewer: { id: string; role: UserRole } | null,
): Allowed<object> | Refusal {
  if (!canWriteArtifact(actor, artifact)) return refuse(403, "Only the author, the project's owner and contributors, and administrators can ask for a review.");
  if (artifact.state === "withdrawn") return refuse(400, "This artifact was withdrawn.");
  if (artifact.state === "approved") return refuse(400, "This version is already approved; edit it to make a new version first.");
  if (!reviewer) return refuse(400, "Choose a reviewer.", "reviewerId");
  if (reviewer.role === "viewer") return refuse(400, "Viewers cannot review; choose a member or an administrator.", "reviewerId");
  if (reviewer.id === artifact.authorId) return refuse(400, "The author cannot review their own artifact; choose someone else.", "reviewerId");
  return { ok: true };
}

export type ReviewOutcome = "approved" | "sent_back";

/**
 * A review: only the named reviewer, of the version they read. Approval agrees with the checks
 * (issue 24): it is refused while a structural check of the version fails, unless the reviewer is
 * an administrator who records why (`overrideReason`); such an approval is kept, and the gate,
 * which counts only versions whose checks pass, still does not count it.
 */
export function checkReview(
  actor: ArtifactActor,
  artifact: ArtifactSnapshot & {
    checksPassed: boolean;
    /** Open comment threads on the document, and whether its gate's playbook asks that they are resolved first (issue 24). */
    openThreads?: number;
    resolveThreadsFirst?: boolean;
  },
  input: { outcome: ReviewOutcome; version: number; comment: string | null; overrideReason?: string | null },
): Allowed<{ state: ArtifactState; overridden: boolean; openThreads?: number }> | Refusal {
  if (artifact.state !== "in_review") return refuse(400, "This artifact is not waiting for a review.");
  if (artifact.reviewerId !== actor.id) return refuse(403, "Only the named reviewer can approve or send back this artifact.");
  if (input.version !== artifact.version) {
    return refuse(409, `Version ${artifact.version} was saved after the one you read (${input.version}); read it, then review again.`);
  }
  if (input.outcome === "sent_back") {
    if (!input.comment?.trim()) return refuse(400, "Say what needs to change when sending it back.", "comment");
    return { ok: true, state: "draft", overridden: false };
  }
  const openThreads = artifact.resolveThreadsFirst ? (artifact.openThreads ?? 0) : 0;
  if (openThreads > 0 && artifact.checksPassed) {
    const threads = openThreads === 1 ? "1 comment thread on it is" : `${openThreads} comment threads on it are`;
    if (actor.role !== "admin") {
      return refuse(
        400,
        `${threads} still open, and this gate's playbook asks that they are resolved before approval: resolve them, or send it back (an administrator may approve it with a recorded reason).`,
        "outcome",
      );
    }
    if (!input.overrideReason?.trim()) return refuse(400, `${threads} still open: give the reason you approve it anyway, or send it back.`, "overrideReason");
    return { ok: true, state: "approved", overridden: true, openThreads };
  }
  if (!artifact.checksPassed) {
    if (actor.role !== "admin") {
      return refuse(
        400,
        "This version fails its structural checks, so it cannot be approved: send it back saying what to fix (an administrator may approve it with a recorded reason).",
        "outcome",
      );
    }
    if (!input.overrideReason?.trim())
      return refuse(400, "This version fails its structural checks: give the reason you approve it anyway, or send it back.", "overrideReason");
    return { ok: true, state: "approved", overridden: true, openThreads };
  }
  return { ok: true, state: "approved", overridden: false };
}

export function checkWithdraw(actor: ArtifactActor, artifact: ArtifactSnapshot): Allowed<object> | Refusal {
  if (!canWriteArtifact(actor, artifact))
    return refuse(403, "Only the author, the project's owner and contributors, and administrators can withdraw this artifact.");
  if (artifact.state === "withdrawn") return refuse(400, "This artifact is already withdrawn.");
  return { ok: true };
}

/**
 * What the gate reads of an artifact: its approved version while one exists (even with a newer
 * draft in the works), otherwise its newest version. A withdrawn artifact counts for nothing.
 */
export function gateArtifact(a: {
  state: ArtifactState;
  version: number;
  checksPassed: boolean;
  approvedVersion: number | null;
  approvedChecksPassed: boolean;
}): { state: ArtifactState; version: number; checksPassed: boolean } {
  if (a.state === "withdrawn") return { state: "withdrawn", version: a.version, checksPassed: a.checksPassed };
  if (a.approvedVersion !== null) return { state: "approved", version: a.approvedVersion, checksPassed: a.approvedChecksPassed };
  return { state: a.state, version: a.version, checksPassed: a.checksPassed };
}

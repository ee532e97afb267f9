// The editor's drafts (issue 24, item 1): the page saves what is typed here a moment after
// typing stops, and once more as it is left (navigator.sendBeacon); "Discard" posts here too.
import type { ActionFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { parseWithZod } from "@conform-to/zod";
import { discardDraft, DraftSchema, saveDraft } from "~/modules/artifacts/drafts.server";
import { MAX_BODY_BYTES } from "~/modules/artifacts/artifact-form";
import { requireUserWithPermission } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { answerRefusal, assertBodySize } from "~/utils/http.server";
import { safeRedirectPath } from "~/utils/redirect";
import { redirectWithToast } from "~/utils/toast.server";

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, "project:write");
  assertBodySize(request, MAX_BODY_BYTES * 2);
  const form = await request.formData();
  if (form.get("intent") === "discard") {
    const key = form.get("key");
    const back = safeRedirectPath(String(form.get("redirectTo") ?? ""), "/artifacts");
    if (typeof key !== "string" || !key) return redirect(back);
    await discardDraft(prisma, user.id, key);
    return redirectWithToast(back, "Draft discarded: the editor shows the saved text.");
  }
  const submission = parseWithZod(form, { schema: DraftSchema });
  if (submission.status !== "success") return json({ result: submission.reply() }, { status: 400 });
  const saved = await saveDraft(prisma, user, submission.value);
  if (!saved.ok) return answerRefusal(saved, (errors) => ({ result: submission.reply(errors) }));
  return json({ savedAt: saved.savedAt });
}

// Watch or stop watching a project (issue 25): anyone who may read it. A form posts here from the
// project's page or the notification settings and is sent back where it came from.
import type { ActionFunctionArgs } from "@remix-run/node";
import { parseWithZod } from "@conform-to/zod";
import { WatchSchema } from "~/modules/notifications/notification-form";
import { setWatch } from "~/modules/notifications/notifications.server";
import { requireUserWithPermission } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { badRequest, refusalResponse } from "~/utils/http.server";
import { safeRedirectPath } from "~/utils/redirect";
import { redirectWithToast } from "~/utils/toast.server";

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, "project:read");
  const form = await request.formData();
  const submission = parseWithZod(form, { schema: WatchSchema });
  if (submission.status !== "success") throw badRequest("Say whether to watch the project (watch: on or off).");
  const result = await setWatch(prisma, user, params.key ?? "", submission.value.watch === "on");
  if (!result.ok) throw refusalResponse(result);
  const back = safeRedirectPath(form.get("redirectTo"), `/projects/${result.key}`);
  return redirectWithToast(back, result.watch ? `You watch ${result.key}: you are told when its gates are decided.` : `You no longer watch ${result.key}.`);
}

export const loader = () => {
  throw new Response("Not found.", { status: 404 });
};

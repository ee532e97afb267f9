// The person's theme (issue 13, item 10): the header's switch and the profile's choice post here.
// A resource route with an action only; it answers with the page the person came from.
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { ThemeSchema } from "~/modules/people/people-form";
import { setTheme } from "~/modules/people/profile.server";
import { requireUser } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { answerRefusal } from "~/utils/http.server";
import { safeRedirectPath } from "~/utils/redirect";
import { redirectWithToast } from "~/utils/toast.server";

// GET never changes data: the theme is chosen on the profile page, and set with a POST.
export function loader() {
  return redirect("/settings/profile");
}

const SAID = { system: "The theme follows your system's setting.", light: "Light theme on.", dark: "Dark theme on." } as const;

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await request.formData(), { schema: ThemeSchema });
  if (submission.status !== "success") return json({ result: submission.reply() }, { status: 400 });
  const result = await setTheme(prisma, user, submission.value.theme);
  if (!result.ok) return answerRefusal(result, (errors) => ({ result: submission.reply(errors) }));
  return redirectWithToast(safeRedirectPath(submission.value.redirectTo, "/settings/profile"), SAID[submission.value.theme]);
}

// The editor's live preview (issue 24, item 1): Markdown in, the HTML a reader will see out, from
// the same renderer and sanitiser as the artifact page. Nothing is stored.
import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { MAX_BODY_BYTES } from "~/modules/artifacts/artifact-form";
import { renderMarkdown } from "~/modules/artifacts/render.server";
import { requireUserWithPermission } from "~/utils/auth.server";
import { assertBodySize, badRequest } from "~/utils/http.server";

export async function action({ request }: ActionFunctionArgs) {
  await requireUserWithPermission(request, "project:write");
  assertBodySize(request, MAX_BODY_BYTES * 2);
  const body = (await request.formData()).get("body");
  if (typeof body !== "string") throw badRequest("Send the document's Markdown as body.");
  if (Buffer.byteLength(body) > MAX_BODY_BYTES) throw badRequest(`The document is over ${MAX_BODY_BYTES / 1024} KB.`);
  return json({ html: renderMarkdown(body) });
}

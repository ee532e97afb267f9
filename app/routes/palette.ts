// What the command palette (components/palette.tsx) finds as one types: a resource route that
// answers JSON, a few of each kind, for anyone who may read projects.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { foundItems, PALETTE_LIMIT } from "~/modules/search/palette";
import { searchEverything } from "~/modules/search/queries.server";
import { requireUserWithPermission } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, "project:read");
  const q = new URL(request.url).searchParams.get("q") ?? "";
  const found = await searchEverything(prisma, q, PALETTE_LIMIT);
  return json({ q, items: found ? foundItems(found) : [] });
}

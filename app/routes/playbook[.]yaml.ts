import type { LoaderFunctionArgs } from "@remix-run/node";
import { playbookExport } from "~/modules/lifecycle/playbook.server";
import { requireUserWithPermission } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, "project:read");
  return playbookExport(prisma, "yaml");
}

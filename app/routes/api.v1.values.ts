// POST /api/v1/values: a batch of values, each naming its metric (README "API").
import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { handleValuesRequest } from "~/modules/metrics/api.server";
import { prisma } from "~/utils/db.server";

export const loader = () => json({ error: "Use POST." }, { status: 405 });

export function action({ request }: ActionFunctionArgs) {
  return handleValuesRequest(prisma, request, null);
}

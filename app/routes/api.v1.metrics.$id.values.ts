// POST /api/v1/metrics/:id/values: one value or { values: [...] } for one metric (README "API").
import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { handleValuesRequest } from "~/modules/metrics/api.server";
import { prisma } from "~/utils/db.server";

export const loader = () => json({ error: "Use POST." }, { status: 405 });

export function action({ request, params }: ActionFunctionArgs) {
  return handleValuesRequest(prisma, request, (params.id ?? "").slice(0, 40));
}

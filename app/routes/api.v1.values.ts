// POST /api/v1/values: a batch of values, each naming its metric (README "API").
import type { ActionFunctionArgs } from "@remix-run/node";
import { apiError } from "~/modules/api/read.server";
import { handleValuesRequest } from "~/modules/metrics/api.server";
import { prisma } from "~/utils/db.server";

export const loader = () => apiError(405, "Use POST.");

export function action({ request }: ActionFunctionArgs) {
  return handleValuesRequest(prisma, request, null);
}

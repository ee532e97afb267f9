// GET /api/v1/metrics/:id/values: its values; POST: one value or { values: [...] } for one metric (README "API").
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { serveRead } from "~/modules/api/read.server";
import { handleValuesRequest } from "~/modules/metrics/api.server";
import { prisma } from "~/utils/db.server";

export const loader = ({ request, params }: LoaderFunctionArgs) => serveRead(prisma, "/metrics/{id}/values", request, params);

export function action({ request, params }: ActionFunctionArgs) {
  return handleValuesRequest(prisma, request, (params.id ?? "").slice(0, 40));
}

// GET /api/v1/metrics/:id: a metric, its target and newest value (README "API").
import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiError, serveRead } from "~/modules/api/read.server";
import { prisma } from "~/utils/db.server";

export const loader = ({ request, params }: LoaderFunctionArgs) => serveRead(prisma, "/metrics/{id}", request, params);
export const action = () => apiError(405, "Use GET.");

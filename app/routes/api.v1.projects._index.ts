// GET /api/v1/projects: the table's filters and sort, a page at a time (README "API").
import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiError, serveRead } from "~/modules/api/read.server";
import { prisma } from "~/utils/db.server";

export const loader = ({ request, params }: LoaderFunctionArgs) => serveRead(prisma, "/projects", request, params);
export const action = () => apiError(405, "Use GET.");

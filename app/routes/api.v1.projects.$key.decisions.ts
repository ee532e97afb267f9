// GET /api/v1/projects/:key/decisions: a project's gate decisions, newest first (README "API").
import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiError, serveRead } from "~/modules/api/read.server";
import { prisma } from "~/utils/db.server";

export const loader = ({ request, params }: LoaderFunctionArgs) => serveRead(prisma, "/projects/{key}/decisions", request, params);
export const action = () => apiError(405, "Use GET.");

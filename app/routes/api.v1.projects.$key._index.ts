// GET /api/v1/projects/:key: a project's facts, stage, roles and gate status (README "API").
import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiError, serveRead } from "~/modules/api/read.server";
import { prisma } from "~/utils/db.server";

export const loader = ({ request, params }: LoaderFunctionArgs) => serveRead(prisma, "/projects/{key}", request, params);
export const action = () => apiError(405, "Use GET.");

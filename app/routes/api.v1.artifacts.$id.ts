// GET /api/v1/artifacts/:id: an artifact and its newest version's text (README "API").
import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiError, serveRead } from "~/modules/api/read.server";
import { prisma } from "~/utils/db.server";

export const loader = ({ request, params }: LoaderFunctionArgs) => serveRead(prisma, "/artifacts/{id}", request, params);
export const action = () => apiError(405, "Use GET.");

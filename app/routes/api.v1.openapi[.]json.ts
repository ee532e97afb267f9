// GET /api/v1/openapi.json: the API's OpenAPI 3.1 document, generated from the zod schemas the
// handlers validate with (modules/api/schemas.server.ts). Public: it describes, it reads nothing.
import { json } from "@remix-run/node";
import { apiError } from "~/modules/api/read.server";
import { openApiDocument } from "~/modules/api/schemas.server";

export const loader = () => json(openApiDocument(), { headers: { "Cache-Control": "public, max-age=300" } });
export const action = () => apiError(405, "Use GET.");

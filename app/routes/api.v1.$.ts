// Any other address under /api/v1: a 404 in the API's Error shape, not a page.
import { apiError } from "~/modules/api/read.server";

export const loader = () => apiError(404, "There is no such API address; see /api/v1/openapi.json.");
export const action = loader;

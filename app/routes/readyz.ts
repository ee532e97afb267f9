import { databaseAnswers } from "~/utils/db.server";

const headers = { "Content-Type": "text/plain", "Cache-Control": "no-store" };

// Readiness: 200 only when the database answers.
export async function loader() {
  return (await databaseAnswers()) ? new Response("ok", { headers }) : new Response("database unavailable", { status: 503, headers });
}

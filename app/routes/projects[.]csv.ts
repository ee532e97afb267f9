import type { LoaderFunctionArgs } from "@remix-run/node";
import { daysInStage } from "~/modules/lifecycle/time-in-stage";
import { STAGE_NAMES, STATUS_NAMES } from "~/modules/lifecycle/stages";
import { parseListParams } from "~/modules/projects/list-params";
import { projectBatches } from "~/modules/projects/queries.server";
import { requireUserWithPermission } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { toCsv } from "~/utils/csv.server";
import { badRequest } from "~/utils/http.server";

const HEADER = ["key", "title", "stage", "status", "owner", "team", "customer", "days_in_stage", "must_met", "must_total", "gate_debt", "updated_at"];

/** The table's current filter and order as CSV, streamed a batch at a time (paging ignored). */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "project:read");
  const parsed = parseListParams(new URL(request.url).searchParams);
  if (!parsed.ok) throw badRequest(Object.values(parsed.errors).join(". "));
  const now = new Date();
  const batches = projectBatches(prisma, parsed.params, user.id);
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(toCsv([HEADER])));
    },
    async pull(controller) {
      const next = await batches.next();
      if (next.done) return controller.close();
      const rows = next.value.map((p) => [
        p.key,
        p.title,
        STAGE_NAMES[p.stage],
        STATUS_NAMES[p.status],
        p.ownerName ?? "",
        p.teamName ?? "",
        p.customer ?? "",
        daysInStage(p.stageEnteredAt, now),
        p.gateMustMet,
        p.gateMustTotal,
        p.gateDebt,
        p.updatedAt,
      ]);
      controller.enqueue(encoder.encode(toCsv(rows)));
    },
  });
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="gatepath-projects-${now.toISOString().slice(0, 10)}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}

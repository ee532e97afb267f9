// The project page's history tab: its audit trail, filtered by kind of change and by person, paged.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Button, SelectField } from "~/components/ui/field";
import { Section } from "~/components/ui/section";
import { shownChanges } from "~/modules/audit/changes";
import { ChangedValue } from "~/components/ui/changed-value";
import { listTeams } from "~/modules/projects/projects.server";
import { listProjectAudit } from "~/modules/audit/audit.server";
import { AUDIT_CATEGORY_KEYS, type AuditCategory } from "~/modules/audit/categories";
import { findProject } from "~/modules/projects/project-page.server";
import { requireUserWithPermission } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { badRequest } from "~/utils/http.server";
import { useInstant } from "~/utils/use-time-zone";

const blankToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);
const AuditQuery = z.object({
  log: z.preprocess(blankToUndefined, z.enum(AUDIT_CATEGORY_KEYS).optional()),
  by: z.preprocess(blankToUndefined, z.string().max(40).optional()),
  before: z.preprocess(blankToUndefined, z.coerce.number().int().positive().optional()),
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, "project:read");
  const project = await findProject(params.key);
  const search = new URL(request.url).searchParams;
  const query = AuditQuery.safeParse({ log: search.get("log"), by: search.get("by"), before: search.get("before") });
  if (!query.success) throw badRequest(`Audit filter: ${query.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`);
  const [audit, teams] = await Promise.all([
    listProjectAudit(prisma, project.id, { category: query.data.log, actorId: query.data.by, before: query.data.before }),
    listTeams(prisma),
  ]);
  const people = [...new Map(project.roles.map((r) => [r.user.id, r.user.name])).entries()];
  // Each event with the values it changed, in words (issue 26, item 1); the raw data stays on the server.
  const teamNames = new Map(teams.map((t) => [t.id, t.name]));
  const events = audit.events.map(({ data, ...e }) => ({ ...e, changes: shownChanges(data, teamNames) }));
  return json({ audit: { events, more: audit.more }, filter: query.data, people });
}

const AUDIT_LABELS: Record<AuditCategory, string> = {
  gate: "Gate reviews",
  project: "Project edits",
  roles: "Roles",
  artifacts: "Artifacts",
  learning: "Retrospectives",
};

export default function ProjectHistory() {
  const { audit, filter, people } = useLoaderData<typeof loader>();
  const instant = useInstant();
  return (
    <Section id="audit" title="Audit trail">
      <Form method="get" className="mt-2 flex flex-wrap items-end gap-3 text-sm" preventScrollReset>
        <SelectField label="Kind of change" name="log" id="audit-log" defaultValue={filter.log ?? ""}>
          <option value="">Everything</option>
          {(Object.keys(AUDIT_LABELS) as AuditCategory[]).map((c) => (
            <option key={c} value={c}>
              {AUDIT_LABELS[c]}
            </option>
          ))}
        </SelectField>
        <SelectField label="By" name="by" id="audit-by" defaultValue={filter.by ?? ""}>
          <option value="">Anyone</option>
          {people.map(([id, name]) => (
            <option key={id} value={id}>
              {name}
            </option>
          ))}
        </SelectField>
        <Button type="submit" variant="secondary">
          Filter
        </Button>
      </Form>
      {audit.events.length === 0 ? (
        <p className="mt-3 text-sm text-slate-600">No events match.</p>
      ) : (
        <ol className="mt-3 divide-y divide-slate-100 text-sm">
          {audit.events.map((e) => (
            <li key={e.id} className="flex flex-wrap gap-x-3 py-1.5" data-audit={e.action}>
              <time dateTime={e.at} className="text-slate-500">
                {instant(e.at, { time: true })}
              </time>
              <span className="font-medium">{e.actor}</span>
              <span>{e.action.replace(/[._]/g, " ")}</span>
              {e.changes.length > 0 ? (
                <div className="w-full space-y-0.5 pl-4 text-slate-700" data-testid="changed-values">
                  {e.changes.map((c) => (
                    <p key={c.field}>
                      <ChangedValue change={c} />
                    </p>
                  ))}
                </div>
              ) : null}
            </li>
          ))}
        </ol>
      )}
      {audit.more ? (
        <Link
          className="mt-2 inline-block text-sm text-brand underline"
          preventScrollReset
          to={`?${new URLSearchParams({ ...(filter.log ? { log: filter.log } : {}), ...(filter.by ? { by: filter.by } : {}), before: String(audit.more) })}`}
        >
          Older events
        </Link>
      ) : null}
    </Section>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";

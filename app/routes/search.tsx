import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { Button, TextField } from "~/components/ui/field";
import { Section } from "~/components/ui/section";
import { ARTIFACT_KIND_NAMES, STAGE_NAMES, STATUS_NAMES, type ArtifactKind, type ProjectStatus } from "~/modules/lifecycle/stages";
import { SEARCH_LIMIT, searchEverything } from "~/modules/search/queries.server";
import { requireUserWithPermission } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.results ? `“${data.results.q}” · Search · Gatepath` : "Search · Gatepath" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, "project:read");
  const q = new URL(request.url).searchParams.get("q") ?? "";
  // The limit travels with the data: a server module's constant is empty in the browser bundle.
  return json({ q, results: await searchEverything(prisma, q), limit: SEARCH_LIMIT });
}

function Group({ id, title, count, children }: { id: string; title: string; count: number; children: ReactNode }) {
  const { limit } = useLoaderData<typeof loader>();
  return (
    <Section id={id} title={`${title} (${count === limit ? `${count}+` : count})`}>
      {count === 0 ? <p className="mt-2 text-sm text-slate-600">None.</p> : <ul className="mt-2 divide-y divide-slate-100 text-sm">{children}</ul>}
    </Section>
  );
}

export default function Search() {
  const { q, results } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <h1 className="text-2xl font-bold">Search</h1>
      <Form method="get" role="search" className="flex items-end gap-2">
        <TextField id="search-page-q" name="q" type="search" label="Projects, artifacts, metrics and people" defaultValue={q} />
        <Button type="submit">Search</Button>
      </Form>
      {!results ? (
        <p className="text-sm text-slate-600">Type a few letters of a title, a customer, a key (GP-12), a metric or a person.</p>
      ) : (
        <div className="grid gap-4 md:grid-cols-2" data-testid="search-results">
          <Group id="found-projects" title="Projects" count={results.projects.length}>
            {results.projects.map((p) => (
              <li key={p.key} className="py-1.5">
                <Link to={`/projects/${p.key}`} className="text-brand underline">
                  {p.key} {p.title}
                </Link>{" "}
                <span className="text-slate-600">
                  ({STAGE_NAMES[p.stage]}
                  {p.status !== "active" ? `, ${STATUS_NAMES[p.status as ProjectStatus]}` : ""})
                </span>
              </li>
            ))}
          </Group>
          <Group id="found-artifacts" title="Artifacts" count={results.artifacts.length}>
            {results.artifacts.map((a) => (
              <li key={a.id} className="py-1.5">
                <Link to={`/artifacts/${a.id}`} className="text-brand underline">
                  {a.title}
                </Link>{" "}
                <span className="text-slate-600">
                  ({ARTIFACT_KIND_NAMES[a.kind as ArtifactKind] ?? a.kind}, {a.projectKey})
                </span>
              </li>
            ))}
          </Group>
          <Group id="found-metrics" title="Metrics" count={results.metrics.length}>
            {results.metrics.map((m) => (
              <li key={m.id} className="py-1.5">
                <Link to={`/metrics/${m.id}`} className="text-brand underline">
                  {m.name}
                </Link>{" "}
                <span className="text-slate-600">({m.projectKey})</span>
              </li>
            ))}
          </Group>
          <Group id="found-people" title="People" count={results.people.length}>
            {results.people.map((u) => (
              <li key={u.id} className="py-1.5">
                <Link to={`/projects?owner=${u.id}`} className="text-brand underline">
                  {u.name}
                </Link>{" "}
                <span className="text-slate-600">({u.email}; the projects they own)</span>
              </li>
            ))}
          </Group>
        </div>
      )}
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";

// The lessons library (issue 26, item 5): what every retrospective would do differently, tagged with
// its stage, team and how the project went; searched by words and filtered by those tags, a page
// at a time, all in the address so a search can be shared and works before JavaScript loads.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Button, SelectField, TextField } from "~/components/ui/field";
import { LESSONS_PAGE, searchLessons } from "~/modules/learning/lessons.server";
import { parseLessonParams } from "~/modules/learning/lesson-params";
import { LESSON_OUTCOME_NAMES, LESSON_OUTCOMES } from "~/modules/learning/retrospective";
import { STAGE_NAMES, STAGES } from "~/modules/lifecycle/stages";
import { listTeams } from "~/modules/projects/projects.server";
import { requireUserWithPermission } from "~/utils/auth.server";
import { formatDay } from "~/utils/dates";
import { prisma } from "~/utils/db.server";

export const meta: MetaFunction = () => [{ title: "Lessons · Gatepath" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, "project:read");
  const params = parseLessonParams(new URL(request.url).searchParams);
  const [found, teams] = await Promise.all([searchLessons(prisma, params), listTeams(prisma)]);
  return json({ params, ...found, teams: teams.map((t) => ({ id: t.id, name: t.name })) });
}

export default function Lessons() {
  const { params, lessons, more, teams } = useLoaderData<typeof loader>();
  const pageLink = (page: number) =>
    `?${new URLSearchParams(Object.entries({ ...params, page: String(page) }).filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== ""))}`;
  const filtered = Boolean(params.q || params.stage || params.outcome || params.team);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">Lessons</h1>
      <p className="text-sm text-slate-600">
        What each retrospective would do differently, from projects that stopped, recycled or reached Done-Done, and what each COE learned. A project sees the
        lessons of its stage on its overview.
      </p>
      <Form method="get" className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-[2fr_1fr_1fr_1fr_auto] sm:items-end">
        <TextField id="lessons-q" name="q" type="search" label="Words" defaultValue={params.q ?? ""} />
        <SelectField id="lessons-stage" name="stage" label="Stage" defaultValue={params.stage ?? ""}>
          <option value="">Any stage</option>
          {STAGES.map((s) => (
            <option key={s} value={s}>
              {STAGE_NAMES[s]}
            </option>
          ))}
        </SelectField>
        <SelectField id="lessons-outcome" name="outcome" label="Outcome" defaultValue={params.outcome ?? ""}>
          <option value="">Any outcome</option>
          {LESSON_OUTCOMES.map((t) => (
            <option key={t} value={t}>
              {LESSON_OUTCOME_NAMES[t]}
            </option>
          ))}
        </SelectField>
        <SelectField id="lessons-team" name="team" label="Team" defaultValue={params.team ?? ""}>
          <option value="">Any team</option>
          {teams.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </SelectField>
        <Button type="submit">Search</Button>
      </Form>
      {lessons.length === 0 ? (
        <p className="text-sm text-slate-600">
          {filtered
            ? "No lesson matches. Try fewer words or another stage."
            : "No lessons yet. Each retrospective's “what we would do differently” comes here once its owner writes it."}
        </p>
      ) : (
        <ol className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm" aria-label="Lessons" data-testid="lessons">
          {lessons.map((l) => (
            <li key={l.id} className="p-3">
              <p className="whitespace-pre-wrap">{l.text}</p>
              <p className="mt-1 text-slate-600">
                {LESSON_OUTCOME_NAMES[l.outcome]} at {STAGE_NAMES[l.stage]}
                {l.category ? ` (${l.category})` : ""} ·{" "}
                <Link
                  to={
                    l.retrospectiveId
                      ? `/projects/${l.projectKey}/retrospectives/${l.retrospectiveId}`
                      : l.artifactId
                        ? `/artifacts/${l.artifactId}/record`
                        : `/projects/${l.projectKey}`
                  }
                  className="text-brand underline"
                >
                  {l.projectKey} {l.projectTitle}
                </Link>
                {l.teamName ? ` · ${l.teamName}` : ""} · {formatDay(l.createdAt)}
              </p>
            </li>
          ))}
        </ol>
      )}
      <nav aria-label="Pages" className="flex gap-4 text-sm">
        {params.page > 1 ? (
          <Link to={pageLink(params.page - 1)} className="text-brand underline">
            Newer lessons
          </Link>
        ) : null}
        {more ? (
          <Link to={pageLink(params.page + 1)} className="text-brand underline">
            Older lessons (after {params.page * LESSONS_PAGE})
          </Link>
        ) : null}
      </nav>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";

import { getFormProps, getInputProps } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { HeadRow } from "~/components/ui/head-row";
import { useIntentForm } from "~/components/ui/intent-form";
import { Button, FormErrors, TextField } from "~/components/ui/field";
import { Section } from "~/components/ui/section";
import { CreateTeamSchema } from "~/modules/teams/team-form";
import { createTeam, listTeamsWithCounts } from "~/modules/teams/teams.server";
import { requireUserWithPermission } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { dispatchIntent, submitIntent } from "~/utils/intent.server";
import type { Person } from "~/modules/people/authorize";

export const meta: MetaFunction = () => [{ title: "Teams · Gatepath" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, "team:manage");
  return json({ teams: await listTeamsWithCounts(prisma) });
}

const INTENTS = {
  // A new team opens on its own page, where its people are added.
  create: async ({ user }: { user: Person }, form: FormData, intent: string) => {
    let slug: string | null = null;
    const reply = await submitIntent(form, intent, CreateTeamSchema, async (v) => {
      const result = await createTeam(prisma, user, v);
      if (result.ok) slug = result.slug;
      return result;
    });
    return slug ? redirect(`/settings/teams/${slug}?created=1`) : reply;
  },
};

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, "team:manage");
  return dispatchIntent(await request.formData(), INTENTS, { user });
}

export default function Teams() {
  const { teams } = useLoaderData<typeof loader>();
  const busy = useNavigation().state === "submitting";
  const create = useIntentForm<{ name: string }>("create", CreateTeamSchema);
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <h1 className="text-2xl font-bold">Teams</h1>
      <Section id="create-heading" title="New team">
        <Form method="post" className="mt-2 grid gap-3 sm:grid-cols-[1fr_auto] sm:items-end" {...getFormProps(create.form)}>
          <input type="hidden" name="intent" value="create" />
          <TextField label="Name" errors={create.fields.name.errors} {...getInputProps(create.fields.name, { type: "text" })} id={create.fields.name.id} />
          <Button type="submit" disabled={busy}>
            Create team
          </Button>
          <FormErrors id={create.form.errorId} errors={create.form.errors} />
        </Form>
      </Section>
      <Section id="teams-heading" title="Every team">
        {teams.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">No teams yet. Create the first one above; projects are then filed under it.</p>
        ) : (
          <table className="mt-2 min-w-full text-sm">
            <caption className="sr-only">Teams of this workspace</caption>
            <thead className="text-left">
              <HeadRow columns={["Team", "Active projects", "Members", "Gatekeepers", "State"]} />
            </thead>
            <tbody className="divide-y divide-slate-100">
              {teams.map((t) => (
                <tr key={t.id} data-team={t.slug}>
                  <td className="py-2 pr-3">
                    <Link to={`/settings/teams/${t.slug}`} className="text-brand underline">
                      {t.name}
                    </Link>
                  </td>
                  <td className="py-2 pr-3">{t.activeProjects}</td>
                  <td className="py-2 pr-3">{t.members}</td>
                  <td className="py-2 pr-3">
                    {t.gatekeepers === 0 ? <span className="text-warn">None: only administrators name deciders</span> : t.gatekeepers}
                  </td>
                  <td className="py-2 pr-3">{t.archivedAt ? "Archived" : "Open"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";

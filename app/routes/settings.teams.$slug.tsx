import { getFormProps, getInputProps, getSelectProps } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { HeadRow } from "~/components/ui/head-row";
import { useIntentForm } from "~/components/ui/intent-form";
import { Button, FormErrors, SelectField, TextField } from "~/components/ui/field";
import { RowAction } from "~/components/ui/row-action";
import { Section } from "~/components/ui/section";
import type { Person } from "~/modules/people/authorize";
import { AddMemberSchema, ArchiveTeamSchema, MemberRoleSchema, RemoveMemberSchema, RenameTeamSchema, TEAM_ROLES } from "~/modules/teams/team-form";
import { addTeamMember, getTeam, removeTeamMember, renameTeam, setTeamArchived, setTeamMemberRole } from "~/modules/teams/teams.server";
import { requireUserWithPermission } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { notFound } from "~/utils/http.server";
import { dispatchIntent, submitIntent, type IntentAction, type IntentReply } from "~/utils/intent.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.team.name ?? "Team"} · Teams · Gatepath` }];

const TEAM_ROLE_NAMES = { member: "Member", gatekeeper: "Gatekeeper" } as const;

async function findTeam(slug: string | undefined) {
  const found = slug ? await getTeam(prisma, slug) : null;
  if (!found) throw notFound(`There is no team ${slug ?? ""}.`);
  return found;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, "team:manage");
  return json(await findTeam(params.slug));
}

type Context = { user: Person; teamId: string };

const INTENTS: Record<string, IntentAction<Context>> = {
  rename: ({ user, teamId }, form, intent) => submitIntent(form, intent, RenameTeamSchema, (v) => renameTeam(prisma, user, teamId, v)),
  archive: ({ user, teamId }, form, intent) => submitIntent(form, intent, ArchiveTeamSchema, () => setTeamArchived(prisma, user, teamId, true)),
  unarchive: ({ user, teamId }, form, intent) => submitIntent(form, intent, ArchiveTeamSchema, () => setTeamArchived(prisma, user, teamId, false)),
  add_member: ({ user, teamId }, form, intent) => submitIntent(form, intent, AddMemberSchema, (v) => addTeamMember(prisma, user, teamId, v)),
  member_role: ({ user, teamId }, form, intent) => submitIntent(form, intent, MemberRoleSchema, (v) => setTeamMemberRole(prisma, user, teamId, v)),
  remove_member: ({ user, teamId }, form, intent) => submitIntent(form, intent, RemoveMemberSchema, (v) => removeTeamMember(prisma, user, teamId, v.userId)),
};

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, "team:manage");
  const { team } = await findTeam(params.slug);
  return dispatchIntent(await request.formData(), INTENTS, { user, teamId: team.id });
}

export default function TeamPage() {
  const { team, candidates } = useLoaderData<typeof loader>();
  const data = useActionData<IntentReply>();
  const [search] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const rename = useIntentForm<{ name: string }>("rename", RenameTeamSchema, { defaultValue: { name: team.name } });
  const add = useIntentForm<{ userId: string; role: string }>("add_member", AddMemberSchema, { defaultValue: { role: "member" } });
  const archived = team.archivedAt !== null;
  const rowErrors =
    data && ["member_role", "remove_member", "archive", "unarchive"].includes(data.intent) && data.result.error
      ? Object.values(data.result.error)
          .flat()
          .filter((e): e is string => typeof e === "string")
      : undefined;
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <p className="text-sm">
        <Link to="/settings/teams" className="text-brand underline">
          ← Teams
        </Link>
      </p>
      <h1 className="text-2xl font-bold">
        {team.name} {archived ? <span className="text-base font-normal text-slate-600">(archived)</span> : null}
      </h1>
      {search.get("created") ? (
        <p role="status" className="rounded border border-ok bg-ok-light px-3 py-2 text-sm">
          Team created. Add its members and gatekeepers below: gatekeepers name the deciders of the team&apos;s projects.
        </p>
      ) : null}
      {data?.saved ? (
        <p role="status" className="rounded border border-ok bg-ok-light px-3 py-2 text-sm">
          Saved.
        </p>
      ) : null}
      <FormErrors errors={rowErrors} />

      <Section id="people-heading" title="Members and gatekeepers">
        {team.members.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">Nobody yet.</p>
        ) : (
          <table className="mt-2 min-w-full text-sm">
            <caption className="sr-only">People of {team.name}</caption>
            <thead className="text-left">
              <HeadRow columns={["Name", "Email", "Team role", { label: <span className="sr-only">Remove</span>, className: "py-1" }]} />
            </thead>
            <tbody className="divide-y divide-slate-100">
              {team.members.map((m) => (
                <tr key={m.user.id} data-member={m.user.email}>
                  <td className="py-2 pr-3">
                    {m.user.name}
                    {m.user.deactivatedAt ? <span className="ml-1 text-bad">(deactivated)</span> : null}
                  </td>
                  <td className="py-2 pr-3">{m.user.email}</td>
                  <td className="py-2 pr-3">
                    {archived ? (
                      TEAM_ROLE_NAMES[m.role as keyof typeof TEAM_ROLE_NAMES]
                    ) : (
                      <Form method="post" className="flex items-center gap-2">
                        <input type="hidden" name="intent" value="member_role" />
                        <input type="hidden" name="userId" value={m.user.id} />
                        <label className="sr-only" htmlFor={`team-role-${m.user.id}`}>
                          Team role of {m.user.name}
                        </label>
                        <select id={`team-role-${m.user.id}`} name="role" defaultValue={m.role} className="rounded border border-slate-300 px-2 py-1">
                          {TEAM_ROLES.map((r) => (
                            <option key={r} value={r}>
                              {TEAM_ROLE_NAMES[r]}
                            </option>
                          ))}
                        </select>
                        <Button type="submit" variant="secondary" className="px-2 py-1" disabled={busy}>
                          Change<span className="sr-only"> the team role of {m.user.name}</span>
                        </Button>
                      </Form>
                    )}
                  </td>
                  <td className="py-2">
                    {archived ? null : <RowAction intent="remove_member" fields={{ userId: m.user.id }} label="Remove" row={m.user.name} busy={busy} />}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {archived ? null : (
          <Form method="post" className="mt-3 grid gap-3 border-t border-slate-100 pt-3 sm:grid-cols-[1fr_10rem_auto] sm:items-end" {...getFormProps(add.form)}>
            <input type="hidden" name="intent" value="add_member" />
            <SelectField label="Person" errors={add.fields.userId.errors} {...getSelectProps(add.fields.userId)} id={add.fields.userId.id}>
              <option value="">Choose a person</option>
              {candidates.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name} ({c.email})
                </option>
              ))}
            </SelectField>
            <SelectField label="Team role" errors={add.fields.role.errors} {...getSelectProps(add.fields.role)} id={add.fields.role.id}>
              {TEAM_ROLES.map((r) => (
                <option key={r} value={r}>
                  {TEAM_ROLE_NAMES[r]}
                </option>
              ))}
            </SelectField>
            <Button type="submit" disabled={busy}>
              Add to team
            </Button>
            <FormErrors id={add.form.errorId} errors={add.form.errors} />
          </Form>
        )}
        <p className="mt-2 text-xs text-slate-600">
          Gatekeepers name and remove the deciders of this team&apos;s projects (never of a project they own or proposed). Leaving the team takes nobody off a
          project.
        </p>
      </Section>

      <Section id="rename-heading" title="Name">
        <Form method="post" className="mt-2 grid gap-3 sm:grid-cols-[1fr_auto] sm:items-end" {...getFormProps(rename.form)}>
          <input type="hidden" name="intent" value="rename" />
          <TextField label="Team name" errors={rename.fields.name.errors} {...getInputProps(rename.fields.name, { type: "text" })} id={rename.fields.name.id} />
          <Button type="submit" variant="secondary" disabled={busy}>
            Rename
          </Button>
          <FormErrors id={rename.form.errorId} errors={rename.form.errors} />
        </Form>
      </Section>

      <Section id="archive-heading" title={archived ? "Archived" : "Archive"}>
        <p className="mt-1 text-sm text-slate-600">
          {archived
            ? "This team takes no new projects and its people cannot be changed; its projects and history stay."
            : "An archived team keeps its projects and history, takes no new projects, and its gatekeepers no longer name deciders."}
        </p>
        <Form method="post" className="mt-2">
          <input type="hidden" name="intent" value={archived ? "unarchive" : "archive"} />
          <Button type="submit" variant="secondary" disabled={busy}>
            {archived ? "Reopen team" : "Archive team"}
          </Button>
        </Form>
      </Section>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";

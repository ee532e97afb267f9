import { getFormProps, getInputProps, getSelectProps } from "@conform-to/react";
import { OneTimeSecret } from "~/components/ui/one-time-secret";
import { Instant } from "~/components/ui/instant";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { HeadRow } from "~/components/ui/head-row";
import { useIntentForm } from "~/components/ui/intent-form";
import { Button, FormErrors, SelectField, TextField } from "~/components/ui/field";
import { Section } from "~/components/ui/section";
import { RowAction } from "~/components/ui/row-action";
import { USER_ROLES } from "~/modules/lifecycle/stages";
import type { Person } from "~/modules/people/authorize";
import { ChangeRoleSchema, INVITE_DAYS, InviteSchema, PersonRefSchema, PersonResetSchema, RESET_HOURS } from "~/modules/people/people-form";
import { changeRole, invitePerson, issuePasswordReset, listPeople, setActive } from "~/modules/people/people.server";
import { sendLinkMail, type MailOutcome } from "~/modules/people/mail.server";
import { requireUserWithPermission } from "~/utils/auth.server";
import { organisationName } from "~/modules/people/organisation.server";
import { prisma } from "~/utils/db.server";
import { listOpenTeams } from "~/modules/projects/projects.server";
import { answerRefusal } from "~/utils/http.server";
import { dispatchIntent, submitIntent, type IntentAction, type IntentReply } from "~/utils/intent.server";

export const meta: MetaFunction = () => [{ title: "People · Gatepath" }];

const ROLE_NAMES = { admin: "Administrator", member: "Member", viewer: "Viewer" } as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "user:manage");
  const [people, teams] = await Promise.all([listPeople(prisma), listOpenTeams(prisma)]);
  return json({
    me: user.id,
    teams: teams.map((t) => ({ id: t.id, name: t.name })),
    people: people.map(({ userTokens, ...p }) => ({ ...p, invitedUntil: userTokens[0]?.expiresAt ?? null })),
  });
}

type Reply = IntentReply & { link?: { url: string; name: string; kind: "invite" | "reset"; email: string; mail: MailOutcome; team?: string | null } };

/** Also emails the link when SMTP_URL is set; the page shows it either way. */
async function mailLink(to: string, name: string, url: string, kind: "invite" | "reset") {
  return sendLinkMail({ to, name, url, kind, organisation: (await organisationName(prisma)) ?? "", days: INVITE_DAYS });
}

/** Invite: the account and a one-time sign-up link, shown on this page once, to hand over. */
const inviteAction: IntentAction<{ user: Person; origin: string }> = async ({ user, origin }, form, intent) => {
  const submission = parseWithZod(form, { schema: InviteSchema });
  if (submission.status !== "success") return json<Reply>({ intent, result: submission.reply() }, { status: 400 });
  const result = await invitePerson(prisma, user, submission.value);
  if (!result.ok) return answerRefusal(result, (errors): Reply => ({ intent, result: submission.reply(errors) }));
  const { email, name } = submission.value;
  const url = `${origin}/signup/${result.token}`;
  return json<Reply>({
    intent,
    result: submission.reply({ resetForm: true }),
    saved: true,
    link: { url, name, email, kind: "invite", mail: await mailLink(email, name, url, "invite"), team: result.team },
  });
};

/** A password-reset link for someone who lost theirs, shown once like an invitation's. */
const resetAction: IntentAction<{ user: Person; origin: string }> = async ({ user, origin }, form, intent) => {
  const submission = parseWithZod(form, { schema: PersonResetSchema });
  if (submission.status !== "success") return json<Reply>({ intent, result: submission.reply() }, { status: 400 });
  const result = await issuePasswordReset(prisma, user, submission.value.userId);
  if (!result.ok) return answerRefusal(result, (errors): Reply => ({ intent, result: submission.reply(errors) }));
  const url = `${origin}/signup/${result.token}`;
  return json<Reply>({
    intent,
    result: submission.reply(),
    saved: true,
    link: { url, name: result.name, email: result.email, kind: "reset", mail: await mailLink(result.email, result.name, url, "reset") },
  });
};

const INTENTS: Record<string, IntentAction<{ user: Person; origin: string }>> = {
  invite: inviteAction,
  reset: resetAction,
  // Said where the person is, announced, with the page read afresh (issue 13, item 3).
  role: ({ user }, form, intent) =>
    submitIntent(form, intent, ChangeRoleSchema, (v) => changeRole(prisma, user, v.userId, v.role), {
      to: "/settings/people",
      message: (v) => `Role changed to ${ROLE_NAMES[v.role as keyof typeof ROLE_NAMES].toLowerCase()}.`,
    }),
  deactivate: ({ user }, form, intent) =>
    submitIntent(form, intent, PersonRefSchema, (v) => setActive(prisma, user, v.userId, false), {
      to: "/settings/people",
      message: () => "Deactivated: their sessions and API tokens ended at once.",
    }),
  reactivate: ({ user }, form, intent) =>
    submitIntent(form, intent, PersonRefSchema, (v) => setActive(prisma, user, v.userId, true), {
      to: "/settings/people",
      message: () => "Reactivated: they can sign in again.",
    }),
};

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, "user:manage");
  return dispatchIntent(await request.formData(), INTENTS, { user, origin: new URL(request.url).origin });
}

export default function People() {
  const { people, me, teams } = useLoaderData<typeof loader>();
  const data = useActionData<Reply>();
  const busy = useNavigation().state === "submitting";
  const invite = useIntentForm<{ email: string; name: string; role: string; teamId: string; teamRole: string }>("invite", InviteSchema, {
    defaultValue: { role: "member", teamRole: "member" },
  });
  const rowErrors =
    data && data.intent !== "invite" && data.result.error
      ? Object.values(data.result.error)
          .flat()
          .filter((e): e is string => typeof e === "string")
      : undefined;
  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h1 className="text-2xl font-bold">People</h1>
        <Link to="/settings/sign-in" className="text-sm text-brand underline">
          How people sign in (single sign-on, passwords)
        </Link>
      </div>
      {data?.link ? (
        <div role="status" className="rounded-lg border border-ok bg-ok-light p-4 text-sm">
          <p className="font-semibold">
            {data.link.kind === "invite"
              ? `${data.link.name} is invited${data.link.team ? ` and in ${data.link.team}` : ""}. Hand them this sign-up link: it works once, for ${INVITE_DAYS} days, and is shown only now.`
              : `A password-reset link for ${data.link.name}: it works once, for ${RESET_HOURS} hours, and is shown only now.`}
          </p>
          <OneTimeSecret value={data.link.url} label="link" testId="signup-link" />
          {data.link.mail?.sent ? (
            <p className="mt-2">It was also emailed to {data.link.email}.</p>
          ) : data.link.mail ? (
            <p className="mt-2 text-bad">
              The email to {data.link.email} could not be sent ({data.link.mail.reason}); hand the link over yourself.
            </p>
          ) : null}
        </div>
      ) : null}
      <Section id="invite-heading" title="Invite someone">
        <p className="mt-1 text-sm text-slate-600">
          Invite people before making them gatekeepers or owners: a team can take them in here, with the invitation.
        </p>
        <Form method="post" className="mt-2 grid gap-3 sm:grid-cols-3 sm:items-end lg:grid-cols-[1fr_1fr_9rem_11rem_9rem_auto]" {...getFormProps(invite.form)}>
          <input type="hidden" name="intent" value="invite" />
          <TextField label="Email" errors={invite.fields.email.errors} {...getInputProps(invite.fields.email, { type: "email" })} id={invite.fields.email.id} />
          <TextField label="Name" errors={invite.fields.name.errors} {...getInputProps(invite.fields.name, { type: "text" })} id={invite.fields.name.id} />
          <SelectField label="Role" errors={invite.fields.role.errors} {...getSelectProps(invite.fields.role)} id={invite.fields.role.id}>
            {USER_ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_NAMES[r]}
              </option>
            ))}
          </SelectField>
          <SelectField label="Team" errors={invite.fields.teamId.errors} {...getSelectProps(invite.fields.teamId)} id={invite.fields.teamId.id}>
            <option value="">{teams.length === 0 ? "No team yet" : "No team"}</option>
            {teams.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </SelectField>
          <SelectField
            label="Role in the team"
            errors={invite.fields.teamRole.errors}
            {...getSelectProps(invite.fields.teamRole)}
            id={invite.fields.teamRole.id}
          >
            <option value="member">Member</option>
            <option value="gatekeeper">Gatekeeper</option>
          </SelectField>
          <Button type="submit" disabled={busy}>
            Invite
          </Button>
          <FormErrors id={invite.form.errorId} errors={invite.form.errors} />
        </Form>
      </Section>
      <Section id="people-heading" title="Everyone">
        <FormErrors errors={rowErrors} />
        <table className="mt-2 min-w-full text-sm">
          <caption className="sr-only">People of this workspace</caption>
          <thead className="text-left">
            <HeadRow columns={["Name", "Email", "Role", "State", { label: <span className="sr-only">Change</span>, className: "py-1" }]} />
          </thead>
          <tbody className="divide-y divide-slate-100">
            {people.map((p) => (
              <tr key={p.id} data-person={p.email}>
                <td className="py-2 pr-3">{p.name}</td>
                <td className="py-2 pr-3">{p.email}</td>
                <td className="py-2 pr-3">
                  {p.id === me ? (
                    ROLE_NAMES[p.role]
                  ) : (
                    <Form method="post" className="flex items-center gap-2">
                      <input type="hidden" name="intent" value="role" />
                      <input type="hidden" name="userId" value={p.id} />
                      <label className="sr-only" htmlFor={`role-${p.id}`}>
                        Role of {p.name}
                      </label>
                      <select id={`role-${p.id}`} name="role" defaultValue={p.role} className="rounded border border-slate-300 px-2 py-1">
                        {USER_ROLES.map((r) => (
                          <option key={r} value={r}>
                            {ROLE_NAMES[r]}
                          </option>
                        ))}
                      </select>
                      <Button type="submit" variant="secondary" className="px-2 py-1" disabled={busy}>
                        Change<span className="sr-only"> the role of {p.name}</span>
                      </Button>
                    </Form>
                  )}
                </td>
                <td className="py-2 pr-3">
                  {p.deactivatedAt ? (
                    <span className="text-bad">
                      Deactivated <Instant value={p.deactivatedAt} />
                    </span>
                  ) : p.invitedUntil ? (
                    <span className="text-warn">
                      Invited (link works until <Instant value={p.invitedUntil} />)
                    </span>
                  ) : (
                    "Active"
                  )}
                </td>
                <td className="py-2">
                  {p.id === me ? null : (
                    <div className="flex flex-wrap gap-2">
                      {p.deactivatedAt ? null : <RowAction intent="reset" fields={{ userId: p.id }} label="Reset link" row={p.name} busy={busy} />}
                      <RowAction
                        intent={p.deactivatedAt ? "reactivate" : "deactivate"}
                        fields={{ userId: p.id }}
                        label={p.deactivatedAt ? "Reactivate" : "Deactivate"}
                        row={p.name}
                        busy={busy}
                      />
                    </div>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="mt-2 text-xs text-slate-600">Deactivating someone ends their sessions and revokes their API tokens at once; their history stays.</p>
      </Section>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";

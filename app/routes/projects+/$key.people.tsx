// The project page's people tab: who proposed, owns, decides, contributes, is consulted and is
// kept informed; acknowledging one's own role; naming and removing people. Each role has its own
// picker offering only those who may hold it, and says who is left out and why (issue 27, item 2).
import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Disclosure } from "~/components/ui/disclosure";
import { Button, FormErrors, SelectField } from "~/components/ui/field";
import { useIntentForm } from "~/components/ui/intent-form";
import { Section } from "~/components/ui/section";
import { loadCurrentPlaybook } from "~/modules/lifecycle/playbook.server";
import { stageOf } from "~/modules/lifecycle/playbook";
import { quorumWarning } from "~/modules/lifecycle/quorum";
import { gateSigners } from "~/modules/lifecycle/signers.server";
import { PROJECT_ROLE_KINDS, type ProjectRoleKind } from "~/modules/lifecycle/stages";
import { roleCandidates, rolesManagedBy } from "~/modules/people/authorize";
import { listUsers } from "~/modules/people/queries.server";
import { findProject, peopleOf, roleManagedProject, type ProjectIntentArgs } from "~/modules/projects/project-page.server";
import { AssignRoleSchema, RoleRefSchema } from "~/modules/projects/role-form";
import { acknowledgeRole, assignRole, removeRole, type RoleResult } from "~/modules/projects/roles.server";
import { projectTab } from "~/modules/projects/tabs";
import { isGatekeeperOf } from "~/modules/teams/teams.server";
import { requireUser, requireUserWithPermission } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { badRequest, refusalResponse } from "~/utils/http.server";
import { intentOf, submitIntent, type IntentReply } from "~/utils/intent.server";
import { redirectWithToast } from "~/utils/toast.server";
import { useInstant } from "~/utils/use-time-zone";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "project:read");
  const project = await findProject(params.key);
  const gatekeeper = await isGatekeeperOf(prisma, user.id, project.teamId);
  // Which roles this person gives and takes (authorize.ts): deciders are named by administrators and
  // the team's gatekeepers, never by the people doing the work; the owner hands over.
  const who = peopleOf(project);
  const manages = rolesManagedBy({ ...user, gatekeeper }, who, PROJECT_ROLE_KINDS);
  const active = project.status === "active";
  const [people, signers, playbook] = await Promise.all([
    manages.length > 0 ? listUsers(prisma) : [],
    active ? gateSigners(prisma, who) : [],
    active ? loadCurrentPlaybook(prisma) : null,
  ]);
  // Each role's picker: only those who may hold it, and who is left out and why.
  const pickers = manages.map((role) => {
    const { offered, note } = roleCandidates(user, who, role, people);
    return { role, offered: offered.map((p) => ({ id: p.id, name: p.name, role: p.role })), note };
  });
  return json({
    roles: project.roles,
    proposer: project.proposer,
    pickers,
    userId: user.id,
    quorumWarning: playbook ? quorumWarning(stageOf(playbook, project.stage).quorum, signers) : null,
  });
}

async function assignRoleAction({ request, key, form, user, intent }: ProjectIntentArgs) {
  const project = await roleManagedProject(request, key, user);
  return submitIntent(form, intent, AssignRoleSchema, (v) => assignRole(prisma, user, project.id, v), {
    to: projectTab(project.key, "people"),
    message: (v) => `${ROLE_NAMES[v.role]} added.`,
  });
}

/** Removing a role (the project's people) or acknowledging one's own (anyone named, viewers included). */
async function roleRefAction({ request, key, form, user, intent }: ProjectIntentArgs) {
  const project =
    intent === "acknowledge_role"
      ? (await requireUserWithPermission(request, "project:read"), await findProject(key))
      : await roleManagedProject(request, key, user);
  const submission = parseWithZod(form, { schema: RoleRefSchema });
  if (submission.status !== "success") throw badRequest("Unknown role.");
  const { roleId } = submission.value;
  const result: RoleResult =
    intent === "remove_role" ? await removeRole(prisma, user, project.id, roleId) : await acknowledgeRole(prisma, user, project.id, roleId);
  if (!result.ok) throw refusalResponse(result);
  return redirectWithToast(projectTab(project.key, "people"), intent === "remove_role" ? "Role removed." : "Thank you: recorded.");
}

const INTENTS = { assign_role: assignRoleAction, remove_role: roleRefAction, acknowledge_role: roleRefAction };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await request.formData();
  const intent = intentOf(form, INTENTS);
  return INTENTS[intent]({ request, key: params.key, form, user, intent });
}

const ROLE_NAMES: Record<ProjectRoleKind, string> = {
  owner: "Single-threaded owner",
  decider: "Decider",
  contributor: "Contributor",
  consulted: "Consulted",
  stakeholder: "Stakeholder",
};

/** One verb per role, whoever gives it. */
const ADD_LABELS: Record<ProjectRoleKind, string> = {
  owner: "Make owner",
  decider: "Name decider",
  contributor: "Add contributor",
  consulted: "Add person consulted",
  stakeholder: "Add stakeholder",
};

type Picker = ReturnType<typeof useLoaderData<typeof loader>>["pickers"][number];

/** One role's picker: the people who may hold it, and why the others are not there. */
function RolePicker({ picker }: { picker: Picker }) {
  const { role, offered, note } = picker;
  const { form, fields } = useIntentForm<{ userId: string; role: string }>("assign_role", AssignRoleSchema, { id: `assign-${role}`, match: ["role", role] });
  return (
    <Form method="post" className="grid gap-2 sm:grid-cols-[minmax(0,1fr)_auto] sm:items-end" {...getFormProps(form)} data-picker={role}>
      <input type="hidden" name="intent" value="assign_role" />
      <input type="hidden" name="role" value={role} />
      <FormErrors errors={form.errors} />
      <SelectField
        label={ROLE_NAMES[role]}
        errors={fields.userId.errors ?? fields.role.errors}
        name={fields.userId.name}
        id={fields.userId.id}
        defaultValue=""
        hint={offered.length === 0 ? `Nobody may be given this role now. ${note ?? ""}`.trim() : (note ?? undefined)}
      >
        <option value="">{offered.length === 0 ? "Nobody to choose" : "Choose a person"}</option>
        {offered.map((u) => (
          <option key={u.id} value={u.id}>
            {u.name} ({u.role})
          </option>
        ))}
      </SelectField>
      <Button type="submit" variant="secondary" disabled={offered.length === 0}>
        {ADD_LABELS[role]}
      </Button>
    </Form>
  );
}

export default function ProjectPeople() {
  const instant = useInstant();
  const { roles, proposer, pickers, userId, quorumWarning } = useLoaderData<typeof loader>();
  const data = useActionData<IntentReply>();
  return (
    <Section id="roles" title="People">
      {quorumWarning ? (
        <p role="note" className="mt-2 rounded border border-warn bg-warn-light px-3 py-2 text-sm" data-testid="quorum-warning">
          <span aria-hidden="true">⚠ </span>
          {quorumWarning}
        </p>
      ) : null}
      {roles.length === 0 && !proposer ? (
        <p className="mt-2 text-sm text-slate-600">Nobody is named on this project yet.</p>
      ) : (
        <ul className="mt-2 space-y-1.5 text-sm">
          {proposer ? (
            <li className="flex flex-wrap items-center gap-2" data-role="proposer">
              <span className="font-medium">{proposer.name}</span>
              <span className="text-slate-600">Proposer</span>
            </li>
          ) : null}
          {roles.map((r) => {
            const acknowledges = r.role === "owner" || r.role === "stakeholder";
            return (
              <li key={r.id} className="flex flex-wrap items-center gap-2" data-role={r.role}>
                <span className="font-medium">{r.user.name}</span>
                <span className="text-slate-600">{ROLE_NAMES[r.role]}</span>
                {acknowledges ? (
                  <span className={r.acknowledgedAt ? "text-ok" : "text-warn"}>
                    {r.acknowledgedAt
                      ? `${r.role === "owner" ? "accepted" : "acknowledged"} ${instant(r.acknowledgedAt)}`
                      : r.role === "owner"
                        ? "not accepted yet"
                        : "not acknowledged yet"}
                  </span>
                ) : null}
                {acknowledges && !r.acknowledgedAt && r.user.id === userId ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="acknowledge_role" />
                    <input type="hidden" name="roleId" value={r.id} />
                    <Button type="submit" variant="secondary" className="!px-2 !py-0.5">
                      {r.role === "owner" ? "Accept ownership" : "Acknowledge"}
                    </Button>
                  </Form>
                ) : null}
                {pickers.some((p) => p.role === r.role) ? (
                  <Form method="post" className="ml-auto">
                    <input type="hidden" name="intent" value="remove_role" />
                    <input type="hidden" name="roleId" value={r.id} />
                    <button
                      type="submit"
                      className="text-xs text-slate-600 underline hover:text-bad"
                      aria-label={`Remove ${r.user.name} as ${ROLE_NAMES[r.role]}`}
                    >
                      Remove
                    </button>
                  </Form>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
      {pickers.length > 0 ? (
        <Disclosure key={roles.length} summary="Add someone to the project" open={data?.intent === "assign_role"}>
          <div className="mt-2 space-y-4">
            {pickers.map((picker) => (
              <RolePicker key={picker.role} picker={picker} />
            ))}
          </div>
        </Disclosure>
      ) : null}
    </Section>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";

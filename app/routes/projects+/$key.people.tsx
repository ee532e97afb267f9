// The project page's people tab: who owns, decides, contributes, is consulted and is kept
// informed; acknowledging one's own role; naming and removing people.
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Disclosure } from "~/components/ui/disclosure";
import { Button, SelectField } from "~/components/ui/field";
import { Section } from "~/components/ui/section";
import { PROJECT_ROLE_KINDS } from "~/modules/lifecycle/stages";
import { rolesManagedBy } from "~/modules/people/authorize";
import { listUsers } from "~/modules/people/queries.server";
import { findProject, peopleOf, roleManagedProject, type ProjectIntentArgs } from "~/modules/projects/project-page.server";
import { AssignRoleSchema, RoleRefSchema } from "~/modules/projects/role-form";
import { acknowledgeRole, assignRole, removeRole, type RoleResult } from "~/modules/projects/roles.server";
import { projectTab } from "~/modules/projects/tabs";
import { isGatekeeperOf } from "~/modules/teams/teams.server";
import { requireUser, requireUserWithPermission } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { answerRefusal, badRequest, refusalResponse } from "~/utils/http.server";
import { intentOf } from "~/utils/intent.server";
import { redirectWithToast } from "~/utils/toast.server";
import { useInstant } from "~/utils/use-time-zone";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "project:read");
  const project = await findProject(params.key);
  const gatekeeper = await isGatekeeperOf(prisma, user.id, project.teamId);
  // Which roles this person gives and takes (authorize.ts): deciders are named by administrators and
  // the team's gatekeepers, never by the people doing the work; the owner hands over.
  const manages = rolesManagedBy({ ...user, gatekeeper }, peopleOf(project), PROJECT_ROLE_KINDS);
  return json({
    roles: project.roles,
    manages,
    people: manages.length > 0 ? await listUsers(prisma) : [],
    userId: user.id,
  });
}

async function assignRoleAction({ request, key, form, user }: ProjectIntentArgs) {
  const project = await roleManagedProject(request, key, user);
  const submission = parseWithZod(form, { schema: AssignRoleSchema });
  if (submission.status !== "success") return json({ roles: submission.reply() }, { status: 400 });
  const result = await assignRole(prisma, user, project.id, submission.value);
  if (!result.ok) return answerRefusal({ ...result, field: result.field ?? "userId" }, (errors) => ({ roles: submission.reply(errors) }));
  return redirectWithToast(projectTab(project.key, "people"), `${ROLE_NAMES[submission.value.role]} added.`);
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

const ROLE_NAMES: Record<(typeof PROJECT_ROLE_KINDS)[number], string> = {
  owner: "Single-threaded owner",
  decider: "Decider",
  contributor: "Contributor",
  consulted: "Consulted",
  stakeholder: "Stakeholder",
};

export default function ProjectPeople() {
  const instant = useInstant();
  const { roles, manages, people, userId } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "assign-role",
    lastResult: data && "roles" in data ? data.roles : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AssignRoleSchema }),
  });
  return (
    <Section id="roles" title="People">
      {roles.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">No roles assigned yet.</p>
      ) : (
        <ul className="mt-2 space-y-1.5 text-sm">
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
                {manages.includes(r.role) ? (
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
      {manages.length > 0 ? (
        <Disclosure
          key={roles.length}
          summary={manages.some((k) => k !== "decider") ? "Add someone to the project" : "Name a decider"}
          open={data !== undefined && "roles" in data}
        >
          <Form method="post" className="mt-2 grid gap-3 sm:grid-cols-3 sm:items-end" {...getFormProps(form)}>
            <input type="hidden" name="intent" value="assign_role" />
            <SelectField label="Person" errors={fields.userId.errors} name={fields.userId.name} id={fields.userId.id} defaultValue="">
              <option value="">Choose a person</option>
              {people.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name} ({u.role})
                </option>
              ))}
            </SelectField>
            <SelectField label="Role" errors={fields.role.errors} name={fields.role.name} id={fields.role.id} defaultValue="">
              <option value="">Choose a role</option>
              {manages.map((k) => (
                <option key={k} value={k}>
                  {ROLE_NAMES[k]}
                </option>
              ))}
            </SelectField>
            <Button type="submit" variant="secondary">
              Add to project
            </Button>
          </Form>
        </Disclosure>
      ) : null}
    </Section>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";

// The project page's plan tab: tenets (ordered, seven at most), milestones and the decision log.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import type { z } from "zod";
import { listUsers } from "~/modules/people/queries.server";
import { mayOwnWork } from "~/modules/people/authorize";
import { DecisionLogSchema, MilestoneSchema, MilestoneStateSchema, RemoveSchema, TenetSchema } from "~/modules/projects/plan-forms";
import {
  addDecision,
  addMilestone,
  addTenet,
  moveTenetUp,
  removeMilestone,
  removeTenet,
  setMilestoneState,
  type PlanResult,
} from "~/modules/projects/plan.server";
import { getPlan } from "~/modules/projects/queries.server";
import { editableProject, findProject, userMay, type Editor, type ProjectIntentArgs } from "~/modules/projects/project-page.server";
import { projectTab } from "~/modules/projects/tabs";
import { requireUser, requireUserWithPermission } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { intentOf, submitIntent } from "~/utils/intent.server";
import { PlanSections } from "./__plan-sections";
import { utcDay } from "~/modules/lifecycle/time-in-stage";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "project:read");
  const project = await findProject(params.key);
  const canEdit = userMay(user, project, "edit_plan");
  const [plan, people] = await Promise.all([getPlan(prisma, project.id), canEdit ? listUsers(prisma) : Promise.resolve([])]);
  // Milestones past their due day and not done (issue 27, item 5), by the server's clock.
  const today = utcDay(new Date());
  const overdue = plan.milestones
    .filter((m) => m.dueDate && m.state !== "done" && m.state !== "cancelled" && utcDay(new Date(m.dueDate)) < today)
    .map((m) => m.id);
  // A milestone's owner is someone who may act on it: never a viewer (authorize.ts).
  return json({ plan, canEdit, overdue, people: people.filter(mayOwnWork).map((p) => ({ id: p.id, name: p.name })) });
}

/** One plan form: its schema and the module call it makes, typed together (no casts). */
function planForm<S extends z.ZodTypeAny>(schema: S, run: (user: Editor, projectId: string, value: z.infer<S>) => Promise<PlanResult>, done: string) {
  return { schema, run, done };
}

const PLAN_FORMS = {
  add_tenet: planForm(TenetSchema, (user, projectId, v) => addTenet(prisma, user, projectId, v), "Tenet added."),
  add_milestone: planForm(MilestoneSchema, (user, projectId, v) => addMilestone(prisma, user, projectId, v), "Milestone added."),
  milestone_state: planForm(MilestoneStateSchema, (user, projectId, v) => setMilestoneState(prisma, user, projectId, v), "Milestone updated."),
  add_decision: planForm(DecisionLogSchema, (user, projectId, v) => addDecision(prisma, user, projectId, v), "Decision recorded in the log."),
  remove_tenet: planForm(RemoveSchema, (user, projectId, v) => removeTenet(prisma, user, projectId, v.id), "Tenet removed."),
  move_tenet_up: planForm(RemoveSchema, (user, projectId, v) => moveTenetUp(prisma, user, projectId, v.id), "Tenet moved up."),
  remove_milestone: planForm(RemoveSchema, (user, projectId, v) => removeMilestone(prisma, user, projectId, v.id), "Milestone removed."),
};
type PlanIntent = keyof typeof PLAN_FORMS;

/** Every plan form goes through one function: who may (before what they sent), then the one form pattern. */
async function planAction({ request, key, form, user, intent }: ProjectIntentArgs) {
  const project = await editableProject(request, key, user, "edit_plan");
  const planIntent = intent as PlanIntent;
  const { schema, run, done } = PLAN_FORMS[planIntent] as ReturnType<typeof planForm<z.ZodTypeAny>>;
  const anchor = planIntent.includes("tenet") ? "tenets" : planIntent.includes("milestone") ? "milestones" : "decision-log";
  // A refusal that names no field is about the form's title (a tenet, milestone or decision of that name).
  const write = async (value: unknown) => {
    const result = await run(user, project.id, value);
    return result.ok ? result : { ...result, field: result.field ?? "title" };
  };
  return submitIntent(form, intent, schema, write, { to: projectTab(project.key, "plan", anchor), message: () => done });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await request.formData();
  const intent = intentOf(form, PLAN_FORMS);
  return planAction({ request, key: params.key, form, user, intent });
}

export default function ProjectPlan() {
  const { plan, canEdit, people, overdue } = useLoaderData<typeof loader>();
  return <PlanSections plan={plan} canEdit={canEdit} people={people} overdue={overdue} />;
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";

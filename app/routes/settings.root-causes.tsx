// The organisation's root-cause categories (issue 26, item 3): administrators add them and archive
// the ones no longer used. Every COE's root cause names one, so a cause that comes back is seen.
import { getFormProps, getInputProps } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Button, FormErrors, TextField } from "~/components/ui/field";
import { HeadRow } from "~/components/ui/head-row";
import { useIntentForm } from "~/components/ui/intent-form";
import { Section } from "~/components/ui/section";
import { ArchiveCategorySchema, CategoryFormSchema, MigrateSchema } from "~/modules/learning/coe";
import { addCategory, listCategories, migrateCoeDocuments, setCategoryArchived, type MigrationReport } from "~/modules/learning/coe.server";
import type { Person } from "~/modules/people/authorize";
import { requireUserWithPermission } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { dispatchIntent, submitIntent, type IntentAction } from "~/utils/intent.server";

export const meta: MetaFunction = () => [{ title: "Root-cause categories · Gatepath" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, "category:manage");
  const [categories, documents] = await Promise.all([
    listCategories(prisma, { archived: true }),
    prisma.artifact.count({ where: { kind: "coe", state: { not: "withdrawn" }, coeRecord: null } }),
  ]);
  return json({ categories, documents });
}

const INTENTS: Record<string, IntentAction<{ user: Person }>> = {
  add: ({ user }, form, intent) =>
    submitIntent(form, intent, CategoryFormSchema, (v) => addCategory(prisma, user, v), {
      to: "/settings/root-causes",
      message: (v) => `Category "${v.name}" added: COEs can name it now.`,
    }),
  archive: ({ user }, form, intent) =>
    submitIntent(form, intent, ArchiveCategorySchema, (v) => setCategoryArchived(prisma, user, v.categoryId, v.archived === "yes"), {
      to: "/settings/root-causes",
      message: (v) => (v.archived === "yes" ? "Category archived: new root causes no longer name it." : "Category back in use."),
    }),
};

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, "category:manage");
  const form = await request.formData();
  // Making records from old COE documents answers with its report, on this page.
  if (form.get("intent") === "migrate") {
    const parsed = MigrateSchema.safeParse(Object.fromEntries(form));
    if (!parsed.success) return json({ report: null }, { status: 400 });
    const result = await migrateCoeDocuments(prisma, user);
    return json({ report: result.ok ? result.report : null });
  }
  return dispatchIntent(form, INTENTS, { user });
}

function MigrationResult({ report }: { report: MigrationReport }) {
  return (
    <div role="status" className="mt-2 space-y-2 text-sm" data-testid="migration-report">
      <p>
        {report.made.length} COE document{report.made.length === 1 ? "" : "s"} now {report.made.length === 1 ? "has a record" : "have records"};{" "}
        {report.left.length} stay{report.left.length === 1 ? "s" : ""} documents.
      </p>
      {report.left.length > 0 ? (
        <ul className="list-disc pl-5">
          {report.left.map((d) => (
            <li key={d.id}>
              <Link to={`/artifacts/${d.id}`} className="text-brand underline">
                {d.title}
              </Link>
              : {d.reasons.join(" ")}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export default function RootCauseCategories() {
  const { categories, documents } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const report = reply && "report" in reply ? reply.report : null;
  const busy = useNavigation().state === "submitting";
  const add = useIntentForm<{ name: string; description: string }>("add", CategoryFormSchema);
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <h1 className="text-2xl font-bold">Root-cause categories</h1>
      <p className="text-sm text-slate-600">
        Every root cause in a COE&apos;s record names one of these. When a new COE names a category an earlier COE had closed, both are linked and the new one
        is flagged recurring: once fixed, it should remain fixed.
      </p>
      <Section id="add-category" title="New category">
        <Form method="post" className="mt-2 grid gap-3 sm:grid-cols-[1fr_2fr_auto] sm:items-end" {...getFormProps(add.form)}>
          <input type="hidden" name="intent" value="add" />
          <TextField label="Name" errors={add.fields.name.errors} {...getInputProps(add.fields.name, { type: "text" })} id={add.fields.name.id} />
          <TextField
            label="What it covers (optional)"
            errors={add.fields.description.errors}
            {...getInputProps(add.fields.description, { type: "text" })}
            id={add.fields.description.id}
          />
          <Button type="submit" disabled={busy}>
            Add category
          </Button>
          <FormErrors id={add.form.errorId} errors={add.form.errors} />
        </Form>
      </Section>
      <Section id="migrate" title="COE documents without a record">
        <p className="mt-2 text-sm text-slate-600">
          {documents === 0
            ? "Every COE has its record."
            : `${documents} COE document${documents === 1 ? "" : "s"} from before records existed. A document becomes a record when its text gives a number of customers, the start, detection and mitigation with a date and a time, a why-chain, root causes that each name a category, and action items each with one owner and a due date; the others stay documents, and this says why.`}
        </p>
        {documents > 0 ? (
          <Form method="post" className="mt-2">
            <input type="hidden" name="intent" value="migrate" />
            <Button type="submit" variant="secondary" disabled={busy}>
              Make records from COE documents
            </Button>
          </Form>
        ) : null}
        {report ? <MigrationResult report={report} /> : null}
      </Section>
      <Section id="categories" title="Every category">
        {categories.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">
            No categories yet. Add the kinds of cause your COEs find, such as Deployment, Capacity or Configuration.
          </p>
        ) : (
          <table className="mt-2 min-w-full text-sm" data-testid="categories">
            <caption className="sr-only">Root-cause categories</caption>
            <thead className="text-left">
              <HeadRow columns={["Category", "Root causes", "State", { label: <span className="sr-only">Change</span>, className: "py-1" }]} />
            </thead>
            <tbody className="divide-y divide-slate-100">
              {categories.map((c) => (
                <tr key={c.id}>
                  <td className="py-1 pr-3">
                    <span className="font-medium">{c.name}</span>
                    {c.description ? <span className="block text-slate-600">{c.description}</span> : null}
                  </td>
                  <td className="py-1 pr-3 tabular-nums">{c._count.rootCauses}</td>
                  <td className="py-1 pr-3">{c.archivedAt ? "Archived" : "In use"}</td>
                  <td className="py-1">
                    <Form method="post">
                      <input type="hidden" name="intent" value="archive" />
                      <input type="hidden" name="categoryId" value={c.id} />
                      <input type="hidden" name="archived" value={c.archivedAt ? "no" : "yes"} />
                      <Button type="submit" variant="secondary" disabled={busy}>
                        {c.archivedAt ? "Use again" : "Archive"}
                        <span className="sr-only">: {c.name}</span>
                      </Button>
                    </Form>
                  </td>
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

// What to do next where there is nothing yet (issue 27, item 1): on an empty board or table, and
// in an empty My work, say what will be here and link to how to start.
import { Link } from "@remix-run/react";

/** No projects at all (not: none that match a filter). */
export function NoProjectsYet({ canCreate }: { canCreate: boolean }) {
  return (
    <section aria-labelledby="no-projects" className="rounded-lg border border-brand bg-brand-light p-4 text-sm" data-testid="no-projects">
      <h2 id="no-projects" className="font-semibold">
        No projects yet
      </h2>
      {canCreate ? (
        <p className="mt-1">
          A project starts from a customer&rsquo;s problem and walks six gates to adoption.{" "}
          <Link to="/projects/new" className="font-medium text-brand underline">
            Create the first project
          </Link>{" "}
          (or press <kbd className="rounded border border-slate-300 bg-white px-1 font-mono text-xs">c</kbd> anywhere).
        </p>
      ) : (
        <p className="mt-1">Projects appear here once a member creates one. As a viewer you read them all, and can be kept informed as a stakeholder.</p>
      )}
    </section>
  );
}

/** An empty My work: what it will hold, and where to start. */
export function NothingWaits({ canCreate }: { canCreate: boolean }) {
  return (
    <section aria-labelledby="first-steps" className="rounded-lg border border-slate-200 bg-white p-4 text-sm" data-testid="first-steps">
      <h2 id="first-steps" className="font-semibold">
        What will be here
      </h2>
      <ul className="mt-1 list-disc space-y-0.5 pl-5">
        <li>Gate reviews that wait for your signature, once you are named a decider.</li>
        <li>Documents someone asks you to review, and comments that mention you.</li>
        <li>A role to accept or acknowledge, and the dates of your projects coming due.</li>
      </ul>
      <p className="mt-2">
        To start:{" "}
        {canCreate ? (
          <>
            <Link to="/projects/new" className="text-brand underline">
              create a project
            </Link>{" "}
            from a customer&rsquo;s problem, or{" "}
          </>
        ) : null}
        <Link to="/board" className="text-brand underline">
          look at the board
        </Link>{" "}
        and <strong>Watch</strong> a project to be told what happens on it.
      </p>
    </section>
  );
}

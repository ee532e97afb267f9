// Parts of an artifact's page (routes/artifacts+/$id.tsx): a COE's action items, the version
// history with its comparison, and the reviews. Data comes in by props, typed from the page's
// module; this file never imports the route.
import type { SerializeFrom } from "@remix-run/node";
import { Form, Link } from "@remix-run/react";
import { Button, FormErrors, SelectField } from "~/components/ui/field";
import { HeadRow } from "~/components/ui/head-row";
import { Instant } from "~/components/ui/instant";
import { Section } from "~/components/ui/section";
import type { ArtifactPageData } from "~/modules/artifacts/artifact-page.server";
import { formatDay } from "~/utils/dates";

type Page = SerializeFrom<ArtifactPageData>;

/** An instant of the artifact's history, in the person's zone with the time. */
function when(date: string | Date | null) {
  return date ? <Instant value={date} time /> : null;
}

const OUTCOME_NAMES: Record<string, string> = { approved: "Approved", sent_back: "Sent back", superseded: "Replaced by a new request", withdrawn: "Withdrawn" };

/** A COE's action items: read from its record or its text, each marked done or open by those who write it. */
export function ActionItems({
  artifact,
  canWrite,
  busy,
  errors,
}: {
  artifact: Page["artifact"];
  canWrite: boolean;
  busy: boolean;
  errors: string[] | undefined;
}) {
  return (
    <Section id="coe-actions" title="Action items">
      <p className="text-sm text-slate-600" data-testid="coe-record-link">
        {artifact.coeRecord
          ? "Kept in the COE's record, each owned by a person. Open items block Done-Done. "
          : "Read from the document's Action items section on each save. Open items block Done-Done. "}
        <Link to={`/artifacts/${artifact.id}/record`} className="text-brand underline">
          {artifact.coeRecord ? "The COE's record" : "Fill in the COE's record: impact, timeline, why-chains, root causes with their categories"}
        </Link>
        {artifact.coeRecord?.recurring ? <span className="ml-1 font-semibold text-bad">Recurring root cause</span> : null}
      </p>
      <FormErrors errors={errors} />
      {artifact.actionItems.length === 0 ? (
        <p className="mt-2 text-sm">No action items yet.</p>
      ) : (
        <table className="mt-2 min-w-full text-sm">
          <caption className="sr-only">Action items</caption>
          <thead className="text-left">
            <HeadRow
              columns={["Action", "Owner", "Due", "State", ...(canWrite ? [{ label: <span className="sr-only">Change</span>, className: "py-1" }] : [])]}
            />
          </thead>
          <tbody className="divide-y divide-slate-100">
            {artifact.actionItems.map((item) => (
              <tr key={item.id}>
                <td className="py-1 pr-3">
                  {item.title}
                  {item.ticketUrl ? (
                    <>
                      {" "}
                      <a href={item.ticketUrl} className="text-brand underline" rel="noopener noreferrer nofollow">
                        ticket
                      </a>
                    </>
                  ) : null}
                </td>
                <td className="py-1 pr-3">{item.ownerName ?? "No owner"}</td>
                <td className="py-1 pr-3">{item.dueDate ? formatDay(item.dueDate) : "No date"}</td>
                <td className="py-1 pr-3">
                  {item.doneAt ? (
                    <span className="text-ok">Done</span>
                  ) : item.overdue ? (
                    <span className="font-semibold text-bad">
                      <span aria-hidden="true">⚠ </span>Overdue
                    </span>
                  ) : (
                    "Open"
                  )}
                </td>
                {canWrite ? (
                  <td className="py-1">
                    <Form method="post">
                      <input type="hidden" name="intent" value="action_item" />
                      <input type="hidden" name="itemId" value={item.id} />
                      <input type="hidden" name="done" value={item.doneAt ? "false" : "true"} />
                      <Button type="submit" variant="secondary" className="px-2 py-1" disabled={busy}>
                        {item.doneAt ? "Reopen" : "Mark done"}
                        <span className="sr-only">: {item.title}</span>
                      </Button>
                    </Form>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}

/** Every version, a link to each one's changes, and two versions compared (as readers see them, or as Markdown lines). */
export function VersionHistory({ artifact, diff }: { artifact: Page["artifact"]; diff: Page["diff"] }) {
  return (
    <Section id="artifact-history" title="History">
      <ol className="mt-2 space-y-1 text-sm">
        {artifact.versions.map((v) => (
          <li key={v.version}>
            <Link to={`?version=${v.version}`} className="text-brand underline">
              Version {v.version}
            </Link>{" "}
            · {v.author.name} · {when(v.createdAt)} · checks {v.checksPassed ? "pass" : "fail"}
            {v.version === artifact.approvedVersion ? <span className="font-semibold text-ok"> · approved</span> : null}
            {v.version > 1 ? (
              <>
                {" · "}
                <Link to={`?from=${v.version - 1}&to=${v.version}#changes`} className="text-brand underline" aria-label={`Changes in version ${v.version}`}>
                  changes
                </Link>
              </>
            ) : null}
          </li>
        ))}
      </ol>
      {artifact.versions.length > 1 ? (
        <Form method="get" className="mt-3 flex flex-wrap items-end gap-3 text-sm" aria-label="Compare versions">
          <SelectField id="compare-from" name="from" label="Compare version" defaultValue={String(diff?.from ?? artifact.versions[1]!.version)}>
            {artifact.versions.map((v) => (
              <option key={v.version} value={v.version}>
                {v.version}
              </option>
            ))}
          </SelectField>
          <SelectField id="compare-to" name="to" label="with version" defaultValue={String(diff?.to ?? artifact.version)}>
            {artifact.versions.map((v) => (
              <option key={v.version} value={v.version}>
                {v.version}
              </option>
            ))}
          </SelectField>
          <Button type="submit" variant="secondary">
            Compare
          </Button>
        </Form>
      ) : null}
      {diff ? (
        <div className="mt-3 text-sm" data-testid="diff" id="changes">
          <h3 className="font-semibold">
            Changes from version {diff.from} to version {diff.to}
          </h3>
          {diff.title ? (
            <p>
              Title: “{diff.title.before}” → “{diff.title.after}”
            </p>
          ) : null}
          {diff.url ? (
            <p className="break-all">
              Link: {diff.url.before ?? "none"} → {diff.url.after ?? "none"}
            </p>
          ) : null}
          {diff.lines.length === 0 && !diff.title && !diff.url ? <p>No differences.</p> : null}
          {diff.lines.length > 0 ? (
            <p className="mt-1 flex gap-3">
              <Link
                to={`?from=${diff.from}&to=${diff.to}#changes`}
                aria-current={diff.rendered ? "page" : undefined}
                className={diff.rendered ? "font-semibold" : "text-brand underline"}
              >
                As readers see it
              </Link>
              <Link
                to={`?from=${diff.from}&to=${diff.to}&changes=source#changes`}
                aria-current={diff.rendered ? undefined : "page"}
                className={diff.rendered ? "text-brand underline" : "font-semibold"}
              >
                Markdown lines
              </Link>
            </p>
          ) : null}
          {diff.lines.length > 0 && diff.rendered ? (
            <div className="mt-2 space-y-2 rounded border border-slate-200 p-3" data-testid="rendered-diff">
              {diff.rendered.map((c, i) =>
                c.kind === "skipped" ? (
                  <p key={i} className="text-slate-600">
                    … {c.count} unchanged {c.count === 1 ? "paragraph" : "paragraphs"} …
                  </p>
                ) : (
                  <div
                    key={i}
                    data-change={c.kind}
                    className={
                      c.kind === "added" ? "border-l-4 border-ok bg-ok-light pl-2" : c.kind === "removed" ? "border-l-4 border-bad bg-bad-light pl-2" : ""
                    }
                  >
                    {c.kind !== "same" ? <span className="text-xs font-semibold uppercase">{c.kind === "added" ? "Added: " : "Removed: "}</span> : null}
                    <div className={`markdown ${c.kind === "removed" ? "line-through" : ""}`} dangerouslySetInnerHTML={{ __html: c.html }} />
                  </div>
                ),
              )}
            </div>
          ) : null}
          {diff.lines.length > 0 && !diff.rendered ? (
            <pre className="mt-2 overflow-x-auto rounded border border-slate-200 text-xs leading-5">
              {diff.lines.map((line, i) =>
                line.kind === "skipped" ? (
                  <div key={i} className="bg-slate-100 px-2 text-slate-600">
                    … {line.count} unchanged lines …
                  </div>
                ) : (
                  <div key={i} className={`px-2 ${line.kind === "added" ? "bg-ok-light" : line.kind === "removed" ? "bg-bad-light" : ""}`}>
                    <span aria-hidden="true">{line.kind === "added" ? "+ " : line.kind === "removed" ? "- " : "  "}</span>
                    {line.kind !== "same" ? <span className="sr-only">{line.kind === "added" ? "Added: " : "Removed: "}</span> : null}
                    {line.text || " "}
                  </div>
                ),
              )}
            </pre>
          ) : null}
        </div>
      ) : null}
    </Section>
  );
}

/** Who asked whom to review which version, and what they answered. */
export function Reviews({ reviews }: { reviews: Page["artifact"]["reviews"] }) {
  if (reviews.length === 0) return null;
  return (
    <Section id="artifact-reviews" title="Reviews">
      <ul className="mt-2 space-y-2 text-sm">
        {reviews.map((r) => (
          <li key={r.id}>
            Version {r.version}: {r.requestedBy.name} asked {r.reviewer.name} on {when(r.requestedAt)}
            {r.outcome ? (
              <>
                {" "}
                · {OUTCOME_NAMES[r.outcome] ?? r.outcome} {when(r.decidedAt)}
              </>
            ) : (
              " · waiting"
            )}
            {r.comment ? <span className="block whitespace-pre-wrap text-slate-700">“{r.comment}”</span> : null}
          </li>
        ))}
      </ul>
    </Section>
  );
}

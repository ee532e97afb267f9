// The artifact form: a title and either a link or a Markdown body. For a document, the outline
// and the template's structural checks are shown beside it and follow the text as it is typed
// (the same pure checks the server runs on save). Without JavaScript the form still posts and
// the page shows the checks of the text it was rendered with.
import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { usePageForm } from "~/components/ui/intent-form";
import { Form, useLocation } from "@remix-run/react";
import { Instant } from "~/components/ui/instant";
import { AutosaveStatus, useAutosave, type DraftTarget } from "~/components/editor/autosave";
import type { ZodTypeAny } from "zod";
import { useDeferredValue, useId, useMemo, useRef, useState } from "react";
import { CheckMark } from "~/components/ui/badges";
import { Button, FormErrors, TextField } from "~/components/ui/field";
import { outline, runChecks, type CoeRecordFacts } from "~/modules/artifacts/checks";
import { ArtifactCreateSchema, ArtifactEditSchema, MAX_BODY_BYTES } from "~/modules/artifacts/artifact-form";
import { sectionAt, templateFor } from "~/modules/artifacts/templates";
import { BodyEditor, SHORTCUT_HINT, usePreview } from "~/components/editor/body-editor";
import type { ArtifactKind } from "~/modules/lifecycle/stages";

type Props = {
  kind: ArtifactKind;
  mode: "link" | "document";
  defaultTitle: string;
  defaultUrl?: string;
  defaultBody?: string;
  people: string[];
  /** The action's reply to the last post: errors by field and the text as it was sent. */
  lastResult: SubmissionResult<string[]> | undefined;
  /** Which form this is: a new artifact or a new version of one (the schemas the action parses with). */
  purpose: "create" | "edit";
  submitLabel: string;
  busy: boolean;
  /** Extra hidden fields: kind, stage and mode when creating, the version when editing. */
  hidden: Record<string, string | number>;
  /** The preview the server rendered for the Preview button (before JavaScript loads). */
  initialPreview?: string | null;
  /** Where drafts are kept as one types, and when the text shown was restored from one. */
  draft?: DraftTarget & { restoredAt: string | null; note?: string | null };
  /** A COE's record, when it has one: its checks read the record's parts. */
  coe?: CoeRecordFacts;
};

/** What was sent back for a field, when it was one piece of text (a crafted post can send a list or an object). */
const text = (value: unknown) => (typeof value === "string" ? value : undefined);

export function ArtifactEditor({
  kind,
  mode,
  defaultTitle,
  defaultUrl,
  defaultBody,
  people,
  lastResult,
  purpose,
  submitLabel,
  busy,
  hidden,
  initialPreview,
  draft,
  coe,
}: Props) {
  const schema: ZodTypeAny = purpose === "create" ? ArtifactCreateSchema : ArtifactEditSchema;
  const [form, fields] = usePageForm<Record<"title" | "url" | "body", string>>(schema, {
    id: `artifact-${purpose}`,
    lastResult,
    defaultValue: { title: defaultTitle, url: defaultUrl, body: defaultBody },
  });
  // The body is controlled (the checks follow it as it is typed); it starts from what was sent last.
  const [body, setBody] = useState(text(fields.body.initialValue) ?? defaultBody ?? "");
  const deferred = useDeferredValue(body);
  const results = useMemo(() => (mode === "document" ? runChecks(kind, deferred, { people, coe }) : []), [kind, mode, deferred, people, coe]);
  const sections = useMemo(() => (mode === "document" ? outline(kind, deferred, Boolean(coe)) : []), [kind, mode, deferred, coe]);
  const template = templateFor(kind);
  const [caret, setCaret] = useState(0);
  const current = useMemo(() => (mode === "document" ? sectionAt(kind, deferred, caret) : null), [kind, mode, deferred, caret]);
  const preview = usePreview(mode === "document" ? deferred : "", initialPreview);
  const passing = results.filter((r) => r.passed).length;
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const autosave = useAutosave(mode === "document" && draft ? draft : null, formRef, body);
  const location = useLocation();
  const bodyErrors = fields.body.errors;
  return (
    <>
      {draft?.restoredAt ? (
        <Form
          method="post"
          action="/artifacts/drafts"
          className="flex flex-wrap items-center gap-3 rounded bg-warn-light px-3 py-2 text-sm"
          data-testid="draft-restored"
        >
          <p>
            Restored your unsaved draft from <Instant value={draft.restoredAt} time />.{draft.note ? ` ${draft.note}` : ""}
          </p>
          <input type="hidden" name="intent" value="discard" />
          <input type="hidden" name="key" value={draft.key} />
          <input type="hidden" name="redirectTo" value={`${location.pathname}${location.search}`} />
          <Button type="submit" variant="secondary" className="px-2 py-1">
            Discard the draft
          </Button>
        </Form>
      ) : null}
      <Form method="post" ref={formRef} className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]" aria-label={submitLabel} {...getFormProps(form)}>
        <div className="space-y-4">
          <FormErrors errors={form.errors} />
          {Object.entries(hidden).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          <TextField
            id={`${id}-title`}
            name="title"
            label="Title"
            defaultValue={text(fields.title.initialValue)}
            required
            maxLength={200}
            errors={fields.title.errors}
          />
          {mode === "link" ? (
            <TextField
              id={`${id}-url`}
              name="url"
              type="url"
              label="Link"
              hint="A full http:// or https:// address of the document, dashboard, repository or ticket."
              defaultValue={text(fields.url.initialValue)}
              required
              errors={fields.url.errors}
            />
          ) : (
            <BodyEditor
              id={id}
              body={body}
              setBody={setBody}
              setCaret={setCaret}
              errors={bodyErrors}
              hint={`${template ? `${template.summary} ` : ""}At most ${MAX_BODY_BYTES / 1024} KB. ${SHORTCUT_HINT}`}
              guidance={current}
              preview={preview}
            />
          )}
          <div className="flex flex-wrap gap-2">
            <Button type="submit" disabled={busy}>
              {busy ? "Saving…" : submitLabel}
            </Button>
            {mode === "document" ? (
              // The preview without JavaScript: the server renders what was sent and saves nothing.
              <Button type="submit" name="intent" value="preview" variant="secondary" formNoValidate disabled={busy}>
                Preview
              </Button>
            ) : null}
          </div>
          {mode === "document" && draft ? <AutosaveStatus state={autosave} /> : null}
        </div>

        {mode === "document" ? (
          <aside className="space-y-4 text-sm" aria-label="Outline and checks">
            {results.length > 0 ? (
              <section aria-labelledby={`${id}-checks`} className="rounded-lg border border-slate-200 bg-white p-3">
                <h2 id={`${id}-checks`} className="font-semibold">
                  Checks
                </h2>
                <p className="text-slate-600" aria-live="polite" data-testid="checks-summary">
                  {passing} of {results.length} pass{passing === results.length ? ": this document counts at the gate once approved." : "."}
                </p>
                <ul className="mt-2 space-y-2">
                  {results.map((r) => (
                    <li key={r.key} data-check={r.key} data-passed={r.passed}>
                      <CheckMark passed={r.passed} /> <span className="font-medium">{r.label}</span>
                      <span className="block text-xs text-slate-600">{r.detail}</span>
                    </li>
                  ))}
                </ul>
              </section>
            ) : (
              <p className="rounded-lg border border-slate-200 bg-white p-3 text-slate-600">
                This kind has no template checks: it counts once it has content and is approved.
              </p>
            )}
            {sections.length > 0 ? (
              <section aria-labelledby={`${id}-outline`} className="rounded-lg border border-slate-200 bg-white p-3">
                <h2 id={`${id}-outline`} className="font-semibold">
                  Outline
                </h2>
                <ol className="mt-2 space-y-1">
                  {sections.map((s) => (
                    <li key={`${s.depth}-${s.title}`} className={s.depth > 2 ? "ml-4" : ""} aria-current={current?.title === s.title ? "true" : undefined}>
                      <CheckMark passed={s.filled || s.optional || s.inRecord} /> {s.title}
                      <span className="text-xs text-slate-500">
                        {" "}
                        · {s.inRecord ? "in the record" : s.present ? `${s.words} words` : "missing"}
                        {s.optional ? " · optional" : ""}
                      </span>
                      {current?.title === s.title ? <span className="block text-xs text-slate-700">{s.guidance}</span> : null}
                    </li>
                  ))}
                </ol>
              </section>
            ) : null}
          </aside>
        ) : null}
      </Form>
    </>
  );
}

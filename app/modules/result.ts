// The one result type for module calls that can be refused (issue 11): ok with what was made,
// or a refusal with the status it maps to, a message for a person, the form field it concerns
// (when there is one) and, when several things are wrong at once, each problem with its code
// and field. Routes map a refusal to a response in one place (answerRefusal in
// utils/http.server.ts). Pure: the lifecycle and artifact cores use it too.

export type RefusalStatus = 400 | 403 | 404 | 409;

/** One thing wrong: a stable code for tests and the audit trail, the field it concerns (null: the whole form) and a message. */
export type Problem = { code: string; field: string | null; message: string };

export type Refusal = { ok: false; status: RefusalStatus; field?: string; message: string; problems?: Problem[] };

export type Result<T extends object = object> = ({ ok: true } & T) | Refusal;

export function refuse(status: RefusalStatus, message: string, field?: string): Refusal {
  return field ? { ok: false, status, message, field } : { ok: false, status, message };
}

/** A refusal for several problems at once; its message is theirs, joined. */
export function refuseAll(status: RefusalStatus, problems: Problem[]): Refusal {
  return { ok: false, status, message: problems.map((p) => p.message).join(" "), problems };
}

/** Problems grouped by form field (null: the form as a whole), as conform's reply takes them. */
export function problemsToErrors(problems: readonly { field: string | null; message: string }[]) {
  const fieldErrors: Record<string, string[]> = {};
  const formErrors: string[] = [];
  for (const p of problems) {
    if (p.field === null) formErrors.push(p.message);
    else (fieldErrors[p.field] ??= []).push(p.message);
  }
  return { fieldErrors, formErrors };
}

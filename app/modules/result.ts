// The one result type for module calls that can be refused (issue 11): ok with what was made,
// or a refusal with the status it maps to, the form field it concerns (when there is one) and a
// message for a person. Routes map a refusal to a response in one place (utils/http.server.ts).
// Pure: the lifecycle and artifact cores use it too.

export type RefusalStatus = 400 | 403 | 404 | 409;

export type Refusal = { ok: false; status: RefusalStatus; field?: string; message: string };

export type Result<T extends object = object> = ({ ok: true } & T) | Refusal;

export function refuse(status: RefusalStatus, message: string, field?: string): Refusal {
  return field ? { ok: false, status, message, field } : { ok: false, status, message };
}

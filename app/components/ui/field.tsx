import type { InputHTMLAttributes, ReactNode, Ref, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";

type Errors = string[] | undefined;

export function FieldErrors({ id, errors }: { id: string; errors: Errors }) {
  if (!errors?.length) return null;
  return (
    <ul id={id} className="mt-1 space-y-0.5 text-sm text-bad" aria-live="polite">
      {errors.map((e) => (
        <li key={e}>
          <span aria-hidden="true">⚠ </span>
          {e}
        </li>
      ))}
    </ul>
  );
}

const control = "mt-1 block w-full rounded border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm aria-[invalid=true]:border-bad";

type Common = { label: ReactNode; errors?: Errors; hint?: ReactNode; id: string };

function Described({ id, hint, errors, label, children }: Common & { children: ReactNode }) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      {children}
      <FieldErrors id={`${id}-error`} errors={errors} />
    </div>
  );
}

function aria(id: string, hint: ReactNode, errors: Errors) {
  const describedBy = [hint ? `${id}-hint` : null, errors?.length ? `${id}-error` : null].filter(Boolean).join(" ");
  return { "aria-invalid": errors?.length ? true : undefined, "aria-describedby": describedBy || undefined };
}

export function TextField({ label, errors, hint, id, className = "", ...props }: Common & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <Described id={id} label={label} errors={errors} hint={hint}>
      <input id={id} className={`${control} ${className}`} {...aria(id, hint, errors)} {...props} />
    </Described>
  );
}

export function TextAreaField({
  label,
  errors,
  hint,
  id,
  className = "",
  textareaRef,
  ...props
}: Common & TextareaHTMLAttributes<HTMLTextAreaElement> & { textareaRef?: Ref<HTMLTextAreaElement> }) {
  return (
    <Described id={id} label={label} errors={errors} hint={hint}>
      <textarea id={id} ref={textareaRef} className={`${control} ${className}`} rows={3} {...aria(id, hint, errors)} {...props} />
    </Described>
  );
}

export function SelectField({ label, errors, hint, id, children, ...props }: Common & SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <Described id={id} label={label} errors={errors} hint={hint}>
      <select id={id} className={control} {...aria(id, hint, errors)} {...props}>
        {children}
      </select>
    </Described>
  );
}

export function Button({
  variant = "primary",
  className = "",
  ...props
}: React.ButtonHTMLAttributes<HTMLButtonElement> & { variant?: "primary" | "secondary" }) {
  const styles =
    variant === "primary"
      ? "bg-brand text-white hover:bg-brand-dark disabled:opacity-60"
      : "border border-slate-300 bg-white text-slate-800 hover:bg-slate-100";
  return <button className={`rounded px-4 py-2 text-sm font-medium ${styles} ${className}`} {...props} />;
}

/** Errors about the form as a whole (a conflict, a refusal), announced to screen readers. */
export function FormErrors({ id, errors }: { id?: string; errors: string[] | undefined }) {
  if (!errors?.length) return null;
  return (
    <div id={id} role="alert" className="rounded bg-bad-light px-3 py-2 text-sm text-bad">
      {errors.map((e) => (
        <p key={e}>
          <span aria-hidden="true">⚠ </span>
          {e}
        </p>
      ))}
    </div>
  );
}

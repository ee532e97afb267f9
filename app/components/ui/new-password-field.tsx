// The field where someone chooses a password (setup, sign-up, profile): the browser's password
// manager is told it is new, and the policy is said before it is enforced.
import { getInputProps, type FieldMetadata } from "@conform-to/react";
import { TextField } from "~/components/ui/field";

export const PASSWORD_POLICY_HINT = "12 characters or more, hard to guess: a few uncommon words work well; not your name, email or the organisation's name.";

export function NewPasswordField({ meta, label = "Password", hint = PASSWORD_POLICY_HINT }: { meta: FieldMetadata<string>; label?: string; hint?: string }) {
  return <TextField label={label} autoComplete="new-password" hint={hint} errors={meta.errors} {...getInputProps(meta, { type: "password" })} id={meta.id} />;
}

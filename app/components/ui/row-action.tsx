// A one-button form at the end of a table row (revoke, deactivate...): it posts its intent and the
// row's id, and its accessible name says which row it acts on.
import { Form } from "@remix-run/react";
import { Button } from "~/components/ui/field";

export function RowAction({ intent, fields, label, row, busy }: { intent: string; fields: Record<string, string>; label: string; row: string; busy: boolean }) {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <Button type="submit" variant="secondary" className="px-2 py-1" disabled={busy}>
        {label}
        <span className="sr-only"> {row}</span>
      </Button>
    </Form>
  );
}

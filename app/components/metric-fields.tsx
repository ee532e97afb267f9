// The fields of a metric definition, for adding one (project metrics page) and editing one.
import { useId } from "react";
import { SelectField, TextAreaField, TextField } from "~/components/ui/field";

export type MetricDefaults = {
  name?: string;
  definition?: string;
  ownerId?: string | null;
  kind?: "input" | "output";
  unit?: string;
  isRate?: boolean;
  allowsNegative?: boolean;
  aggregate?: "sum" | "mean";
  direction?: "higher" | "lower";
  target?: number | null;
  cadence?: "daily" | "weekly" | "monthly";
  drives?: string[];
};

type Props = {
  defaults?: MetricDefaults;
  errors?: Record<string, string[] | undefined>;
  people: { id: string; name: string }[];
  outputs: { id: string; name: string }[];
};

export function MetricFields({ defaults = {}, errors = {}, people, outputs }: Props) {
  const id = useId();
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <TextField id={`${id}-name`} name="name" label="Name" defaultValue={defaults.name} required errors={errors.name} />
      <SelectField id={`${id}-kind`} name="kind" label="Kind" defaultValue={defaults.kind ?? "input"} errors={errors.kind}>
        <option value="input">Input (the team controls it)</option>
        <option value="output">Output (what customers and the business see)</option>
      </SelectField>
      <div className="sm:col-span-2">
        <TextAreaField
          id={`${id}-definition`}
          name="definition"
          label="Definition"
          hint="How it is measured, from which source."
          defaultValue={defaults.definition}
          required
          errors={errors.definition}
        />
      </div>
      <TextField id={`${id}-unit`} name="unit" label="Unit" hint="count, %, ms, €…" defaultValue={defaults.unit} required errors={errors.unit} />
      <div className="flex items-end">
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="isRate" defaultChecked={defaults.isRate} /> A rate (a share of 1; compared in basis points)
        </label>
        <label className="ml-4 flex items-center gap-2 text-sm">
          <input type="checkbox" name="allowsNegative" defaultChecked={defaults.allowsNegative} /> Values can be negative (a change, a balance)
        </label>
      </div>
      <SelectField id={`${id}-direction`} name="direction" label="Better when" defaultValue={defaults.direction ?? "higher"} errors={errors.direction}>
        <option value="higher">Higher</option>
        <option value="lower">Lower</option>
      </SelectField>
      <TextField
        id={`${id}-target`}
        name="target"
        label="Target"
        hint="A number; a rate's target is a share of 1, like 0.95."
        inputMode="decimal"
        defaultValue={defaults.target ?? ""}
        errors={errors.target}
      />
      <SelectField id={`${id}-cadence`} name="cadence" label="Cadence" defaultValue={defaults.cadence ?? "weekly"} errors={errors.cadence}>
        <option value="daily">Daily</option>
        <option value="weekly">Weekly</option>
        <option value="monthly">Monthly</option>
      </SelectField>
      <SelectField id={`${id}-aggregate`} name="aggregate" label="Over a month or a year" defaultValue={defaults.aggregate ?? "sum"} errors={errors.aggregate}>
        <option value="sum">Values add up (counts, money)</option>
        <option value="mean">Values average (rates, times)</option>
      </SelectField>
      <SelectField id={`${id}-owner`} name="ownerId" label="Owner" defaultValue={defaults.ownerId ?? ""} errors={errors.ownerId}>
        <option value="">No owner yet</option>
        {people.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </SelectField>
      {outputs.length > 0 ? (
        <fieldset className="sm:col-span-2">
          <legend className="text-sm font-medium text-slate-800">Drives these outputs (inputs only)</legend>
          <div className="mt-1 flex flex-wrap gap-4 text-sm">
            {outputs.map((o) => (
              <label key={o.id} className="flex items-center gap-1.5">
                <input type="checkbox" name="drives" value={o.id} defaultChecked={defaults.drives?.includes(o.id)} /> {o.name}
              </label>
            ))}
          </div>
          {errors.drives ? <p className="text-sm text-bad">{errors.drives.join(" ")}</p> : null}
        </fieldset>
      ) : null}
    </div>
  );
}

import {
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
  useState,
} from 'react';
import { Field } from './ui.js';

type Bound<V> = { label: string; hint?: ReactNode; value: V; onChange: (value: V) => void };
type Native<E> = Omit<E, 'id' | 'value' | 'onChange' | 'aria-describedby'>;

/** A labelled input; its hint, when it has one, describes it. */
export function TextField({
  label,
  hint,
  value,
  onChange,
  ...input
}: Bound<string> & Native<InputHTMLAttributes<HTMLInputElement>>) {
  return (
    <Field label={label} hint={hint}>
      {(id, hintId) => (
        <input
          id={id}
          aria-describedby={hintId}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          {...input}
        />
      )}
    </Field>
  );
}

export function TextAreaField({
  label,
  hint,
  value,
  onChange,
  ...textarea
}: Bound<string> & Native<TextareaHTMLAttributes<HTMLTextAreaElement>>) {
  return (
    <Field label={label} hint={hint}>
      {(id, hintId) => (
        <textarea
          id={id}
          aria-describedby={hintId}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          {...textarea}
        />
      )}
    </Field>
  );
}

/** A labelled select of known values (an enum of the spec), each with its label. */
export function SelectField<V extends string>({
  label,
  hint,
  value,
  onChange,
  options,
  ...select
}: Bound<V> & {
  options: ReadonlyArray<readonly [V, string]>;
} & Native<SelectHTMLAttributes<HTMLSelectElement>>) {
  return (
    <Field label={label} hint={hint}>
      {(id, hintId) => (
        <select
          id={id}
          aria-describedby={hintId}
          value={value}
          // The options are `V`s, so the chosen value is one.
          onChange={(e) => onChange(e.target.value as V)}
          {...select}
        >
          {options.map(([option, text]) => (
            <option key={option} value={option}>
              {text}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** `[value, label]` pairs where the label is the value itself. */
export const asOptions = <V extends string>(values: readonly V[]) =>
  values.map((v) => [v, v] as const);

/** A form's values, and `bind(key)`: the `value` and `onChange` of the field that edits one. */
export function useFormState<F extends object>(initial: F) {
  const [form, setForm] = useState(initial);
  const bind = <K extends keyof F>(key: K) => ({
    value: form[key],
    onChange: (value: F[K]) => setForm((current) => ({ ...current, [key]: value })),
  });
  return { form, setForm, bind };
}

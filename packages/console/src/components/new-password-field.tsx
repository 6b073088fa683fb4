import { Field } from './ui.js';

/** The "choose a new password" field of the pages an emailed link opens. */
export function NewPasswordField(props: {
  hint: string;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <Field label="New password" hint={props.hint}>
      {(id, hint) => (
        <input
          id={id}
          type="password"
          autoComplete="new-password"
          value={props.value}
          onChange={(e) => props.onChange(e.target.value)}
          aria-describedby={hint}
          required
        />
      )}
    </Field>
  );
}

import { TextField } from './fields.js';

/** The "choose a new password" field of the account page and the pages an emailed link opens. */
export function NewPasswordField(props: {
  hint: string;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <TextField
      label="New password"
      type="password"
      autoComplete="new-password"
      required
      {...props}
    />
  );
}

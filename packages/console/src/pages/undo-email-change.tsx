import { type FormEvent, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../api.js';
import { AuthFrame } from '../components/auth-frame.js';
import { NewPasswordField } from '../components/new-password-field.js';
import { OutcomeNotice } from '../components/ui.js';
import { useAction } from '../components/use-action.js';

/**
 * The link in the notice an address gets when someone asks to replace it. Whoever made the
 * change knew the password, so taking the address back sets a new one (ADR 16).
 */
export function UndoEmailChangePage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [password, setPassword] = useState('');
  const undo = useAction({
    run: (new_password: string) => api.post('/v1/auth/email-change/undo', { token, new_password }),
    success:
      'This address is yours again and every session has ended. Log in with the new password.',
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    undo.run(password);
  };
  return (
    <AuthFrame title="Keep your email address" footer={<Link to="/login">Back to log in</Link>}>
      <p>
        Someone asked to change the address you log in with. Taking it back drops the change, logs
        everyone out, and needs a new password: whoever made the change knew your old one.
      </p>
      <form onSubmit={submit}>
        <NewPasswordField hint="At least 10 characters." value={password} onChange={setPassword} />
        <button type="submit" disabled={undo.pending || !token}>
          Take my address back
        </button>
        <OutcomeNotice outcome={undo.outcome} />
      </form>
    </AuthFrame>
  );
}

import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, ok } from '../api.js';
import { ActionForm } from '../components/action-form.js';
import { AuthFrame } from '../components/auth-frame.js';
import { NewPasswordField } from '../components/new-password-field.js';
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
    run: (new_password: string) =>
      ok(api.POST('/v1/auth/email-change/undo', { body: { token, new_password } })),
    success:
      'This address is yours again and every session has ended. Log in with the new password.',
  });
  return (
    <AuthFrame title="Keep your email address" footer={<Link to="/login">Back to log in</Link>}>
      <p>
        Someone asked to change the address you log in with. Taking it back drops the change, logs
        everyone out, and needs a new password: whoever made the change knew your old one.
      </p>
      <ActionForm
        layout="plain"
        action={undo}
        onSubmit={() => undo.run(password)}
        submit="Take my address back"
        disabled={!token}
      >
        <NewPasswordField hint="At least 10 characters." value={password} onChange={setPassword} />
      </ActionForm>
    </AuthFrame>
  );
}

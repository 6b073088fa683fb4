import { useEffect, useRef, useState } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { ApiError, api, ok, type Schemas } from '../api.js';
import { ActionForm } from '../components/action-form.js';
import { AuthFrame } from '../components/auth-frame.js';
import { TextField } from '../components/fields.js';
import { Field } from '../components/ui.js';
import { useSession } from '../session.js';
import { useFieldAction } from './two-factor-refusal.js';

const CODE_REFUSALS = {
  // Not a refusal: the code step asks for it.
  two_factor_required: { field: null },
  two_factor_invalid: {
    field: 'two_factor_code',
    text: 'That code is not right, or that recovery code was used already. Type the code your app shows now; if it keeps failing, check that the clock of your phone is right.',
  },
};

export function LogInPage() {
  const { session, setSession } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from ?? '/';
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  // A user with two-factor sign-in: the same email and password again, with a code.
  const [step, setStep] = useState<'password' | 'code'>('password');
  const [code, setCode] = useState('');
  const codeInput = useRef<HTMLInputElement>(null);
  const logIn = useFieldAction(CODE_REFUSALS, {
    run: (body: Schemas['LogInRequest']) =>
      ok(api.POST('/v1/auth/login', { body })).catch((error: unknown) => {
        if (error instanceof ApiError && error.code === 'two_factor_required') setStep('code');
        throw error;
      }),
    success: 'Logged in.',
    onDone: (next) => {
      setSession(next);
      void navigate(from);
    },
  });
  // The new field takes the focus, so the form's change is heard as well as seen.
  useEffect(() => {
    if (step === 'code') codeInput.current?.focus();
  }, [step]);
  if (session && !logIn.pending && !logIn.outcome) return <Navigate to="/" replace />;
  const outcome = logIn.outcome;
  // Asked for a code: the code step says so itself.
  const asked = outcome?.ok === false && outcome.code === 'two_factor_required';
  const mark = logIn.marked('two_factor_code');
  const backToPassword = () => {
    setStep('password');
    setPassword('');
    setCode('');
    logIn.reset();
  };
  return (
    <AuthFrame
      title={step === 'code' ? 'Two-factor sign-in' : 'Log in'}
      footer={
        <p>
          New to Herald? <Link to="/signup">Create an account</Link> ·{' '}
          <Link to="/reset-password">Forgot your password?</Link>
        </p>
      }
    >
      {step === 'code' ? (
        <ActionForm
          layout="plain"
          action={logIn}
          onSubmit={() => logIn.run({ email, password, two_factor_code: code.replace(/\s+/g, '') })}
          submit="Log in"
          pendingLabel="Logging in…"
          outcome={asked ? null : outcome}
          more={
            <button type="button" className="secondary" onClick={backToPassword}>
              Back
            </button>
          }
        >
          <p className="muted">
            {email} signs in with two factors: open your authenticator app and type the 6-digit code
            it shows for Herald. Without your phone, type one of your recovery codes.
          </p>
          <Field label="Code from your authenticator app (or a recovery code)" hint={mark.hint}>
            {(id, describedBy) => (
              <input
                id={id}
                ref={codeInput}
                aria-describedby={describedBy}
                aria-invalid={mark['aria-invalid']}
                value={code}
                onChange={(e) => setCode(e.target.value)}
                required
                autoComplete="one-time-code"
                autoCapitalize="none"
                spellCheck={false}
                minLength={6}
                maxLength={20}
              />
            )}
          </Field>
        </ActionForm>
      ) : (
        <ActionForm
          layout="plain"
          action={logIn}
          onSubmit={() => logIn.run({ email, password })}
          submit="Log in"
          pendingLabel="Logging in…"
        >
          <TextField
            label="Email"
            type="email"
            value={email}
            onChange={setEmail}
            required
            autoComplete="username"
          />
          <TextField
            label="Password"
            type="password"
            value={password}
            onChange={setPassword}
            required
            autoComplete="current-password"
          />
        </ActionForm>
      )}
    </AuthFrame>
  );
}

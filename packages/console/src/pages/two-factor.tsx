import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { ApiError, api, ok, type Schemas } from '../api.js';
import { ActionButton } from '../components/action-button.js';
import { ActionForm } from '../components/action-form.js';
import { CopyButton } from '../components/copy-button.js';
import { TextField } from '../components/fields.js';
import { Section } from '../components/section.js';
import { Badge, OutcomeNotice, QueryView } from '../components/ui.js';
import { useAction } from '../components/use-action.js';
import { REFUSAL_TEXTS, useFieldAction } from './two-factor-refusal.js';

const CONFIRM_REFUSALS = {
  two_factor_invalid: { field: 'code', text: REFUSAL_TEXTS.two_factor_invalid },
  two_factor_not_started: { field: 'code', text: REFUSAL_TEXTS.two_factor_not_started },
};
const TURN_OFF_REFUSALS = {
  password_incorrect: { field: 'password', text: REFUSAL_TEXTS.password_incorrect },
};
/** What changes with two-factor sign-in: the profile, the session's copy of it, the audit log. */
const TOUCHED = [['me'], ['session'], ['audit']];

/** The base32 secret in groups of four, for reading it off the screen into an app. */
const grouped = (secret: string) => secret.match(/.{1,4}/g)?.join(' ') ?? secret;

/**
 * Two-factor sign-in (TOTP) for the person logged in: turned on by proving an authenticator app
 * has the secret, which gives ten recovery codes shown once; turned off with the password.
 */
export function TwoFactorSection() {
  const client = useQueryClient();
  const me = useQuery({ queryKey: ['me'], queryFn: () => ok(api.GET('/v1/me')) });
  // The secret waiting for a code from the app, and then the recovery codes: both live only
  // on this page, as the API shows each once.
  const [setup, setSetup] = useState<Schemas['TwoFactorSetup'] | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const start = useAction({
    run: () =>
      ok(api.POST('/v1/me/two-factor')).catch((error: unknown) => {
        // On already (elsewhere): the page catches up.
        if (error instanceof ApiError && error.code === 'two_factor_already_on')
          void client.invalidateQueries({ queryKey: ['me'] });
        throw error;
      }),
    success: 'Add the key to your app, then confirm a code from it.',
    onDone: (next) => {
      setSetup(next);
      setCode('');
      turnOff.reset();
    },
  });
  const confirm = useFieldAction(CONFIRM_REFUSALS, {
    run: (body: Schemas['TwoFactorConfirmRequest']) =>
      ok(api.POST('/v1/me/two-factor/confirm', { body })),
    success: 'Two-factor sign-in is on.',
    invalidate: TOUCHED,
    onDone: (enabled) => {
      setCodes(enabled.recovery_codes);
      setSetup(null);
    },
  });
  const turnOff = useFieldAction(TURN_OFF_REFUSALS, {
    run: (body: Schemas['TwoFactorDisableRequest']) =>
      ok(api.DELETE('/v1/me/two-factor', { body })),
    success: 'Two-factor sign-in is off: logging in needs only your password now.',
    invalidate: TOUCHED,
    onDone: () => setPassword(''),
  });
  const cancel = () => {
    setSetup(null);
    confirm.reset();
  };
  return (
    <Section title="Two-factor sign-in" card id="two-factor">
      <QueryView query={me}>
        {(profile) => (
          <>
            {profile.two_factor ? (
              <p>
                <Badge tone="good">On</Badge> Logging in needs your password and a code from your
                authenticator app.
              </p>
            ) : (
              <p>
                <Badge>Off</Badge> Logging in needs only your password. With two-factor sign-in,
                someone who learns it still cannot log in without your phone.
              </p>
            )}
            {codes ? (
              <RecoveryCodes codes={codes} onSaved={() => setCodes(null)} />
            ) : profile.two_factor ? (
              <ActionForm
                layout="stack"
                action={turnOff}
                onSubmit={() => turnOff.run({ password })}
                submit="Turn off two-factor sign-in"
                submitClass="danger"
              >
                <TextField
                  label="Your password"
                  type="password"
                  autoComplete="current-password"
                  value={password}
                  onChange={setPassword}
                  required
                  {...turnOff.marked('password', 'Turning it off needs your password.')}
                />
              </ActionForm>
            ) : setup ? (
              <SetupSteps setup={setup}>
                <ActionForm
                  layout="row"
                  action={confirm}
                  onSubmit={() => confirm.run({ code: code.replace(/\s+/g, '') })}
                  submit="Confirm"
                  pendingLabel="Confirming…"
                  more={
                    <button type="button" className="secondary" onClick={cancel}>
                      Cancel
                    </button>
                  }
                >
                  <TextField
                    label="6-digit code from the app"
                    value={code}
                    onChange={setCode}
                    required
                    inputMode="numeric"
                    autoComplete="one-time-code"
                    pattern="\s*([0-9]\s*){6}"
                    maxLength={7}
                    {...confirm.marked('code')}
                  />
                </ActionForm>
              </SetupSteps>
            ) : (
              <>
                <ActionButton onClick={() => start.run(undefined)} disabled={start.pending}>
                  Turn on two-factor sign-in
                </ActionButton>
                {/* Why it could not start, or that it was just turned off. */}
                <OutcomeNotice
                  outcome={start.outcome?.ok === false ? start.outcome : turnOff.outcome}
                />
              </>
            )}
          </>
        )}
      </QueryView>
    </Section>
  );
}

/** The secret for the app, as a link and as text, then (the children) the form to confirm it. */
function SetupSteps({
  setup,
  children,
}: {
  setup: Schemas['TwoFactorSetup'];
  children: ReactNode;
}) {
  return (
    <ol className="two-factor-steps">
      <li>
        <p>
          <a href={setup.otpauth_url}>Open in your authenticator app</a> — on a phone with one
          (Google Authenticator, 1Password, Aegis…), the link adds Herald to it. Elsewhere, type
          this key into the app:
        </p>
        <div className="secret-row">
          <code className="two-factor-secret" data-testid="two-factor-secret">
            {grouped(setup.secret)}
          </code>
          <CopyButton value={setup.secret} label="Copy the key" />
        </div>
      </li>
      <li>
        <p>Type the code the app now shows for Herald. Nothing changes until it is confirmed.</p>
        {children}
      </li>
    </ol>
  );
}

function RecoveryCodes({ codes, onSaved }: { codes: string[]; onSaved: () => void }) {
  return (
    <div className="secret recovery-codes">
      <p role="status">
        <strong>Two-factor sign-in is on. Save these ten recovery codes now:</strong> they are shown
        this once, and Herald keeps only their hashes. If you lose your phone, each code logs you in
        once, in place of a code from the app.
      </p>
      <ul aria-label="Recovery codes">
        {codes.map((c) => (
          <li key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ul>
      <div className="button-row">
        <CopyButton value={codes.join('\n')} label="Copy the codes" />
        <button type="button" className="secondary small" onClick={onSaved}>
          I have saved them
        </button>
      </div>
    </div>
  );
}

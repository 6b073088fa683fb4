import { Link, useSearchParams } from 'react-router';
import { api, ok } from '../api.js';
import { ActionButton } from '../components/action-button.js';
import { AuthFrame } from '../components/auth-frame.js';
import { OutcomeNotice } from '../components/ui.js';
import { useAction } from '../components/use-action.js';
import { useSession } from '../session.js';

export function VerifyEmailPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const { refresh } = useSession();
  const verify = useAction({
    run: () => ok(api.POST('/v1/auth/email-verification/confirm', { body: { token } })),
    success: (profile) => `${profile.email} is verified.`,
    onDone: () => void refresh(),
  });
  return (
    <AuthFrame title="Verify your email" footer={<Link to="/">Go to the console</Link>}>
      {token ? (
        <>
          <p>Confirm that this address is yours.</p>
          <ActionButton
            onClick={() => verify.run(undefined)}
            disabled={verify.pending || verify.outcome?.ok}
          >
            Verify my email
          </ActionButton>
        </>
      ) : (
        <p role="alert" className="notice error">
          This link has no token. Open the link from the email again.
        </p>
      )}
      <OutcomeNotice outcome={verify.outcome} />
    </AuthFrame>
  );
}

import { useQuery } from '@tanstack/react-query';
import { Link, Navigate, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { api, ok, type Schemas } from '../api.js';
import { useSession } from '../session.js';
import { PrivacyFooter } from './privacy-footer.js';
import { errorText } from './ui.js';
import { useAction } from './use-action.js';

const NAV: Array<{ to: string; label: string; permission?: Schemas['Permission'] }> = [
  { to: '/', label: 'Overview' },
  { to: '/messages', label: 'Messages' },
  { to: '/send', label: 'Send a test', permission: 'messages:send' },
  { to: '/inbox', label: 'Development inbox' },
  { to: '/api-keys', label: 'API keys' },
  { to: '/webhooks', label: 'Webhooks' },
  { to: '/suppressions', label: 'Suppressions' },
  { to: '/preferences', label: 'Preferences' },
  { to: '/senders', label: 'Senders' },
  { to: '/templates', label: 'Templates' },
  { to: '/team', label: 'Team' },
  { to: '/privacy', label: 'Privacy', permission: 'privacy:read' },
  { to: '/privacy-requests', label: "End users' requests", permission: 'privacy:read' },
  { to: '/security', label: 'Security' },
  { to: '/account', label: 'Account' },
];

export function Layout() {
  const { session, can, setSession } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const logOut = useAction({
    run: () => ok(api.POST('/v1/auth/logout')),
    success: 'Logged out.',
    onDone: () => {
      setSession(null);
      void navigate('/login');
    },
  });
  if (!session) return null;
  // The organisation requires two factors and this person has none: the API opens nothing else.
  const setupRequired = session.account.require_two_factor && !session.user.two_factor;
  return (
    <div className="shell">
      <a className="skip" href="#main">
        Skip to content
      </a>
      <aside className="sidebar">
        <div className="brand">
          <span aria-hidden="true" className="logo">
            H
          </span>
          <div>
            <strong>{session.account.name}</strong>
            <small className="muted">
              {session.user.name} · {session.role}
            </small>
          </div>
        </div>
        <nav aria-label="Console">
          <ul>
            {NAV.filter((item) => !item.permission || can(item.permission)).map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} end={item.to === '/'}>
                  {item.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <button
          type="button"
          className="secondary logout"
          onClick={() => logOut.run(undefined)}
          disabled={logOut.pending}
        >
          Log out
        </button>
        {logOut.outcome && !logOut.outcome.ok && <p role="alert">{logOut.outcome.message}</p>}
      </aside>
      <main id="main" tabIndex={-1}>
        {session.account.status === 'suspended' && <SuspendedBanner />}
        {session.account.awaiting_owner_verification && (
          <p className="banner info">
            This organisation cannot send messages until an owner has verified their email address.
            {session.user.email_verified
              ? ' Ask an owner to follow the link Herald sent them.'
              : ''}
          </p>
        )}
        {!session.user.email_verified && (
          <p className="banner info">
            Your email address is not verified yet: follow the link we sent to {session.user.email},
            or <Link to="/account">send a new one</Link>.
          </p>
        )}
        {setupRequired && (
          <p className="banner danger" role="alert">
            Your organisation requires two-factor sign-in. Turn it on below: until you do, nothing
            else in the console opens.
          </p>
        )}
        {setupRequired && location.pathname !== '/security' ? (
          <Navigate to="/security" replace />
        ) : (
          <Outlet />
        )}
        <PrivacyFooter />
      </main>
    </div>
  );
}

function SuspendedBanner() {
  const { can } = useSession();
  const decisions = useQuery({
    queryKey: ['account', 'decisions'],
    queryFn: () => ok(api.GET('/v1/account/decisions')),
    enabled: can('account:review'),
  });
  const latest = decisions.data?.data.find((d) => d.kind === 'suspended');
  return (
    <section className="banner danger" aria-labelledby="suspended-heading">
      <h2 id="suspended-heading">Sending is suspended</h2>
      {latest ? (
        <>
          <p>{latest.reason}</p>
          {latest.signals.length > 0 && (
            <ul>
              {latest.signals.map((s) => (
                <li key={s.name}>
                  {s.description}: {Math.round(s.value * 100) / 100} (threshold {s.threshold})
                </li>
              ))}
            </ul>
          )}
        </>
      ) : (
        <p>
          {decisions.isError
            ? errorText(decisions.error)
            : 'Messages are refused until the suspension is lifted.'}
        </p>
      )}
      {can('account:review') ? (
        <p>
          <Link to="/account#review">Ask for a human review</Link>
        </p>
      ) : (
        <p>An owner can ask for a human review.</p>
      )}
    </section>
  );
}

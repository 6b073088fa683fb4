import { useQuery } from '@tanstack/react-query';
import { api, ok } from '../api.js';
import { QueryTable } from '../components/data-table.js';
import { Section } from '../components/section.js';
import { Badge, formatDate, PageHeader } from '../components/ui.js';
import { useSession } from '../session.js';
import { TwoFactorSection } from './two-factor.js';

const latest50 = { params: { query: { limit: 50 } } };

export function SecurityPage() {
  const { can, session } = useSession();
  // Until the two factors the organisation requires are set up, the API opens no log.
  const logs =
    can('audit:read') && !(session?.account.require_two_factor && !session.user.two_factor);
  return (
    <>
      <PageHeader
        title="Security"
        description={
          logs
            ? 'Your two-factor sign-in, who did what, and every log-in with its IP address.'
            : 'Your two-factor sign-in.'
        }
      />
      <TwoFactorSection />
      {/* Two-factor sign-in is everyone's; the logs are for those who may read them. */}
      {logs && <AuditSections />}
    </>
  );
}

function AuditSections() {
  const audit = useQuery({
    queryKey: ['audit'],
    queryFn: () => ok(api.GET('/v1/audit-events', latest50)),
  });
  const logins = useQuery({
    queryKey: ['logins'],
    queryFn: () => ok(api.GET('/v1/login-events', latest50)),
  });
  return (
    <>
      <Section title="Audit events">
        <QueryTable
          query={audit}
          empty="No audit events yet."
          caption="Audit events"
          rowKey={(e) => e.id}
          columns={[
            { header: 'When', cell: (e) => formatDate(e.created_at) },
            { header: 'Action', cell: (e) => <code>{e.action}</code> },
            {
              header: 'Actor',
              cell: (e) => (
                <>
                  {e.actor_type}
                  {e.actor_id && <small className="muted"> {e.actor_id}</small>}
                </>
              ),
            },
            {
              header: 'Target',
              cell: (e) => (e.target_type ? `${e.target_type} ${e.target_id ?? ''}` : '—'),
            },
            { header: 'IP', cell: (e) => e.ip ?? '—' },
          ]}
        />
      </Section>
      <Section title="Log-ins">
        <p className="muted">Kept for the retention policy's IP log period, then removed.</p>
        <QueryTable
          query={logins}
          empty="No log-ins yet."
          caption="Log-ins"
          rowKey={(e) => `${e.created_at}-${e.user_id}-${e.ip}`}
          columns={[
            { header: 'When', cell: (e) => formatDate(e.created_at) },
            {
              header: 'Result',
              cell: (e) =>
                e.success ? <Badge tone="good">success</Badge> : <Badge tone="bad">failed</Badge>,
            },
            { header: 'User', cell: (e) => e.user_id ?? '—' },
            { header: 'IP', cell: (e) => e.ip ?? '—' },
            { header: 'Browser', className: 'truncate', cell: (e) => e.user_agent ?? '—' },
          ]}
        />
      </Section>
    </>
  );
}

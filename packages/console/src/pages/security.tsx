import { useQuery } from '@tanstack/react-query';
import { api, type Schemas } from '../api.js';
import { Badge, formatDate, PageHeader, QueryView } from '../components/ui.js';

export function SecurityPage() {
  const audit = useQuery({
    queryKey: ['audit'],
    queryFn: () => api.get<Schemas['AuditEventList']>('/v1/audit-events?limit=50'),
  });
  const logins = useQuery({
    queryKey: ['logins'],
    queryFn: () => api.get<Schemas['LoginEventList']>('/v1/login-events?limit=50'),
  });
  return (
    <>
      <PageHeader
        title="Security"
        description="Who did what, and every log-in with its IP address."
      />
      <section aria-labelledby="audit">
        <h2 id="audit">Audit events</h2>
        <QueryView query={audit} isEmpty={(a) => a.data.length === 0} empty="No audit events yet.">
          {(a) => (
            <table>
              <caption className="sr-only">Audit events</caption>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Action</th>
                  <th scope="col">Actor</th>
                  <th scope="col">Target</th>
                  <th scope="col">IP</th>
                </tr>
              </thead>
              <tbody>
                {a.data.map((e) => (
                  <tr key={e.id}>
                    <td>{formatDate(e.created_at)}</td>
                    <td>
                      <code>{e.action}</code>
                    </td>
                    <td>
                      {e.actor_type}
                      {e.actor_id && <small className="muted"> {e.actor_id}</small>}
                    </td>
                    <td>{e.target_type ? `${e.target_type} ${e.target_id ?? ''}` : '—'}</td>
                    <td>{e.ip ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </QueryView>
      </section>
      <section aria-labelledby="logins">
        <h2 id="logins">Log-ins</h2>
        <p className="muted">Kept for the retention policy's IP log period, then removed.</p>
        <QueryView query={logins} isEmpty={(l) => l.data.length === 0} empty="No log-ins yet.">
          {(l) => (
            <table>
              <caption className="sr-only">Log-ins</caption>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Result</th>
                  <th scope="col">User</th>
                  <th scope="col">IP</th>
                  <th scope="col">Browser</th>
                </tr>
              </thead>
              <tbody>
                {l.data.map((e) => (
                  <tr key={`${e.created_at}-${e.user_id}-${e.ip}`}>
                    <td>{formatDate(e.created_at)}</td>
                    <td>
                      {e.success ? (
                        <Badge tone="good">success</Badge>
                      ) : (
                        <Badge tone="bad">failed</Badge>
                      )}
                    </td>
                    <td>{e.user_id ?? '—'}</td>
                    <td>{e.ip ?? '—'}</td>
                    <td className="truncate">{e.user_agent ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </QueryView>
      </section>
    </>
  );
}

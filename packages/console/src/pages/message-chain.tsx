import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, ok, type Schemas } from '../api.js';
import { formatDate, QueryView, StatusBadge } from '../components/ui.js';

/**
 * A message of a fallback chain shows every step: the channel each went on, its status, and
 * when it was (or is) due, so whoever reads one sees how the chain went. Nothing for a message
 * outside a chain.
 */
export function MessageChain({ message }: { message: Schemas['Message'] }) {
  const chainId = message.chain_id;
  const chain = useQuery({
    queryKey: ['message-chain', chainId, message.status],
    queryFn: () =>
      ok(api.GET('/v1/messages', { params: { query: { chain_id: chainId!, limit: 10 } } })),
    enabled: chainId !== null,
  });
  if (chainId === null) return null;
  return (
    <section className="card wide" aria-labelledby="chain">
      <h2 id="chain">Fallback chain</h2>
      <p className="muted">
        Each step goes after the one before it unless an earlier step was delivered by then; a step
        that was not needed ends canceled.
      </p>
      <QueryView query={chain}>
        {(page) => (
          <table>
            <thead>
              <tr>
                <th scope="col">Step</th>
                <th scope="col">Channel</th>
                <th scope="col">To</th>
                <th scope="col">Status</th>
                <th scope="col">Due</th>
              </tr>
            </thead>
            <tbody>
              {[...page.data]
                .sort((a, b) => (a.chain_step ?? 0) - (b.chain_step ?? 0))
                .map((step) => (
                  <tr key={step.id} aria-current={step.id === message.id ? 'page' : undefined}>
                    <td>
                      {step.id === message.id ? (
                        `${(step.chain_step ?? 0) + 1} (this one)`
                      ) : (
                        <Link to={`/messages/${step.id}`}>{(step.chain_step ?? 0) + 1}</Link>
                      )}
                    </td>
                    <td>{step.channel}</td>
                    <td className="break">{step.to}</td>
                    <td>
                      <StatusBadge status={step.status} />
                    </td>
                    <td>{formatDate(step.send_at ?? step.created_at)}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        )}
      </QueryView>
    </section>
  );
}

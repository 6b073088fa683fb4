import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { api, ok, type Schemas } from '../api.js';
import { Empty, PageHeader, QueryView } from '../components/ui.js';

const COLORS = {
  sms: '#4f46e5',
  email: '#0891b2',
  push: '#d97706',
  rate: '#059669',
  fail: '#dc2626',
};

const percent = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 1000) / 10}%`);

export function OverviewPage() {
  const [days, setDays] = useState<7 | 30>(7);
  const stats = useQuery({
    queryKey: ['stats', days],
    queryFn: () => ok(api.GET('/v1/stats/overview', { params: { query: { days } } })),
  });
  return (
    <>
      <PageHeader
        title="Overview"
        description="What your organisation sent, by UTC day."
        actions={
          <fieldset className="segmented">
            <legend className="sr-only">Period</legend>
            {([7, 30] as const).map((n) => (
              <label key={n}>
                <input type="radio" name="days" checked={days === n} onChange={() => setDays(n)} />
                <span>Last {n} days</span>
              </label>
            ))}
          </fieldset>
        }
      />
      <QueryView query={stats}>{(data) => <Charts data={data} />}</QueryView>
    </>
  );
}

function Charts({ data }: { data: Schemas['OverviewStats'] }) {
  const daily = data.daily.map((d) => ({
    ...d,
    day: d.date.slice(5),
    rate: d.delivery_rate === null ? null : Math.round(d.delivery_rate * 1000) / 10,
  }));
  const failed = data.failures.reduce((n, f) => n + f.count, 0);
  return (
    <>
      <section className="cards" aria-label="Totals">
        <div className="card stat">
          <span className="muted">Messages sent</span>
          <strong data-testid="total">{data.total}</strong>
        </div>
        <div className="card stat">
          <span className="muted">Delivery rate</span>
          <strong>{percent(data.delivery_rate)}</strong>
        </div>
        <div className="card stat">
          <span className="muted">Failed</span>
          <strong>{failed}</strong>
        </div>
        <div className="card stat">
          <span className="muted">Received (inbound)</span>
          <strong>{data.inbound}</strong>
        </div>
      </section>
      {data.total === 0 ? (
        <Empty>
          No messages in this period. <Link to="/send">Send a test message</Link> or use the API.
        </Empty>
      ) : (
        <div className="chart-grid">
          <figure className="card chart">
            <figcaption>Messages per day and channel</figcaption>
            <ResponsiveContainer width="100%" height={240}>
              <BarChart data={daily} accessibilityLayer>
                <CartesianGrid strokeDasharray="3 3" vertical={false} />
                <XAxis dataKey="day" fontSize={12} />
                <YAxis allowDecimals={false} fontSize={12} width={32} />
                <Tooltip />
                <Legend />
                <Bar
                  dataKey="sms"
                  name="SMS"
                  stackId="c"
                  fill={COLORS.sms}
                  isAnimationActive={false}
                />
                <Bar
                  dataKey="email"
                  name="Email"
                  stackId="c"
                  fill={COLORS.email}
                  isAnimationActive={false}
                />
                <Bar
                  dataKey="push"
                  name="Push"
                  stackId="c"
                  fill={COLORS.push}
                  isAnimationActive={false}
                />
              </BarChart>
            </ResponsiveContainer>
          </figure>
          <figure className="card chart">
            <figcaption>Delivery rate per day (%)</figcaption>
            <ResponsiveContainer width="100%" height={240}>
              <LineChart data={daily} accessibilityLayer>
                <CartesianGrid strokeDasharray="3 3" vertical={false} />
                <XAxis dataKey="day" fontSize={12} />
                <YAxis domain={[0, 100]} fontSize={12} width={32} />
                <Tooltip />
                <Line
                  type="monotone"
                  dataKey="rate"
                  name="Delivered %"
                  stroke={COLORS.rate}
                  connectNulls
                  isAnimationActive={false}
                />
              </LineChart>
            </ResponsiveContainer>
          </figure>
          <figure className="card chart wide">
            <figcaption>Failures by error code</figcaption>
            {data.failures.length === 0 ? (
              <p className="muted">No failures in this period.</p>
            ) : (
              <ResponsiveContainer width="100%" height={Math.max(120, data.failures.length * 40)}>
                <BarChart data={data.failures} layout="vertical" accessibilityLayer>
                  <CartesianGrid strokeDasharray="3 3" horizontal={false} />
                  <XAxis type="number" allowDecimals={false} fontSize={12} />
                  <YAxis type="category" dataKey="error_code" width={180} fontSize={12} />
                  <Tooltip />
                  <Bar dataKey="count" name="Failed" fill={COLORS.fail} isAnimationActive={false} />
                </BarChart>
              </ResponsiveContainer>
            )}
          </figure>
        </div>
      )}
    </>
  );
}

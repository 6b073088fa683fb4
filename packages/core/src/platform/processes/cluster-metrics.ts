import { AggregatorRegistry, type Registry } from 'prom-client';

/** What a metrics endpoint needs: the text to answer and its content type. */
export type MetricsSource = { contentType: string; metrics(): Promise<string> };

/**
 * In a child: lets the primary read `registry` (prom-client answers over the cluster channel).
 * Without a registry, from the child's first moment, it answers "nothing yet": a child that
 * did not answer at all would fail the primary's whole scrape after prom-client's 5 s.
 */
export function shareMetricsWithPrimary(registry?: Registry): void {
  new AggregatorRegistry();
  AggregatorRegistry.setRegistries(registry ? [registry] : []);
}

/**
 * In the primary: every child's metrics in one answer. Counters and histograms are summed;
 * a gauge that each child reads from Redis says how it is aggregated (`aggregator: 'max'`).
 */
export function clusterMetrics(): MetricsSource {
  const aggregator = new AggregatorRegistry();
  return { contentType: aggregator.contentType, metrics: () => aggregator.clusterMetrics() };
}

// Section 4, live mode: portal requests/s and p99 latency under the load driver, beside a bare Node
// http server answering the same route. The HTTP portal and its load driver (issue 5) have not landed
// on main yet, so this section reports itself as not measurable rather than invent a number.

import { metricRow, type MetricRow } from './bench-results.js';

function measureLive(): Promise<MetricRow[]> {
  const note = 'not yet measurable: the HTTP portal and load driver (issue 5, live mode) are not on main';
  return Promise.resolve([
    metricRow('live', 'portal throughput vs bare Node http', '%', [], { target: { op: '>=', value: 60 }, note }),
  ]);
}

export { measureLive };

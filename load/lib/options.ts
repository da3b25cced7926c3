// Shared k6 settings: a constant-arrival-rate scenario (open model — requests start at the rate
// whatever the latency, like the built-in driver in harness/live/load-driver.ts) and thresholds that
// fail the run. Tuned by environment variables so CI can scale them without editing the scripts.

import type { Options } from 'k6/options';

function envNumber(name: string, fallback: number): number {
  const raw = __ENV[name];
  const n = raw === undefined ? NaN : Number(raw);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

function constantArrivalRate(scenario: string): Options {
  const rate = envNumber('RATE', 50);
  return {
    scenarios: {
      [scenario]: {
        executor: 'constant-arrival-rate',
        rate,
        timeUnit: '1s',
        duration: __ENV.DURATION ?? '30s',
        preAllocatedVUs: Math.ceil(rate / 5),
        maxVUs: envNumber('MAX_VUS', Math.ceil(rate * 2)),
      },
    },
    thresholds: {
      http_req_failed: ['rate<0.01'],
      http_req_duration: [`p(95)<${envNumber('P95_MS', 250)}`, `p(99)<${envNumber('P99_MS', 500)}`],
      checks: ['rate>0.99'],
      // More iterations due than VUs to run them: the target could not keep up with the rate.
      dropped_iterations: ['count<1'],
    },
  };
}

export { constantArrivalRate, envNumber };

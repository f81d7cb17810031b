/** One bounded autocannon run (programmatic API) over rotating request paths. */
import autocannon from 'autocannon';

/**
 * Runs autocannon against `url` for `duration` seconds (or for exactly `amount` requests when given); every request
 * takes the next path of `pathFor(i)`; `accept` is the Accept header (FHIR JSON unless told).
 * @returns {Promise<{ rps: number, p50: number, p99: number, requests: number, errors: number, distinctPaths: number }>}
 */
export function load({ url, token, pathFor, connections, duration, amount, accept = 'application/fhir+json' }) {
  let i = 0;
  const seen = new Set();
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url,
        connections,
        ...(amount ? { amount } : { duration }),
        headers: { authorization: `Bearer ${token}`, accept },
        requests: [
          {
            method: 'GET',
            setupRequest: (req) => {
              const path = pathFor(i++);
              if (seen.size < 100_000) seen.add(path);
              return { ...req, path };
            },
          },
        ],
      },
      (err, r) => {
        if (err) return reject(err);
        resolve({
          rps: r.requests.average,
          p50: r.latency.p50,
          p99: r.latency.p99,
          requests: r.requests.total,
          errors: r.errors + r.timeouts + r.non2xx,
          distinctPaths: seen.size,
        });
      },
    );
  });
}

/**
 * The soak's capacity step (`--find-capacity`): the same request mix, closed loop (each of `connections` clients
 * sends its next request when the previous one answered), so the server runs at its limit; after `warmup`
 * seconds, the answers of `seconds` more are counted. Returns requests/s, the share that failed and p50/p99.
 */
export async function measureCapacity({ send, kindOf, connections = 32, warmup = 5, seconds = 15, log = () => undefined }) {
  let i = 1_000_000; // a different part of the rotation than the soak's start
  let counting = false;
  let done = 0;
  let errors = 0;
  const latencies = [];
  const startAt = performance.now();
  const countFrom = startAt + warmup * 1000;
  const endAt = countFrom + seconds * 1000;
  const client = async () => {
    while (performance.now() < endAt) {
      const n = i++;
      const t0 = performance.now();
      const status = await send(kindOf(n), n);
      if (!counting && performance.now() >= countFrom) counting = true;
      if (!counting || performance.now() > endAt) continue;
      done++;
      latencies.push(performance.now() - t0);
      if (status < 200 || status >= 300) errors++;
    }
  };
  log(`capacity: ${connections} closed-loop clients, ${warmup} s warm-up, ${seconds} s measured`);
  await Promise.all(Array.from({ length: connections }, client));
  latencies.sort((a, b) => a - b);
  const q = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? NaN;
  return { reqPerS: done / seconds, errors, p50: q(0.5), p99: q(0.99) };
}

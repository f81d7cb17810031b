/** A small closed-loop load for the fault suites: `workers` clients send requests until stopped; every answer is kept. */
export interface Answer {
  at: number;
  ms: number;
  status: number;
  retryAfter: string | null;
  code?: string;
}

export class LoadLoop {
  readonly answers: Answer[] = [];
  private running = true;
  private readonly done: Promise<void>;

  constructor(base: string, token: string, paths: string[], workers = 4) {
    this.done = Promise.all(Array.from({ length: workers }, (_, w) => this.worker(base, token, paths, w))).then(() => undefined);
  }

  private async worker(base: string, token: string, paths: string[], w: number): Promise<void> {
    for (let i = w; this.running; i++) {
      const started = Date.now();
      try {
        const res = await fetch(`${base}${paths[i % paths.length]}`, { headers: { authorization: `Bearer ${token}` } });
        const body = (await res.json()) as { resourceType?: string; issue?: { details?: { coding?: { code: string }[] } }[] };
        const code = body.resourceType === 'OperationOutcome' ? body.issue?.[0]?.details?.coding?.[0]?.code : undefined;
        this.answers.push({ at: started, ms: Date.now() - started, status: res.status, retryAfter: res.headers.get('retry-after'), code });
      } catch {
        this.answers.push({ at: started, ms: Date.now() - started, status: 0, retryAfter: null });
      }
    }
  }

  /** Answers to requests sent since `from` (epoch ms). */
  since(from: number): Answer[] {
    return this.answers.filter((a) => a.at >= from);
  }

  async stop(): Promise<Answer[]> {
    this.running = false;
    await this.done;
    return this.answers;
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `check` every 100 ms until it is true or `ms` passed; the time it took. */
export async function until(check: () => Promise<boolean>, ms: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < ms) {
    if (await check().catch(() => false)) return Date.now() - started;
    await sleep(100);
  }
  throw new Error(`condition not met within ${ms} ms`);
}

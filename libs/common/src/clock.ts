import { Injectable } from '@nestjs/common';

/** Injectable time source so tests can control time. `now()` is wall-clock ms; `monotonic()` is ms that never go back. */
@Injectable()
export class Clock {
  now(): number {
    return Date.now();
  }
  monotonic(): number {
    return performance.now();
  }
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const t = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = () => {
        clearTimeout(t);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
}

/** Injectable randomness (jitter, ids) so tests can be deterministic. */
@Injectable()
export class RandomSource {
  /** Uniform in [0, 1). */
  next(): number {
    return Math.random();
  }
  uuid(): string {
    return crypto.randomUUID();
  }
}

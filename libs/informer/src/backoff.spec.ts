import { Backoff } from './backoff';

const opts = { initialMs: 500, maxMs: 30_000, factor: 2, resetAfterMs: 60_000 };

describe('Backoff', () => {
  it('doubles the base delay per consecutive failure (upper jitter bound)', () => {
    const b = new Backoff(() => 0.999999, opts);
    const delays = Array.from({ length: 6 }, () => b.nextDelay(0));
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000, 16000]);
  });

  it('never waits less than half the base delay (lower jitter bound)', () => {
    const b = new Backoff(() => 0, opts);
    expect([b.nextDelay(0), b.nextDelay(0), b.nextDelay(0)]).toEqual([250, 500, 1000]);
  });

  it('caps the delay at maxMs', () => {
    const b = new Backoff(() => 0.999999, opts);
    for (let i = 0; i < 20; i++) b.nextDelay(0);
    expect(b.nextDelay(0)).toBe(30_000);
  });

  it('resets to the initial delay after a healthy period of resetAfterMs', () => {
    const b = new Backoff(() => 0.999999, opts);
    for (let i = 0; i < 5; i++) b.nextDelay(0);
    b.markHealthy(1_000);
    b.markHealthy(61_000);
    expect(b.attempts).toBe(0);
    expect(b.nextDelay(61_001)).toBe(500);
  });

  it('keeps growing when the healthy period was shorter than resetAfterMs', () => {
    const b = new Backoff(() => 0.999999, opts);
    b.nextDelay(0);
    b.markHealthy(1_000);
    expect(b.nextDelay(30_000)).toBe(1000);
  });
});

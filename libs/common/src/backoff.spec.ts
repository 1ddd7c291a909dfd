import { Backoff, backoffDelayMs, BackoffPolicy, JitterSource } from './backoff';

const fixed = (value: number): JitterSource => ({ next: () => value });
const TOP = fixed(0.999999);
const BOTTOM = fixed(0);

describe('backoffDelayMs', () => {
  const policy: BackoffPolicy = { initialMs: 200, maxMs: 10_000 };

  it('waits between half and all of the base delay (equal jitter)', () => {
    expect(backoffDelayMs(policy, 1, BOTTOM)).toBe(100);
    expect(backoffDelayMs(policy, 1, TOP)).toBe(200);
  });

  it('doubles the base per consecutive failure by default', () => {
    expect([1, 2, 3, 4].map((n) => backoffDelayMs(policy, n, BOTTOM))).toEqual([100, 200, 400, 800]);
  });

  it('grows by the given factor', () => {
    expect([1, 2, 3].map((n) => backoffDelayMs({ ...policy, factor: 3 }, n, TOP))).toEqual([200, 600, 1800]);
  });

  it('caps the base at maxMs, however many failures (no overflow to NaN)', () => {
    expect(backoffDelayMs(policy, 20, fixed(1))).toBe(10_000);
    expect(backoffDelayMs(policy, 5_000, TOP)).toBe(10_000);
  });

  it('waits at least the Retry-After, plus up to initialMs of jitter', () => {
    expect(backoffDelayMs(policy, 1, BOTTOM, 1_000)).toBe(1_000);
    expect(backoffDelayMs(policy, 5, fixed(0.5), 1_000)).toBe(1_100);
  });

  it('does not cap a Retry-After longer than maxMs', () => {
    expect(backoffDelayMs(policy, 1, BOTTOM, 60_000)).toBe(60_000);
  });

  it('draws the jitter from the injected random source', () => {
    let draws = 0;
    backoffDelayMs(policy, 3, { next: () => (draws++, 0.5) });
    expect(draws).toBe(1);
  });
});

describe('Backoff', () => {
  const policy: BackoffPolicy = { initialMs: 500, maxMs: 30_000, factor: 2, resetAfterMs: 60_000 };

  it('doubles the delay per consecutive failure (upper jitter bound)', () => {
    const b = new Backoff(policy, TOP);
    expect(Array.from({ length: 6 }, () => b.nextDelay(0))).toEqual([500, 1000, 2000, 4000, 8000, 16000]);
  });

  it('never waits less than half the base delay (lower jitter bound)', () => {
    const b = new Backoff(policy, BOTTOM);
    expect([b.nextDelay(0), b.nextDelay(0), b.nextDelay(0)]).toEqual([250, 500, 1000]);
  });

  it('caps the delay at maxMs', () => {
    const b = new Backoff(policy, TOP);
    for (let i = 0; i < 20; i++) b.nextDelay(0);
    expect(b.nextDelay(0)).toBe(30_000);
  });

  it('resets to the initial delay after a healthy period of resetAfterMs', () => {
    const b = new Backoff(policy, TOP);
    for (let i = 0; i < 5; i++) b.nextDelay(0);
    b.markHealthy(1_000);
    b.markHealthy(61_000);
    expect(b.attempts).toBe(0);
    expect(b.nextDelay(61_001)).toBe(500);
  });

  it('keeps growing when the healthy period was shorter than resetAfterMs', () => {
    const b = new Backoff(policy, TOP);
    b.nextDelay(0);
    b.markHealthy(1_000);
    expect(b.nextDelay(30_000)).toBe(1000);
  });

  it('never resets on health alone without resetAfterMs', () => {
    const b = new Backoff({ initialMs: 500, maxMs: 5_000 }, TOP);
    b.nextDelay(0);
    b.markHealthy(0);
    b.markHealthy(10 ** 9);
    expect(b.nextDelay(10 ** 9)).toBe(1000);
  });

  it('restarts the sequence on reset()', () => {
    const b = new Backoff({ initialMs: 500, maxMs: 5_000 }, TOP);
    for (let i = 0; i < 4; i++) b.nextDelay(0);
    b.reset();
    expect([b.attempts, b.nextDelay(0)]).toEqual([0, 500]);
  });

  it('honours a Retry-After on a failure and still counts it', () => {
    const b = new Backoff(policy, BOTTOM);
    expect(b.nextDelay(0, 3_000)).toBe(3_000);
    expect(b.nextDelay(0)).toBe(500);
  });
});

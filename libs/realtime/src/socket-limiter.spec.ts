import { SocketEventLimiter } from './socket-limiter';

describe('SocketEventLimiter', () => {
  let now: number;
  const limiter = (perSecond: number) => new SocketEventLimiter(perSecond, () => now);
  beforeEach(() => (now = 1000));

  it('accepts a burst of up to the per-second limit, then refuses', () => {
    const l = limiter(5);
    expect(Array.from({ length: 6 }, () => l.admit())).toEqual(['accept', 'accept', 'accept', 'accept', 'accept', 'refuse']);
  });

  it('refills at the per-second rate', () => {
    const l = limiter(10);
    for (let i = 0; i < 10; i++) l.admit();
    expect(l.admit()).toBe('refuse');
    now += 100; // one token
    expect(l.admit()).toBe('accept');
    expect(l.admit()).toBe('refuse');
    now += 10_000; // never more than the burst
    expect(Array.from({ length: 11 }, () => l.admit()).filter((v) => v === 'accept')).toHaveLength(10);
  });

  it('asks to disconnect a socket that keeps sending while refused', () => {
    const l = limiter(3);
    const verdicts = Array.from({ length: 7 }, () => l.admit());
    expect(verdicts).toEqual(['accept', 'accept', 'accept', 'refuse', 'refuse', 'refuse', 'disconnect']);
  });

  it('forgives refused events once the socket slows down', () => {
    const l = limiter(2);
    l.admit();
    l.admit();
    expect(l.admit()).toBe('refuse');
    expect(l.admit()).toBe('refuse');
    now += 500;
    expect(l.admit()).toBe('accept');
    expect(l.admit()).toBe('refuse');
    expect(l.admit()).toBe('refuse');
    expect(l.admit()).toBe('disconnect');
  });
});

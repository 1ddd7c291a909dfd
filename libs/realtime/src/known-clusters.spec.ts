import { KnownClusters } from './known-clusters';

describe('KnownClusters', () => {
  let now: number;
  let reads: number;
  let registered: string[];
  const known = () =>
    new KnownClusters(
      async () => {
        reads++;
        return [...registered];
      },
      () => now,
      1000,
    );
  beforeEach(() => {
    now = 0;
    reads = 0;
    registered = ['prod'];
  });

  it('answers from one read for many lookups within the interval', async () => {
    const k = known();
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => k.has(i % 2 ? 'prod' : `made-up-${i}`)));
    expect(answers.filter(Boolean)).toHaveLength(25);
    expect(reads).toBe(1);
  });

  it('reads again once the interval has passed, seeing new and removed clusters', async () => {
    const k = known();
    expect(await k.has('new')).toBe(false);
    registered = ['new'];
    now = 999;
    expect(await k.has('new')).toBe(false);
    now = 1000;
    expect(await k.has('new')).toBe(true);
    expect(await k.has('prod')).toBe(false);
    expect(reads).toBe(2);
  });
});

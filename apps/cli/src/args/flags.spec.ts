import { ExitCode } from '../exit-codes';
import { errorOf } from '../testing/test-context';
import { drainParamsFromFlags } from './drain-args';
import { normalizeDryRunArgs } from './dry-run';
import { parseDurationSeconds, parseIntFlag } from './numbers';


describe('--dry-run forms', () => {
  it('--dry-run=server becomes --dry-run, --dry-run=none disappears, arguments after -- stay', () => {
    expect(normalizeDryRunArgs(['label', '--dry-run=server', 'n1', 'a=b'])).toEqual(['label', '--dry-run', 'n1', 'a=b']);
    expect(normalizeDryRunArgs(['label', '--dry-run=none', 'n1'])).toEqual(['label', 'n1']);
    expect(normalizeDryRunArgs(['label', '--', '--dry-run=bogus'])).toEqual(['label', '--', '--dry-run=bogus']);
  });

  it('client and unknown strategies are refused with exit 2 (kubectl wording)', () => {
    expect(errorOf(() => normalizeDryRunArgs(['--dry-run=client'])).message).toMatch(/--dry-run=client is not supported/);
    const err = errorOf(() => normalizeDryRunArgs(['--dry-run=bogus']));
    expect(err.message).toBe('Invalid dry-run value (bogus). Must be "none" or "server".');
    expect(err.exitCode).toBe(ExitCode.Usage);
  });
});

describe('numbers and durations', () => {
  it('reads Go durations into whole seconds', () => {
    expect(parseDurationSeconds('--timeout', '0')).toBe(0);
    expect(parseDurationSeconds('--timeout', '90s')).toBe(90);
    expect(parseDurationSeconds('--timeout', '1h30m')).toBe(5400);
    expect(parseDurationSeconds('--timeout', '1.5m')).toBe(90);
    expect(parseDurationSeconds('--timeout', '500ms')).toBe(1);
  });

  it.each(['5', '5x', 'm', '', '-1s'])('refuses the duration %j naming the flag', (text) => {
    expect(errorOf(() => parseDurationSeconds('--timeout', text)).message).toMatch(new RegExp(`^invalid argument "${text}" for "--timeout" flag`));
  });

  it('whole numbers within bounds', () => {
    expect(parseIntFlag('--grace-period', '-1', -1)).toBe(-1);
    expect(errorOf(() => parseIntFlag('--grace-period', '-2', -1)).message).toBe('invalid argument "-2" for "--grace-period" flag: must be from -1');
    expect(errorOf(() => parseIntFlag('--concurrency', '1.5', 1)).message).toBe('invalid argument "1.5" for "--concurrency" flag: must be a whole number');
  });
});

describe('drain flags', () => {
  it("map to params named after kubectl's drain options; only given flags are sent", () => {
    expect(drainParamsFromFlags({})).toEqual({});
    expect(
      drainParamsFromFlags({
        ignoreDaemonsets: true,
        deleteEmptydirData: true,
        force: true,
        gracePeriod: '30',
        timeout: '5m',
        podSelector: 'app=web',
        disableEviction: true,
        skipWaitForDeleteTimeout: '60',
        chunkSize: '100',
      }),
    ).toEqual({
      ignoreDaemonSets: true,
      deleteEmptyDirData: true,
      force: true,
      gracePeriodSeconds: 30,
      timeoutSeconds: 300,
      podSelector: 'app=web',
      disableEviction: true,
      skipWaitForDeleteTimeoutSeconds: 60,
      chunkSize: 100,
    });
  });

  it('bad values name the flag', () => {
    expect(errorOf(() => drainParamsFromFlags({ chunkSize: '-1' })).message).toMatch(/^invalid argument "-1" for "--chunk-size" flag/);
    expect(errorOf(() => drainParamsFromFlags({ timeout: 'soon' })).message).toMatch(/^invalid argument "soon" for "--timeout" flag/);
  });
});

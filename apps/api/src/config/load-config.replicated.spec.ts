import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './load-config';

const tmp = () => mkdtempSync(join(tmpdir(), 'knm-cfg-'));
const KEY = Buffer.alloc(32, 1).toString('base64');
const PG = 'postgres://u:p@db:5432/knm';

describe('replicated-mode settings', () => {
  it('defaults lease timings to client-go leader election (15 s / 10 s / 2 s)', () => {
    const c = loadConfig({ KNM_DATA_DIR: tmp(), KNM_DATABASE_URL: PG, KNM_ENCRYPTION_KEY: KEY });
    expect([c.leaseDurationMs, c.leaseRenewDeadlineMs, c.leaseRetryPeriodMs]).toEqual([15_000, 10_000, 2_000]);
  });

  it('refuses a renew deadline that is not shorter than the lease', () => {
    expect(() => loadConfig({ KNM_DATA_DIR: tmp(), KNM_LEASE_DURATION_MS: '5000', KNM_LEASE_RENEW_DEADLINE_MS: '5000' })).toThrow(/KNM_LEASE_RENEW_DEADLINE_MS.*must exceed the renew deadline/);
  });

  it('refuses KNM_DATABASE_URL without a shared KNM_ENCRYPTION_KEY', () => {
    expect(() => loadConfig({ KNM_DATA_DIR: tmp(), KNM_DATABASE_URL: PG })).toThrow(ConfigError);
    expect(() => loadConfig({ KNM_DATA_DIR: tmp(), KNM_DATABASE_URL: PG })).toThrow(/KNM_ENCRYPTION_KEY is required with KNM_DATABASE_URL/);
  });
});

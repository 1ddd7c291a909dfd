import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ExitCode } from '../exit-codes';
import { testContext } from '../testing/test-context';
import { serverOrigin } from './cli-config';
import { ConfigStore, configPath } from './config-store';

const mode = (p: string) => statSync(p).mode & 0o777;

describe('CLI config file', () => {
  let env: ReturnType<typeof testContext>;
  beforeEach(() => (env = testContext()));
  afterEach(() => env.cleanup());

  it('lives at $XDG_CONFIG_HOME/knm/config.json, else ~/.config/knm/config.json', () => {
    expect(configPath({ XDG_CONFIG_HOME: '/x/y' })).toBe('/x/y/knm/config.json');
    expect(configPath({ XDG_CONFIG_HOME: 'relative' })).toMatch(/\/\.config\/knm\/config\.json$/);
    expect(configPath({})).toMatch(/\/\.config\/knm\/config\.json$/);
  });

  it('is written with mode 0600 in a directory created 0700, whatever the umask', () => {
    const old = process.umask(0o000);
    try {
      env.ctx.store.write({ server: 'https://knm.example.com' });
    } finally {
      process.umask(old);
    }
    expect(mode(env.ctx.store.path)).toBe(0o600);
    expect(mode(join(env.dir, 'knm'))).toBe(0o700);
    expect(env.ctx.store.read()).toEqual({ server: 'https://knm.example.com' });
  });

  it('reads as empty when absent', () => {
    expect(env.ctx.store.read()).toEqual({});
  });

  it.each([0o644, 0o640, 0o604, 0o660])('refuses a file with mode %o like ssh does (exit 3, names the file and the fix)', (m) => {
    env.ctx.store.write({ server: 'https://knm.example.com' });
    chmodSync(env.ctx.store.path, m);
    let err: unknown;
    try {
      env.ctx.store.read();
    } catch (e) {
      err = e;
    }
    expect(err).toMatchObject({ exitCode: ExitCode.Unreachable, message: `permissions 0${m.toString(8)} for '${env.ctx.store.path}' are too open` });
    expect((err as { details: string[] }).details).toContain(`Fix it with: chmod 600 '${env.ctx.store.path}'`);
  });

  it('refuses a directory others can write to', () => {
    env.ctx.store.write({});
    chmodSync(join(env.dir, 'knm'), 0o777);
    expect(() => env.ctx.store.read()).toThrow(/for directory '.*knm' are too open/);
  });

  it('refuses a file that is not JSON, naming it', () => {
    mkdirSync(join(env.dir, 'knm'), { mode: 0o700 });
    writeFileSync(env.ctx.store.path, 'server: x', { mode: 0o600 });
    expect(() => env.ctx.store.read()).toThrow(/config\.json is not valid/);
  });

  it('update() keeps concurrent writers from losing each other\'s changes (lock file)', async () => {
    const a = new ConfigStore(env.ctx.store.path);
    const b = new ConfigStore(env.ctx.store.path);
    await Promise.all([
      a.update(async (c) => {
        await new Promise((r) => setTimeout(r, 50));
        return { ...c, server: 'https://a.example.com' };
      }),
      b.update((c) => ({ ...c, cluster: 'prod' })),
    ]);
    expect(JSON.parse(readFileSync(env.ctx.store.path, 'utf8'))).toEqual({ server: 'https://a.example.com', cluster: 'prod' });
  });
});

describe('server URLs', () => {
  it('normalise to an origin; paths, credentials and other schemes are refused', () => {
    expect(serverOrigin('https://knm.example.com/')).toBe('https://knm.example.com');
    expect(serverOrigin('http://127.0.0.1:8080')).toBe('http://127.0.0.1:8080');
    expect(() => serverOrigin('knm.example.com')).toThrow(/http\(s\) URL/);
    expect(() => serverOrigin('ftp://x')).toThrow(/http or https/);
    expect(() => serverOrigin('https://u:p@x')).toThrow(/credentials/);
    expect(() => serverOrigin('https://x/api')).toThrow(/without a path/);
  });
});

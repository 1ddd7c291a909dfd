import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './load-config';

const tmp = () => mkdtempSync(join(tmpdir(), 'knm-config-'));
const key = Buffer.alloc(32, 7).toString('base64');

describe('loadConfig', () => {
  it('applies defaults for an empty environment', () => {
    const dir = tmp();
    const c = loadConfig({ KNM_DATA_DIR: dir });
    expect(c).toMatchObject({ port: 8080, host: '127.0.0.1', databaseUrl: null, taskDefaultConcurrency: 10, consoleDir: null });
  });

  it('generates an encryption key into the data dir once and reuses it', () => {
    const dir = tmp();
    const first = loadConfig({ KNM_DATA_DIR: dir }).encryptionKey;
    expect(first).toHaveLength(32);
    expect(loadConfig({ KNM_DATA_DIR: dir }).encryptionKey.equals(first)).toBe(true);
  });

  it('names KNM_PORT when the port is not a number', () => {
    expect(() => loadConfig({ KNM_DATA_DIR: tmp(), KNM_PORT: 'eighty' })).toThrow(/KNM_PORT must be a whole number/);
  });

  it('names KNM_DATABASE_URL when the scheme is not postgres', () => {
    expect(() => loadConfig({ KNM_DATA_DIR: tmp(), KNM_DATABASE_URL: 'mysql://h/db' })).toThrow(ConfigError);
    expect(() => loadConfig({ KNM_DATA_DIR: tmp(), KNM_DATABASE_URL: 'mysql://h/db' })).toThrow(/KNM_DATABASE_URL must use the postgres:\/\/ scheme/);
  });

  it('names KNM_ENCRYPTION_KEY when it is not 32 bytes', () => {
    expect(() => loadConfig({ KNM_DATA_DIR: tmp(), KNM_ENCRYPTION_KEY: 'c2hvcnQ=' })).toThrow(/KNM_ENCRYPTION_KEY must be 32 bytes/);
  });

  it('rejects a default concurrency above the cluster maximum', () => {
    expect(() =>
      loadConfig({ KNM_DATA_DIR: tmp(), KNM_TASK_CONCURRENCY: '60', KNM_CLUSTER_MAX_CONCURRENCY: '50' }),
    ).toThrow(/KNM_TASK_CONCURRENCY must not exceed KNM_CLUSTER_MAX_CONCURRENCY/);
  });

  it('reads settings from the YAML file and lets the environment win', () => {
    const dir = tmp();
    const file = join(dir, 'knm.yaml');
    writeFileSync(file, `port: 9090\ntaskDefaultConcurrency: 5\ncorsOrigins: [https://a.example, https://b.example]\n`);
    const c = loadConfig({ KNM_DATA_DIR: dir, KNM_CONFIG: file, KNM_PORT: '9191', KNM_ENCRYPTION_KEY: key });
    expect(c.port).toBe(9191);
    expect(c.taskDefaultConcurrency).toBe(5);
    expect(c.corsOrigins).toEqual(['https://a.example', 'https://b.example']);
  });

  it('names an unknown key in the YAML file', () => {
    const dir = tmp();
    const file = join(dir, 'knm.yaml');
    writeFileSync(file, 'prot: 9090\n');
    expect(() => loadConfig({ KNM_DATA_DIR: dir, KNM_CONFIG: file })).toThrow(/prot is not a known setting/);
  });

  it('rejects a console dir without index.html', () => {
    expect(() => loadConfig({ KNM_DATA_DIR: tmp(), KNM_CONSOLE_DIR: tmp() })).toThrow(/KNM_CONSOLE_DIR must be a directory holding the built console/);
  });

  it('defaults the kubeconfig, cluster host and socket settings to the closed, bounded values', () => {
    const c = loadConfig({ KNM_DATA_DIR: tmp() });
    expect(c).toMatchObject({
      kubeconfigExecCommands: [],
      kubeconfigDirs: [],
      clusterHostsAllow: [],
      clusterHostsDeny: [],
      socketMaxRooms: 256,
      socketMaxEventsPerSecond: 50,
    });
  });

  it('reads the kubeconfig, cluster host and socket settings as comma lists and numbers', () => {
    const c = loadConfig({
      KNM_DATA_DIR: tmp(),
      KNM_KUBECONFIG_EXEC_COMMANDS: '/usr/local/bin/kubelogin, /opt/aws/bin/aws-iam-authenticator',
      KNM_KUBECONFIG_DIRS: '/etc/knm/kubeconfigs/',
      KNM_CLUSTER_HOSTS_ALLOW: '169.254.10.0/24,*.lab.internal',
      KNM_CLUSTER_HOSTS_DENY: '10.99.0.0/16',
      KNM_SOCKET_MAX_ROOMS: '10',
      KNM_SOCKET_MAX_EVENTS_PER_SECOND: '5',
    });
    expect(c.kubeconfigExecCommands).toEqual(['/usr/local/bin/kubelogin', '/opt/aws/bin/aws-iam-authenticator']);
    expect(c.kubeconfigDirs).toEqual(['/etc/knm/kubeconfigs/']);
    expect(c.clusterHostsAllow).toEqual(['169.254.10.0/24', '*.lab.internal']);
    expect(c.clusterHostsDeny).toEqual(['10.99.0.0/16']);
    expect(c).toMatchObject({ socketMaxRooms: 10, socketMaxEventsPerSecond: 5 });
  });

  it.each([
    [{ KNM_KUBECONFIG_EXEC_COMMANDS: 'kubelogin' }, /KNM_KUBECONFIG_EXEC_COMMANDS must list absolute paths, got "kubelogin"/],
    [{ KNM_KUBECONFIG_DIRS: 'kubeconfigs' }, /KNM_KUBECONFIG_DIRS must list absolute paths/],
    [{ KNM_CLUSTER_HOSTS_ALLOW: '10.0.0.0/40' }, /KNM_CLUSTER_HOSTS_ALLOW entry "10.0.0.0\/40" is not a valid CIDR/],
    [{ KNM_CLUSTER_HOSTS_DENY: 'http://x' }, /KNM_CLUSTER_HOSTS_DENY entry "http:\/\/x" is not a/],
    [{ KNM_SOCKET_MAX_ROOMS: '0' }, /KNM_SOCKET_MAX_ROOMS must be between 1/],
    [{ KNM_SOCKET_MAX_EVENTS_PER_SECOND: 'many' }, /KNM_SOCKET_MAX_EVENTS_PER_SECOND must be a whole number/],
  ])('names the setting when %j is invalid', (env, message) => {
    expect(() => loadConfig({ KNM_DATA_DIR: tmp(), ...env })).toThrow(message);
  });
});

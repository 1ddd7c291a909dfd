import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './load-config';
import { provisionEncryptionKey } from './encryption-key';

const tmp = () => mkdtempSync(join(tmpdir(), 'knm-config-'));
const key = Buffer.alloc(32, 7).toString('base64');

describe('loadConfig', () => {
  it('applies defaults for an empty environment', () => {
    const c = loadConfig({ KNM_DATA_DIR: tmp() });
    expect(c).toMatchObject({ port: 8080, host: '127.0.0.1', databaseUrl: null, encryptionKey: null, taskDefaultConcurrency: 10, consoleDir: null, corsOrigins: [] });
  });

  it('writes nothing: the key file is left to the start-up step', () => {
    const dir = tmp();
    loadConfig({ KNM_DATA_DIR: dir });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('names KNM_PORT when the port is not a number', () => {
    expect(() => loadConfig({ KNM_DATA_DIR: tmp(), KNM_PORT: 'eighty' })).toThrow(/KNM_PORT must be a whole number/);
    expect(() => loadConfig({ KNM_DATA_DIR: tmp(), KNM_PORT: '70000' })).toThrow(/KNM_PORT must be between 0 and 65535, got 70000/);
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

  it('rejects a takeover time under twice the heartbeat', () => {
    expect(() => loadConfig({ KNM_DATA_DIR: tmp(), KNM_TASK_HEARTBEAT_MS: '1000', KNM_TASK_TAKEOVER_AFTER_MS: '1999' })).toThrow(
      /KNM_TASK_TAKEOVER_AFTER_MS must be at least twice KNM_TASK_HEARTBEAT_MS \(1000\)/,
    );
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

  it('names an unknown key, and a bad value, of the YAML file by the file and the key', () => {
    const dir = tmp();
    const file = join(dir, 'knm.yaml');
    writeFileSync(file, 'prot: 9090\n');
    expect(() => loadConfig({ KNM_DATA_DIR: dir, KNM_CONFIG: file })).toThrow(/prot is not a known setting/);
    writeFileSync(file, 'port: eighty\n');
    expect(() => loadConfig({ KNM_DATA_DIR: dir, KNM_CONFIG: file })).toThrow(`configuration: ${file}: port must be a whole number, got "eighty"`);
  });

  it('rejects a console dir without index.html', () => {
    expect(() => loadConfig({ KNM_DATA_DIR: tmp(), KNM_CONSOLE_DIR: tmp() })).toThrow(/KNM_CONSOLE_DIR must be a directory holding the built console/);
  });
});

describe('security settings', () => {
  it('default to empty lists and the socket limits to 256 rooms and 50 events per second', () => {
    expect(loadConfig({ KNM_DATA_DIR: tmp() })).toMatchObject({
      kubeconfigExecCommands: [],
      kubeconfigDirs: [],
      clusterHostsAllow: [],
      clusterHostsDeny: [],
      socketMaxRooms: 256,
      socketMaxEventsPerSecond: 50,
    });
  });

  it('read comma lists from the environment and lists from the YAML file', () => {
    const dir = tmp();
    const file = join(dir, 'knm.yaml');
    writeFileSync(file, 'kubeconfigDirs: [/etc/knm/kubeconfigs, /srv/kube]\nclusterHostsDeny: [10.0.0.0/8]\n');
    const c = loadConfig({
      KNM_DATA_DIR: dir,
      KNM_CONFIG: file,
      KNM_KUBECONFIG_EXEC_COMMANDS: '/usr/local/bin/aws-iam-authenticator, /usr/bin/gke-gcloud-auth-plugin',
      KNM_CLUSTER_HOSTS_ALLOW: 'api.prod.example.com,192.168.0.0/16,fd00::/8,10.1.2.3,*.lab.internal',
      KNM_SOCKET_MAX_ROOMS: '1000',
      KNM_SOCKET_MAX_EVENTS_PER_SECOND: '10',
    });
    expect(c).toMatchObject({
      kubeconfigExecCommands: ['/usr/local/bin/aws-iam-authenticator', '/usr/bin/gke-gcloud-auth-plugin'],
      kubeconfigDirs: ['/etc/knm/kubeconfigs', '/srv/kube'],
      clusterHostsAllow: ['api.prod.example.com', '192.168.0.0/16', 'fd00::/8', '10.1.2.3', '*.lab.internal'],
      clusterHostsDeny: ['10.0.0.0/8'],
      socketMaxRooms: 1000,
      socketMaxEventsPerSecond: 10,
    });
  });

  it.each([
    ['KNM_KUBECONFIG_EXEC_COMMANDS', 'aws-iam-authenticator', /entry "aws-iam-authenticator" must be an absolute path/],
    ['KNM_KUBECONFIG_EXEC_COMMANDS', '/usr/bin/../bin/sh', /must be a normalised path/],
    ['KNM_KUBECONFIG_DIRS', 'kubeconfigs', /must be an absolute path/],
    ['KNM_CLUSTER_HOSTS_ALLOW', '10.0.0.0/33', /must be a CIDR block: the prefix length must be 0..32/],
    ['KNM_CLUSTER_HOSTS_DENY', '300.1.1.1/8', /must be a CIDR block: the part before "\/" is not an IP address/],
    ['KNM_CLUSTER_HOSTS_DENY', 'not a host', /must be a hostname, a \*\.domain wildcard, an IP address or a CIDR block/],
    ['KNM_SOCKET_MAX_ROOMS', '0', /must be between 1 and 100000/],
    ['KNM_SOCKET_MAX_EVENTS_PER_SECOND', '10001', /must be between 1 and 10000/],
  ])('%s=%s stops start-up naming the key', (name, value, rule) => {
    const err = (() => {
      try {
        loadConfig({ KNM_DATA_DIR: tmp(), [name]: value });
      } catch (e) {
        return e as ConfigError;
      }
      throw new Error('no error');
    })();
    expect(err).toBeInstanceOf(ConfigError);
    expect(err.key).toBe(name);
    expect(err.message).toMatch(rule);
  });
});

describe('provisionEncryptionKey', () => {
  it('generates an encryption key into the data dir once and reuses it', () => {
    const dir = tmp();
    const first = provisionEncryptionKey(loadConfig({ KNM_DATA_DIR: dir })).encryptionKey;
    expect(first).toHaveLength(32);
    expect(readdirSync(dir)).toEqual(['encryption.key']);
    expect(provisionEncryptionKey(loadConfig({ KNM_DATA_DIR: dir })).encryptionKey.equals(first)).toBe(true);
  });

  it('uses KNM_ENCRYPTION_KEY as given and writes no file', () => {
    const dir = tmp();
    const config = provisionEncryptionKey(loadConfig({ KNM_DATA_DIR: dir, KNM_ENCRYPTION_KEY: key }));
    expect(config.encryptionKey.equals(Buffer.from(key, 'base64'))).toBe(true);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('names KNM_ENCRYPTION_KEY when the key file is damaged', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'encryption.key'), 'c2hvcnQ=\n');
    expect(() => provisionEncryptionKey(loadConfig({ KNM_DATA_DIR: dir }))).toThrow(/KNM_ENCRYPTION_KEY file .* must hold 32 base64-encoded bytes/);
  });
});

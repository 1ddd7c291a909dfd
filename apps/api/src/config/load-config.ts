import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { isAbsolute, join, normalize, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { AppConfig } from '@knm/common';
import { leaseTimingViolation } from '@knm/leader';
import { hostRuleViolation } from '@knm/cluster';

/** A configuration error: names the key and the rule. main.ts prints it and exits 1. */
export class ConfigError extends Error {
  constructor(
    readonly key: string,
    rule: string,
  ) {
    super(`configuration: ${key} ${rule}`);
  }
}

type Source = Record<string, string | undefined>;

/** Setting keys: environment name, YAML path (KNM_CONFIG file), default. Documented in README's configuration table. */
const KEYS = {
  port: 'KNM_PORT',
  host: 'KNM_HOST',
  dataDir: 'KNM_DATA_DIR',
  databaseUrl: 'KNM_DATABASE_URL',
  encryptionKey: 'KNM_ENCRYPTION_KEY',
  taskDefaultConcurrency: 'KNM_TASK_CONCURRENCY',
  clusterMaxConcurrency: 'KNM_CLUSTER_MAX_CONCURRENCY',
  taskMaxAttempts: 'KNM_TASK_MAX_ATTEMPTS',
  taskHeartbeatMs: 'KNM_TASK_HEARTBEAT_MS',
  taskTakeoverAfterMs: 'KNM_TASK_TAKEOVER_AFTER_MS',
  taskDeadlineMs: 'KNM_TASK_DEADLINE_MS',
  consoleDir: 'KNM_CONSOLE_DIR',
  replicaId: 'KNM_REPLICA_ID',
  corsOrigins: 'KNM_CORS_ORIGINS',
  leaseDurationMs: 'KNM_LEASE_DURATION_MS',
  leaseRenewDeadlineMs: 'KNM_LEASE_RENEW_DEADLINE_MS',
  leaseRetryPeriodMs: 'KNM_LEASE_RETRY_PERIOD_MS',
  cacheCatchUpIntervalMs: 'KNM_CACHE_CATCH_UP_MS',
  kubeconfigExecCommands: 'KNM_KUBECONFIG_EXEC_COMMANDS',
  kubeconfigDirs: 'KNM_KUBECONFIG_DIRS',
  clusterHostsAllow: 'KNM_CLUSTER_HOSTS_ALLOW',
  clusterHostsDeny: 'KNM_CLUSTER_HOSTS_DENY',
  socketMaxRooms: 'KNM_SOCKET_MAX_ROOMS',
  socketMaxEventsPerSecond: 'KNM_SOCKET_MAX_EVENTS_PER_SECOND',
} as const;
type Key = keyof typeof KEYS;

class ValidatedConfig extends AppConfig {
  constructor(
    readonly port: number,
    readonly host: string,
    readonly dataDir: string,
    readonly databaseUrl: string | null,
    readonly encryptionKey: Buffer,
    readonly taskDefaultConcurrency: number,
    readonly clusterMaxConcurrency: number,
    readonly taskMaxAttempts: number,
    readonly taskHeartbeatMs: number,
    readonly taskTakeoverAfterMs: number,
    readonly taskDeadlineMs: number,
    readonly consoleDir: string | null,
    readonly replicaId: string,
    readonly corsOrigins: string[],
    readonly leaseDurationMs: number,
    readonly leaseRenewDeadlineMs: number,
    readonly leaseRetryPeriodMs: number,
    readonly cacheCatchUpIntervalMs: number,
    readonly kubeconfigExecCommands: string[],
    readonly kubeconfigDirs: string[],
    readonly clusterHostsAllow: string[],
    readonly clusterHostsDeny: string[],
    readonly socketMaxRooms: number,
    readonly socketMaxEventsPerSecond: number,
  ) {
    super();
  }
}

/** Reads the optional YAML file named by KNM_CONFIG; its keys are the camelCase names of {@link KEYS}. */
function readYaml(env: Source): Partial<Record<Key, unknown>> {
  const file = env.KNM_CONFIG;
  if (!file) return {};
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError('KNM_CONFIG', `names a file that cannot be read (${file}): ${(err as Error).message}`);
  }
  const doc: unknown = parseYaml(text);
  if (doc === null || doc === undefined) return {};
  if (typeof doc !== 'object' || Array.isArray(doc)) throw new ConfigError('KNM_CONFIG', 'must be a YAML mapping');
  const unknownKeys = Object.keys(doc).filter((k) => !(k in KEYS));
  if (unknownKeys.length) throw new ConfigError(`${file}: ${unknownKeys[0]}`, `is not a known setting (known: ${Object.keys(KEYS).join(', ')})`);
  return doc as Partial<Record<Key, unknown>>;
}

function intIn(key: string, raw: string, min: number, max: number): number {
  if (!/^\d+$/.test(raw)) throw new ConfigError(key, `must be a whole number, got "${raw}"`);
  const n = Number(raw);
  if (n < min || n > max) throw new ConfigError(key, `must be between ${min} and ${max}, got ${n}`);
  return n;
}

const commaList = (raw: string | undefined): string[] => (raw ?? '').split(',').map((s) => s.trim()).filter(Boolean);

/** A comma list of absolute paths (exec plugins, kubeconfig directories), normalised. */
function absolutePaths(key: string, raw: string | undefined): string[] {
  return commaList(raw).map((p) => {
    if (!isAbsolute(p)) throw new ConfigError(key, `must list absolute paths, got "${p}"`);
    return normalize(p);
  });
}

/** A comma list of cluster host rules: hostnames (optionally `*.` wildcards), IPs or CIDRs (libs/cluster address-policy). */
function hostRules(key: string, raw: string | undefined): string[] {
  const rules = commaList(raw);
  for (const rule of rules) {
    const problem = hostRuleViolation(rule);
    if (problem) throw new ConfigError(key, `entry "${rule}" ${problem}`);
  }
  return rules;
}

function loadEncryptionKey(raw: string | undefined, dataDir: string): Buffer {
  if (raw !== undefined && raw !== '') {
    const key = Buffer.from(raw, 'base64');
    if (key.length !== 32) throw new ConfigError(KEYS.encryptionKey, 'must be 32 bytes, base64-encoded (openssl rand -base64 32)');
    return key;
  }
  const file = join(dataDir, 'encryption.key');
  if (existsSync(file)) {
    const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
    if (key.length !== 32) throw new ConfigError(KEYS.encryptionKey, `file ${file} must hold 32 base64-encoded bytes`);
    return key;
  }
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  return key;
}

/**
 * Builds the validated configuration from environment variables (`KNM_*`) over an optional YAML
 * file (KNM_CONFIG). Throws {@link ConfigError} naming the key on the first bad value.
 */
export function loadConfig(env: Source = process.env): AppConfig {
  const yaml = readYaml(env);
  const get = (k: Key): string | undefined => {
    const fromEnv = env[KEYS[k]];
    if (fromEnv !== undefined) return fromEnv;
    const y = yaml[k];
    if (y === undefined || y === null) return undefined;
    return Array.isArray(y) ? y.join(',') : String(y);
  };
  const port = intIn(KEYS.port, get('port') ?? '8080', 0, 65535);
  // Loopback by default: until authentication exists, only the container image (deploy/Dockerfile)
  // binds every interface, behind the cluster's network policy and ingress.
  const host = get('host') ?? '127.0.0.1';
  const dataDir = resolve(get('dataDir') ?? './data');
  const databaseUrl = get('databaseUrl') || null;
  if (databaseUrl !== null) {
    let u: URL;
    try {
      u = new URL(databaseUrl);
    } catch {
      throw new ConfigError(KEYS.databaseUrl, 'must be a URL like postgres://user:pass@host:5432/db');
    }
    if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:') {
      throw new ConfigError(KEYS.databaseUrl, `must use the postgres:// scheme, got ${u.protocol}`);
    }
    if (!u.hostname) throw new ConfigError(KEYS.databaseUrl, 'must name a host');
  }
  const taskDefaultConcurrency = intIn(KEYS.taskDefaultConcurrency, get('taskDefaultConcurrency') ?? '10', 1, 500);
  const clusterMaxConcurrency = intIn(KEYS.clusterMaxConcurrency, get('clusterMaxConcurrency') ?? '50', 1, 1000);
  if (taskDefaultConcurrency > clusterMaxConcurrency) {
    throw new ConfigError(KEYS.taskDefaultConcurrency, `must not exceed ${KEYS.clusterMaxConcurrency} (${clusterMaxConcurrency})`);
  }
  const taskMaxAttempts = intIn(KEYS.taskMaxAttempts, get('taskMaxAttempts') ?? '8', 1, 100);
  const taskHeartbeatMs = intIn(KEYS.taskHeartbeatMs, get('taskHeartbeatMs') ?? '5000', 100, 60_000);
  const taskTakeoverAfterMs = intIn(KEYS.taskTakeoverAfterMs, get('taskTakeoverAfterMs') ?? '15000', 500, 600_000);
  if (taskTakeoverAfterMs < 2 * taskHeartbeatMs) {
    throw new ConfigError(KEYS.taskTakeoverAfterMs, `must be at least twice ${KEYS.taskHeartbeatMs} (${taskHeartbeatMs})`);
  }
  const taskDeadlineMs = intIn(KEYS.taskDeadlineMs, get('taskDeadlineMs') ?? '21600000', 1000, 7 * 24 * 3_600_000);
  const consoleDirRaw = get('consoleDir');
  const consoleDir = consoleDirRaw ? resolve(consoleDirRaw) : null;
  if (consoleDir && !existsSync(join(consoleDir, 'index.html'))) {
    throw new ConfigError(KEYS.consoleDir, `must be a directory holding the built console (no index.html in ${consoleDir})`);
  }
  const replicaId = get('replicaId') || `${hostname()}-${process.pid}`;
  const corsOrigins = commaList(get('corsOrigins'));
  const leaseTiming = {
    leaseDurationMs: intIn(KEYS.leaseDurationMs, get('leaseDurationMs') ?? '15000', 100, 600_000),
    renewDeadlineMs: intIn(KEYS.leaseRenewDeadlineMs, get('leaseRenewDeadlineMs') ?? '10000', 50, 600_000),
    retryPeriodMs: intIn(KEYS.leaseRetryPeriodMs, get('leaseRetryPeriodMs') ?? '2000', 10, 60_000),
  };
  const timingViolation = leaseTimingViolation(leaseTiming);
  if (timingViolation) throw new ConfigError(KEYS.leaseRenewDeadlineMs, `and the other lease timings are inconsistent: ${timingViolation}`);
  const cacheCatchUpIntervalMs = intIn(KEYS.cacheCatchUpIntervalMs, get('cacheCatchUpIntervalMs') ?? '30000', 100, 3_600_000);
  if (databaseUrl !== null && !get('encryptionKey')) {
    // A key generated per data dir would differ per replica: kubeconfigs stored by one could not be read by the others.
    throw new ConfigError(KEYS.encryptionKey, `is required with ${KEYS.databaseUrl}: every replica must share the key (openssl rand -base64 32)`);
  }
  const encryptionKey = loadEncryptionKey(get('encryptionKey'), dataDir);
  const kubeconfigExecCommands = absolutePaths(KEYS.kubeconfigExecCommands, get('kubeconfigExecCommands'));
  const kubeconfigDirs = absolutePaths(KEYS.kubeconfigDirs, get('kubeconfigDirs'));
  const clusterHostsAllow = hostRules(KEYS.clusterHostsAllow, get('clusterHostsAllow'));
  const clusterHostsDeny = hostRules(KEYS.clusterHostsDeny, get('clusterHostsDeny'));
  const socketMaxRooms = intIn(KEYS.socketMaxRooms, get('socketMaxRooms') ?? '256', 1, 100_000);
  const socketMaxEventsPerSecond = intIn(KEYS.socketMaxEventsPerSecond, get('socketMaxEventsPerSecond') ?? '50', 1, 100_000);
  return new ValidatedConfig(
    port, host, dataDir, databaseUrl, encryptionKey, taskDefaultConcurrency, clusterMaxConcurrency,
    taskMaxAttempts, taskHeartbeatMs, taskTakeoverAfterMs, taskDeadlineMs, consoleDir, replicaId, corsOrigins, leaseTiming.leaseDurationMs, leaseTiming.renewDeadlineMs,
    leaseTiming.retryPeriodMs, cacheCatchUpIntervalMs, kubeconfigExecCommands, kubeconfigDirs, clusterHostsAllow, clusterHostsDeny,
    socketMaxRooms, socketMaxEventsPerSecond,
  );
}

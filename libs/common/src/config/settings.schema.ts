import { hostname } from 'node:os';
import { z } from 'zod';
import { leaseTimingViolation } from './lease-timing';
import {
  absolutePathRule,
  commaList,
  consoleDirectory,
  directory,
  encryptionKey,
  hostOrCidrRule,
  optionalText,
  postgresUrl,
  text,
  wholeNumber,
} from './setting-types';

/** What the configuration table says about a setting: its environment variable and its meaning. */
export interface SettingMeta {
  /** Environment variable (`KNM_*`); the YAML key is the setting's camelCase name. */
  env: `KNM_${string}`;
  /** Meaning, with units; the README table's third column. */
  doc: string;
  /** README default column when the default is computed, not a plain value. */
  defaultText?: string;
}

/** Registry of {@link SettingMeta} for the fields of {@link settingsSchema}. */
export const settingMeta = z.registry<SettingMeta>();

const s = <T extends z.ZodType>(schema: T, meta: SettingMeta): T => {
  settingMeta.add(schema, meta);
  return schema;
};

/**
 * Every setting of the API, declared once: its camelCase name (the YAML key and the AppConfig
 * property), its value rules and default (the zod schema), its environment variable and meaning
 * (meta). The env names, the YAML keys, the defaults, the typed AppConfig and the README's
 * configuration table all come from here (README.md is checked against it by a unit test).
 */
const fields = {
  port: s(wholeNumber(0, 65535).default(8080), { env: 'KNM_PORT', doc: 'HTTP port (0 = any free port)' }),
  host: s(text().default('127.0.0.1'), {
    env: 'KNM_HOST',
    doc: 'bind address (the container image sets `0.0.0.0`; there is no authentication yet, so expose it only behind your network policy and ingress)',
  }),
  dataDir: s(directory().prefault('./data'), { env: 'KNM_DATA_DIR', doc: 'SQLite database and generated encryption key', defaultText: '`./data`' }),
  databaseUrl: s(postgresUrl(), {
    env: 'KNM_DATABASE_URL',
    doc: '`postgres://user:pass@host:5432/db`: replicated mode on PostgreSQL (pool, LISTEN client and Socket.IO adapter all use it)',
    defaultText: '—',
  }),
  encryptionKey: s(encryptionKey(), {
    env: 'KNM_ENCRYPTION_KEY',
    doc: '32 bytes, base64: AES-256-GCM key for kubeconfigs at rest; **required** with `KNM_DATABASE_URL` (every replica needs the same key)',
    defaultText: 'generated into `<data dir>/encryption.key`',
  }),
  taskDefaultConcurrency: s(wholeNumber(1, 500).default(10), { env: 'KNM_TASK_CONCURRENCY', doc: 'default parallel node operations per task' }),
  clusterMaxConcurrency: s(wholeNumber(1, 1000).default(50), {
    env: 'KNM_CLUSTER_MAX_CONCURRENCY',
    doc: 'ceiling on parallel node operations per cluster, across its tasks',
  }),
  taskMaxAttempts: s(wholeNumber(1, 100).default(8), {
    env: 'KNM_TASK_MAX_ATTEMPTS',
    doc: 'attempts per node operation (retries on 409/429/5xx/network errors with backoff, honouring Retry-After)',
  }),
  taskHeartbeatMs: s(wholeNumber(100, 60_000).default(5000), { env: 'KNM_TASK_HEARTBEAT_MS', doc: 'how often the executing replica heartbeats its running tasks, ms' }),
  taskTakeoverAfterMs: s(wholeNumber(500, 600_000).default(15_000), {
    env: 'KNM_TASK_TAKEOVER_AFTER_MS',
    doc: 'a running task whose heartbeat is older than this (ms) is taken over and resumed (at least 2 x heartbeat)',
  }),
  taskDeadlineMs: s(wholeNumber(1000, 7 * 24 * 3_600_000).default(21_600_000), {
    env: 'KNM_TASK_DEADLINE_MS',
    doc: 'a task still running after this (ms; default 6 h) ends failed; unfinished nodes are reported',
  }),
  leaseDurationMs: s(wholeNumber(100, 600_000).default(15_000), { env: 'KNM_LEASE_DURATION_MS', doc: 'informer lease duration, ms (judged by the database clock)' }),
  leaseRenewDeadlineMs: s(wholeNumber(50, 600_000).default(10_000), {
    env: 'KNM_LEASE_RENEW_DEADLINE_MS',
    doc: 'a leader that could not renew for this long (ms) steps down before the lease can expire',
  }),
  leaseRetryPeriodMs: s(wholeNumber(10, 60_000).default(2000), { env: 'KNM_LEASE_RETRY_PERIOD_MS', doc: 'acquire/renew interval, ms' }),
  cacheCatchUpIntervalMs: s(wholeNumber(100, 3_600_000).default(30_000), {
    env: 'KNM_CACHE_CATCH_UP_MS',
    doc: 'safety-net interval (ms) at which follower caches re-read node changes from the database',
  }),
  consoleDir: s(consoleDirectory(), { env: 'KNM_CONSOLE_DIR', doc: 'directory of the built console served at `/`', defaultText: 'set by `npm start`' }),
  replicaId: s(optionalText().transform((v) => v ?? `${hostname()}-${process.pid}`), {
    env: 'KNM_REPLICA_ID',
    doc: 'identity of this replica (task owner, lease holder); the StatefulSet sets the pod name',
    defaultText: '`<hostname>-<pid>`',
  }),
  corsOrigins: s(commaList(), {
    env: 'KNM_CORS_ORIGINS',
    doc: 'extra browser origins (comma list) allowed to call mutating REST routes and open the socket, besides the API\'s own origin; they also get CORS headers',
    defaultText: '—',
  }),
  kubeconfigExecCommands: s(commaList(absolutePathRule), {
    env: 'KNM_KUBECONFIG_EXEC_COMMANDS',
    doc: 'absolute paths of the exec credential plugins a kubeconfig may run (comma list); empty = every `exec` user is refused (see Security)',
    defaultText: '—',
  }),
  kubeconfigDirs: s(commaList(absolutePathRule), {
    env: 'KNM_KUBECONFIG_DIRS',
    doc: 'absolute directories whose regular files `kubeconfigPath` may name (comma list); empty = `kubeconfigPath` is refused',
    defaultText: '—',
  }),
  clusterHostsAllow: s(commaList(hostOrCidrRule), {
    env: 'KNM_CLUSTER_HOSTS_ALLOW',
    doc: 'cluster API server hosts allowed although a built-in rule (link-local, cloud metadata) refuses them: hostnames, `*.domain`, IPs or CIDRs (comma list)',
    defaultText: '—',
  }),
  clusterHostsDeny: s(commaList(hostOrCidrRule), {
    env: 'KNM_CLUSTER_HOSTS_DENY',
    doc: 'cluster API server hosts refused, over any allow rule: hostnames, `*.domain`, IPs or CIDRs (comma list)',
    defaultText: '—',
  }),
  socketMaxRooms: s(wholeNumber(1, 100_000).default(256), { env: 'KNM_SOCKET_MAX_ROOMS', doc: 'most rooms (task and cluster subscriptions) one socket may join' }),
  socketMaxEventsPerSecond: s(wholeNumber(1, 10_000).default(50), {
    env: 'KNM_SOCKET_MAX_EVENTS_PER_SECOND',
    doc: 'most events per second one socket may send (bursts up to the same number); a socket that keeps sending over it is disconnected',
  }),
};

export type SettingName = keyof typeof fields;

type Settings = { [K in SettingName]: z.output<(typeof fields)[K]> };

/** Cross-field rules; each issue names the setting to change. */
function crossFieldRules(c: Settings, ctx: z.RefinementCtx): void {
  const env = (k: SettingName) => settingMeta.get(fields[k])!.env;
  if (c.taskDefaultConcurrency > c.clusterMaxConcurrency) {
    ctx.addIssue({ code: 'custom', path: ['taskDefaultConcurrency'], message: `must not exceed ${env('clusterMaxConcurrency')} (${c.clusterMaxConcurrency})` });
  }
  if (c.taskTakeoverAfterMs < 2 * c.taskHeartbeatMs) {
    ctx.addIssue({ code: 'custom', path: ['taskTakeoverAfterMs'], message: `must be at least twice ${env('taskHeartbeatMs')} (${c.taskHeartbeatMs})` });
  }
  const timing = leaseTimingViolation({ leaseDurationMs: c.leaseDurationMs, renewDeadlineMs: c.leaseRenewDeadlineMs, retryPeriodMs: c.leaseRetryPeriodMs });
  if (timing) ctx.addIssue({ code: 'custom', path: ['leaseRenewDeadlineMs'], message: `and the other lease timings are inconsistent: ${timing}` });
  if (c.databaseUrl !== null && c.encryptionKey === null) {
    // A key generated per data dir would differ per replica: kubeconfigs stored by one could not be read by the others.
    ctx.addIssue({
      code: 'custom',
      path: ['encryptionKey'],
      message: `is required with ${env('databaseUrl')}: every replica must share the key (openssl rand -base64 32)`,
    });
  }
}

/** The settings schema: input = raw values by camelCase name, output = the typed settings. */
export const settingsSchema = z.strictObject(fields).superRefine(crossFieldRules);

/** The settings as validated; `encryptionKey` is null until provisioned from the data dir. */
export type ParsedSettings = z.output<typeof settingsSchema>;

/** Settings by camelCase name, as text or YAML values (what the schema parses). */
export type SettingsInput = Partial<Record<SettingName, unknown>>;

/** Names of every setting, in declaration order. */
export const SETTING_NAMES = Object.keys(fields) as SettingName[];

/** The meta (env name, meaning, default text) of a setting. */
export function metaOf(name: SettingName): SettingMeta {
  return settingMeta.get(fields[name])!;
}

/** The field schema of a setting (for its default). */
export function fieldOf(name: SettingName): z.ZodType {
  return fields[name];
}

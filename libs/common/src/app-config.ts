/**
 * Validated application configuration. Built once at boot by apps/api/src/config (the only code
 * that reads `process.env`) and provided under the {@link AppConfig} class token.
 */
export abstract class AppConfig {
  /** HTTP port (KNM_PORT, default 8080). 0 = any free port. */
  abstract readonly port: number;
  /** Bind address (KNM_HOST, default 127.0.0.1: loopback until authentication exists). */
  abstract readonly host: string;
  /** Directory for the SQLite file and the generated key (KNM_DATA_DIR, default ./data). */
  abstract readonly dataDir: string;
  /** PostgreSQL URL (KNM_DATABASE_URL); null = embedded SQLite in dataDir. */
  abstract readonly databaseUrl: string | null;
  /** 32-byte AES-256-GCM key for kubeconfigs at rest (KNM_ENCRYPTION_KEY, base64; generated into dataDir if absent). */
  abstract readonly encryptionKey: Buffer;
  /** Default per-task concurrency (KNM_TASK_CONCURRENCY, default 10). */
  abstract readonly taskDefaultConcurrency: number;
  /** Per-cluster ceiling on concurrent node operations (KNM_CLUSTER_MAX_CONCURRENCY, default 50). */
  abstract readonly clusterMaxConcurrency: number;
  /** Max attempts per node operation including the first (KNM_TASK_MAX_ATTEMPTS, default 8). */
  abstract readonly taskMaxAttempts: number;
  /** How often the executing replica renews its running tasks' heartbeat and looks for orphaned tasks, ms (KNM_TASK_HEARTBEAT_MS, default 5000). */
  abstract readonly taskHeartbeatMs: number;
  /** A task whose heartbeat is older than this is taken over by another replica, ms (KNM_TASK_TAKEOVER_AFTER_MS, default 15000). */
  abstract readonly taskTakeoverAfterMs: number;
  /** Per-task deadline from creation, ms (KNM_TASK_DEADLINE_MS, default 21 600 000 = 6 h); unstarted nodes are then cancelled. */
  abstract readonly taskDeadlineMs: number;
  /** Built console directory served at / (KNM_CONSOLE_DIR; null = not served). */
  abstract readonly consoleDir: string | null;
  /** Identity of this process (KNM_REPLICA_ID, default hostname-pid); owner of tasks and leases. */
  abstract readonly replicaId: string;
  /** Allowed browser origins for the socket (KNM_CORS_ORIGINS, comma list; empty = same origin only). */
  abstract readonly corsOrigins: string[];
  /** Replicated mode: how long a lease renewal holds, ms (KNM_LEASE_DURATION_MS, default 15 000; client-go's default). */
  abstract readonly leaseDurationMs: number;
  /** Replicated mode: step down when no renewal succeeded for this long, ms (KNM_LEASE_RENEW_DEADLINE_MS, default 10 000). */
  abstract readonly leaseRenewDeadlineMs: number;
  /** Replicated mode: pause between lease acquire/renew attempts, ms (KNM_LEASE_RETRY_PERIOD_MS, default 2 000). */
  abstract readonly leaseRetryPeriodMs: number;
  /** Replicated mode: followers re-read the node table at least this often, ms, in case a change hint was lost (KNM_CACHE_CATCH_UP_MS, default 30 000). */
  abstract readonly cacheCatchUpIntervalMs: number;
  /**
   * Absolute paths of the exec credential plugins a kubeconfig may name in `users[].user.exec.command`
   * (KNM_KUBECONFIG_EXEC_COMMANDS, comma list, default none: every `exec` user is refused).
   */
  abstract readonly kubeconfigExecCommands: string[];
  /** Absolute directories `kubeconfigPath` may name files in (KNM_KUBECONFIG_DIRS, comma list, default none: kubeconfigPath is refused). */
  abstract readonly kubeconfigDirs: string[];
  /** Cluster API server hosts allowed although a default rule refuses them: hostnames (`*.example.com`), IPs or CIDRs (KNM_CLUSTER_HOSTS_ALLOW, comma list). */
  abstract readonly clusterHostsAllow: string[];
  /** Cluster API server hosts refused, over any allow: hostnames (`*.example.com`), IPs or CIDRs (KNM_CLUSTER_HOSTS_DENY, comma list). */
  abstract readonly clusterHostsDeny: string[];
  /** Rooms (task and cluster subscriptions) one socket may be in at once (KNM_SOCKET_MAX_ROOMS, default 256). */
  abstract readonly socketMaxRooms: number;
  /** Events per second one socket may send, sustained; bursts up to the same number (KNM_SOCKET_MAX_EVENTS_PER_SECOND, default 50). */
  abstract readonly socketMaxEventsPerSecond: number;
}

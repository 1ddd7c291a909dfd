import { Injectable } from '@nestjs/common';
import { HealthCheckResult, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { LeaseCoordinator } from '@knm/leader';
import { ClusterHealthRegistry } from './cluster-health';
import { DatabaseHealthIndicator } from './database.health';
import { MetricsRegistry } from './metrics.registry';

/**
 * Liveness and readiness, composed with terminus. Liveness only says the event loop answers.
 * Readiness: the database answers within its timeout and every migration is applied (either
 * failing = `error`, 503); plus what this replica leads (`leases`) and, per cluster, role, cache
 * seq and sync state (`clusters`: `degraded` while a cluster is not synced, which keeps 200,
 * because the replica can still serve every request from the database-backed state).
 * Throws terminus' ServiceUnavailableException (body = the result) when not ready.
 */
@Injectable()
export class HealthService {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly database: DatabaseHealthIndicator,
    private readonly leases: LeaseCoordinator,
    private readonly clusters: ClusterHealthRegistry,
    metrics: MetricsRegistry,
  ) {
    const coordinator = this.leases;
    metrics.gauge({
      name: 'knm_lease_held',
      help: 'Leases this replica contends for: 1 while it holds the lease, 0 otherwise',
      labelNames: ['lease'] as const,
      collect() {
        this.reset();
        for (const l of coordinator.status()) this.set({ lease: l.name }, l.held ? 1 : 0);
      },
    });
  }

  live(): Promise<HealthCheckResult> {
    return this.health.check([() => this.indicators.check('process').up({ pid: process.pid, uptimeSeconds: Math.round(process.uptime()) })]);
  }

  ready(): Promise<HealthCheckResult> {
    return this.health.check([
      () => this.database.ping(),
      () => this.database.migrations(),
      () => this.indicators.check('leases').up({ held: this.leases.status().filter((l) => l.held) }),
      () => {
        const clusters = this.clusters.snapshot();
        const check = this.indicators.check('clusters');
        return clusters.every((c) => c.synced) ? check.up({ clusters }) : check.degraded({ clusters });
      },
    ]);
  }
}

import { Global, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { ClusterHealthRegistry } from './cluster-health';
import { DatabaseHealthIndicator } from './database.health';
import { HealthController } from './health.controller';
import { HealthService } from './health.service';
import { MetricsRegistry } from './metrics.registry';
import { ProductMetrics } from './product-metrics';

/**
 * `GET /health/live`, `GET /health/ready`, `GET /metrics`. Global so any library can inject
 * {@link MetricsRegistry} (to add metrics) and {@link ClusterHealthRegistry} (to report per-cluster
 * state) without importing this module. Needs the TypeORM DataSource and the LeaseCoordinator.
 */
@Global()
@Module({
  imports: [TerminusModule.forRoot({ logger: false })],
  controllers: [HealthController],
  providers: [MetricsRegistry, ClusterHealthRegistry, DatabaseHealthIndicator, HealthService, ProductMetrics],
  exports: [MetricsRegistry, ClusterHealthRegistry],
})
export class HealthModule {}

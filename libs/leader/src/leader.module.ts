import { Global, Module } from '@nestjs/common';
import { AppConfig, Clock } from '@knm/common';
import { DbLeaseCoordinator } from './db-lease-coordinator';
import { LeaseCoordinator } from './lease-coordinator';
import { LocalLeaseCoordinator } from './local-lease-coordinator';
import { PostgresLeaseStore } from './postgres-lease-store';

/**
 * Provides the {@link LeaseCoordinator}: with KNM_DATABASE_URL (replicated mode) a
 * {@link DbLeaseCoordinator} on PostgreSQL with its own connection; in embedded mode the
 * {@link LocalLeaseCoordinator}. Embedded mode keeps the local one on purpose: one process owns the
 * SQLite file, and a DB lease would make a restarted process wait up to a lease duration for the
 * lease its crashed predecessor still holds before watching its clusters again.
 */
@Global()
@Module({
  providers: [
    {
      provide: LeaseCoordinator,
      inject: [AppConfig, Clock],
      useFactory: (config: AppConfig, clock: Clock): LeaseCoordinator => {
        if (!config.databaseUrl) return new LocalLeaseCoordinator();
        const timing = { leaseDurationMs: config.leaseDurationMs, renewDeadlineMs: config.leaseRenewDeadlineMs, retryPeriodMs: config.leaseRetryPeriodMs };
        const statementTimeoutMs = Math.max(1_000, Math.min(5_000, timing.renewDeadlineMs / 2));
        const store = new PostgresLeaseStore(config.databaseUrl, statementTimeoutMs, `knm-leases ${config.replicaId}`.slice(0, 63));
        return new DbLeaseCoordinator(store, { ...timing, replicaId: config.replicaId }, clock);
      },
    },
  ],
  exports: [LeaseCoordinator],
})
export class LeaderModule {}

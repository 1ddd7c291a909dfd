import { Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { DataSource } from 'typeorm';

/** How long `GET /health/ready` waits for the database to answer `SELECT 1`, ms. */
export const DATABASE_PING_TIMEOUT_MS = 2_000;

/**
 * Database indicators for readiness: a ping under a timeout (a replica that cannot reach its
 * database cannot serve, so it must leave the load balancer) and "every migration this build
 * knows is applied". The latter is remembered once true: applied migrations never un-apply.
 */
@Injectable()
export class DatabaseHealthIndicator {
  private migrationsApplied = false;

  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly dataSource: DataSource,
  ) {}

  /** `database: up` when `SELECT 1` answers within `timeoutMs`; down with the error otherwise. */
  ping(timeoutMs = DATABASE_PING_TIMEOUT_MS): PromiseLike<HealthIndicatorResult<'database'>> {
    return this.indicators
      .check('database')
      .attempt(async () => {
        await this.dataSource.query('SELECT 1');
        return { driver: this.dataSource.options.type };
      })
      .withTimeout(timeoutMs);
  }

  /** `migrations: up` when no migration of this build is pending. */
  async migrations(timeoutMs = DATABASE_PING_TIMEOUT_MS): Promise<HealthIndicatorResult<'migrations'>> {
    const check = this.indicators.check('migrations');
    if (this.migrationsApplied) return check.up({ pending: false });
    return check
      .attempt(async () => {
        const pending = await this.dataSource.showMigrations();
        if (pending) throw new Error('migrations pending');
        this.migrationsApplied = true;
        return { pending: false };
      })
      .withTimeout(timeoutMs);
  }
}

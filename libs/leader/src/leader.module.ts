import { Global, Module } from '@nestjs/common';
import { LeaseCoordinator } from './lease-coordinator';
import { LocalLeaseCoordinator } from './local-lease-coordinator';

/** Provides the {@link LeaseCoordinator}. */
@Global()
@Module({
  providers: [{ provide: LeaseCoordinator, useClass: LocalLeaseCoordinator }],
  exports: [LeaseCoordinator],
})
export class LeaderModule {}

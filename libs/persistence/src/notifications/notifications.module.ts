import { Module } from '@nestjs/common';
import { NotificationListener } from './notification-listener';
import { PgListenClientFactory } from './pg-listen-client';
import { PgNotificationListener } from './pg-notification-listener';

/**
 * Provides {@link NotificationListener} (PostgreSQL LISTEN on its own connection per
 * subscription). Needs AppConfig, Clock and RandomSource (global). Used in replicated mode only:
 * nothing connects until `listen()` is called.
 */
@Module({
  providers: [PgListenClientFactory, { provide: NotificationListener, useClass: PgNotificationListener }],
  exports: [NotificationListener],
})
export class PersistenceNotificationsModule {}

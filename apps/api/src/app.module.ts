import { DynamicModule, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AppConfig, CommonModule, DomainExceptionFilter, RequestIdMiddleware } from '@knm/common';
import { PersistenceModule } from '@knm/persistence';
import { ClusterModule } from '@knm/cluster';
import { LeaderModule } from '@knm/leader';
import { InformerModule, ReplicationModule } from '@knm/informer';
import { SmartCacheModule } from '@knm/smart-cache';
import { RealtimeModule } from '@knm/realtime';
import { ProgressModule } from '@knm/progress';
import { BatchModule } from '@knm/batch';
import { HealthModule } from '@knm/health';
import { ConfigModule } from './config/config.module';
import { ConsoleModule } from './console.module';

/** Wiring only. */
@Module({})
export class AppModule implements NestModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        CommonModule,
        PersistenceModule,
        ClusterModule,
        LeaderModule,
        InformerModule,
        SmartCacheModule,
        RealtimeModule,
        ProgressModule,
        BatchModule,
        HealthModule,
        ReplicationModule,
        ConsoleModule.forRoot(config.consoleDir),
      ],
      providers: [{ provide: APP_FILTER, useClass: DomainExceptionFilter }],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestIdMiddleware).forRoutes('*path');
  }
}

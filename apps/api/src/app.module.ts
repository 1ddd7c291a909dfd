import { DynamicModule, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';
import { AppConfig, CommonModule, DomainExceptionFilter, JsonBodyMiddleware, RequestIdMiddleware, RequestInputInterceptor } from '@knm/common';
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
      providers: [
        { provide: APP_FILTER, useClass: DomainExceptionFilter },
        { provide: APP_INTERCEPTOR, useClass: RequestInputInterceptor },
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    // Request id first, so every answer (the gate's 403/413/415 included) carries it.
    consumer.apply(RequestIdMiddleware, JsonBodyMiddleware).forRoutes('*path');
  }
}

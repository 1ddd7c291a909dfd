import { DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig } from '@knm/common';

/** Provides the validated {@link AppConfig} built in main.ts to every module. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: ConfigModule, providers: [{ provide: AppConfig, useValue: config }], exports: [AppConfig] };
  }
}

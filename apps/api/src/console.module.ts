import { DynamicModule, Module } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';

/** Serves the built console at / (SPA fallback to index.html), never under /api, /health, /metrics or /socket.io. */
@Module({})
export class ConsoleModule {
  static forRoot(consoleDir: string | null): DynamicModule {
    if (!consoleDir) return { module: ConsoleModule };
    return {
      module: ConsoleModule,
      imports: [
        ServeStaticModule.forRoot({
          rootPath: consoleDir,
          exclude: ['/api/{*path}', '/health/{*path}', '/metrics', '/socket.io/{*path}'],
        }),
      ],
    };
  }
}

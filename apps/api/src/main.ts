import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { API_PREFIX } from '@knm/contracts';
import { OriginPolicy } from '@knm/common';
import { AppModule } from './app.module';
import { provisionEncryptionKey } from './config/encryption-key';
import { ConfigError, loadConfig } from './config/load-config';
import { PostgresIoAdapter } from './realtime/postgres-io.adapter';

/**
 * Boots the API. Prints `KNM_LISTENING <url>` on stdout once it listens (test harnesses wait for
 * it, with port 0). Exits 1 with a message naming the setting on a configuration error.
 */
async function bootstrap(): Promise<void> {
  let config;
  try {
    config = provisionEncryptionKey(loadConfig());
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  process.on('unhandledRejection', (reason) => {
    // client-node can reject outside any awaited promise on watch reconnects (TECH-NOTES 1): log, keep serving.
    new Logger('process').error(`unhandled rejection: ${reason instanceof Error ? reason.stack : String(reason)}`);
  });
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bufferLogs: false,
    logger: ['error', 'warn', 'log'],
    // Bodies are parsed by JsonBodyMiddleware only: JSON, bounded, after the origin check.
    bodyParser: false,
  });
  app.setGlobalPrefix(API_PREFIX.slice(1), { exclude: ['health/{*path}', 'metrics'] });
  // CORS headers for the configured extra origins only (the socket uses the same OriginPolicy).
  const origins = new OriginPolicy(config.corsOrigins);
  app.enableCors({ origin: (origin, cb) => cb(null, origins.corsAllows(origin)) });
  app.enableShutdownHooks();
  const openApi = new DocumentBuilder()
    .setTitle('kube-node-manager API')
    .setDescription('Nodes of many Kubernetes clusters: live node queries, batch tasks with sequenced progress events.')
    .setVersion('v1')
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, openApi), { jsonDocumentUrl: 'api/docs/openapi.json' });
  app.disable('x-powered-by');
  if (config.databaseUrl) app.useWebSocketAdapter(await PostgresIoAdapter.connect(app, config.databaseUrl));
  await app.listen(config.port, config.host);
  const url = (await app.getUrl()).replace('[::1]', 'localhost').replace('0.0.0.0', '127.0.0.1');
  process.stdout.write(`KNM_LISTENING ${url}\n`);
}

bootstrap().catch((err: unknown) => {
  process.stderr.write(`startup failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});

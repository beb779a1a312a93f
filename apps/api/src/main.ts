import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ConfigError, loadConfig } from '#config';
import { AppModule } from './app.module.js';
import { APPLICATION_OPTIONS, configureApplication, createHttpAdapter } from './platform/http-application.js';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, createHttpAdapter(config), APPLICATION_OPTIONS);
  await configureApplication(app, config);
  app.enableShutdownHooks();
  await app.listen(config.port, '0.0.0.0');
  console.log(`Quality Ledger api listening on http://localhost:${config.port} (store: ${config.dataDir}, docs: /docs)`);
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});

import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ConfigError } from '#config';
import { ProjectorModule } from './projector.module.js';

/** The projections and process managers as a process of their own, for deployments that run the api with PROJECTIONS=off. */
async function bootstrap(): Promise<void> {
  const app = await NestFactory.createApplicationContext(ProjectorModule);
  app.enableShutdownHooks();
  console.log('Quality Ledger projector running');
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});

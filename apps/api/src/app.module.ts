import { Module } from '@nestjs/common';
import { AuthModule } from './auth/auth.module.js';
import { HealthController } from './health/health.controller.js';
import { PlatformModule } from './platform/platform.module.js';

@Module({
  imports: [PlatformModule, AuthModule],
  controllers: [HealthController],
})
export class AppModule {}

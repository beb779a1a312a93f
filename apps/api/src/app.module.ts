import { Module } from '@nestjs/common';
import { AuthModule } from './auth/auth.module.js';
import { CareModule } from './care/care.module.js';
import { HealthController } from './health/health.controller.js';
import { HistoryModule } from './history/history.module.js';
import { PlatformModule } from './platform/platform.module.js';

@Module({
  imports: [PlatformModule, AuthModule, CareModule, HistoryModule],
  controllers: [HealthController],
})
export class AppModule {}

import { Module } from '@nestjs/common';
import { PersistenceModule, ProjectionsModule } from '#libs/persistence/src/index.js';
import { HealthController } from './health/health.controller.js';

@Module({
  imports: [PersistenceModule, ProjectionsModule.register('when-inline')],
  controllers: [HealthController],
})
export class AppModule {}

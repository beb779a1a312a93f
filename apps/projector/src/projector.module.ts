import { Module } from '@nestjs/common';
import { PersistenceModule, ProjectionsModule } from '#libs/persistence/src/index.js';

@Module({ imports: [PersistenceModule, ProjectionsModule.register('always')] })
export class ProjectorModule {}

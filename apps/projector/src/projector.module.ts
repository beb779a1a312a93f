import { Module } from '@nestjs/common';
import { PersistenceModule, ProjectionsModule } from '#persistence';

@Module({ imports: [PersistenceModule, ProjectionsModule.register('always')] })
export class ProjectorModule {}

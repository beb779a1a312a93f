import { Module } from '@nestjs/common';
import { CatalogueController, IndicatorsController } from './catalogue.controller.js';

/** The event catalogue (`GET /events/catalogue`, its AsyncAPI document) and the indicators (`GET /indicators`). The platform provides the schemas. */
@Module({ controllers: [CatalogueController, IndicatorsController] })
export class CatalogueModule {}

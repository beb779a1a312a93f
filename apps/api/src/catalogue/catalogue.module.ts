import { Module } from '@nestjs/common';
import { CatalogueController } from './catalogue.controller.js';

/** The event catalogue: `GET /events/catalogue` and its AsyncAPI document. The platform provides the schemas. */
@Module({ controllers: [CatalogueController] })
export class CatalogueModule {}

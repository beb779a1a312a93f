import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { EventSchemaRegistry } from '#kernel';
import { ROLES, type Role } from '#domain/access/index.js';
import { INDICATOR_IDS, INDICATORS } from '#domain/catalogue/indicators.js';
import { Roles } from '../auth/access.decorators.js';
import { API_VERSION } from '../platform/openapi.js';
import { rolesNote } from '../platform/route-docs.js';
import { AsyncApiDocumentView, EventCatalogueView, IndicatorCatalogueView } from './catalogue.dto.js';
import { asyncApiOf, catalogueOf, type CatalogueEntry } from './event-catalogue.js';

/** The readers of the feed, whom the catalogue describes it to. */
const CATALOGUE_READERS: [Role, ...Role[]] = ['service', 'auditor', 'admin'];

/**
 * The published shape of every event, built from the schemas that appends are validated with, so the
 * two cannot drift.
 */
@ApiTags('events')
@Controller('events/catalogue')
@Roles(...CATALOGUE_READERS)
export class CatalogueController {
  private readonly entries: CatalogueEntry[];
  private readonly asyncApi: Record<string, unknown>;

  constructor(registry: EventSchemaRegistry) {
    this.entries = catalogueOf(registry);
    this.asyncApi = asyncApiOf(this.entries, API_VERSION);
  }

  @Get()
  @ApiOperation({
    summary: 'Every event type with its JSON Schema per version, its current version and an example',
    description: `${rolesNote(CATALOGUE_READERS)} Events of an older version are upcast to the current one before any reader sees them.`,
  })
  @ApiOkResponse({ type: EventCatalogueView })
  catalogue(): EventCatalogueView {
    return { types: this.entries as EventCatalogueView['types'] };
  }

  @Get('asyncapi')
  @ApiOperation({
    summary: 'The event feed as an AsyncAPI 3.0 document',
    description: `${rolesNote(CATALOGUE_READERS)} A channel per stream category of \`GET /feed\`, a message per event type.`,
  })
  @ApiOkResponse({ type: AsyncApiDocumentView })
  asyncapi(): Record<string, unknown> {
    return this.asyncApi;
  }
}

const INDICATOR_CATALOGUE: IndicatorCatalogueView = { indicators: INDICATOR_IDS.map((id) => ({ id, ...INDICATORS[id] })) };

/** The indicators a KPI can name, for everyone who sets or reads targets. */
@ApiTags('indicators')
@Controller('indicators')
@Roles(...ROLES)
export class IndicatorsController {
  @Get()
  @ApiOperation({
    summary: 'Every indicator the api computes: unit, direction, definition and version, and the metric route that computes it',
    description: `${rolesNote(ROLES)} A job profile's KPI names one of them by id, with a target within its range.`,
  })
  @ApiOkResponse({ type: IndicatorCatalogueView })
  indicators(): IndicatorCatalogueView {
    return INDICATOR_CATALOGUE;
  }
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  INDICATOR_DIRECTIONS,
  INDICATOR_UNITS,
  type Indicator,
  type IndicatorDirection,
  type IndicatorId,
  type IndicatorUnit,
} from '#domain/catalogue/indicators.js';

export class EventVersionView {
  @ApiProperty({ example: 2 })
  readonly version!: number;

  @ApiPropertyOptional({ description: 'Why the version exists; absent on version 1.' })
  readonly change?: string;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The JSON Schema (draft-07) of `data` at this version.' })
  readonly schema!: Record<string, unknown>;
}

export class EventTypeView {
  @ApiProperty({ example: 'CareCaseOpened' })
  readonly name!: string;

  @ApiProperty({ example: 'careCase', description: 'The stream category its events are appended to (`<category>-<id>`).' })
  readonly category!: string;

  @ApiProperty({ type: [String], description: 'Every category it is appended to; most types have one.' })
  readonly categories!: string[];

  @ApiProperty()
  readonly description!: string;

  @ApiProperty({ example: 2, description: 'The version new events are written with; older ones are upcast to it on read.' })
  readonly currentVersion!: number;

  @ApiProperty({ type: [EventVersionView], description: 'Every version, oldest first.' })
  readonly versions!: EventVersionView[];

  @ApiProperty({ type: 'object', additionalProperties: true, description: '`data` of an event of the current version.' })
  readonly example!: unknown;
}

export class EventCatalogueView {
  @ApiProperty({ type: [EventTypeView], description: 'Every event type, by name.' })
  readonly types!: EventTypeView[];
}

export class AsyncApiDocumentView {
  @ApiProperty({ example: '3.0.0' })
  readonly asyncapi!: string;

  @ApiProperty({ type: 'object', additionalProperties: true })
  readonly info!: Record<string, unknown>;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'A channel per stream category of `GET /feed`.' })
  readonly channels!: Record<string, unknown>;

  @ApiProperty({ type: 'object', additionalProperties: true })
  readonly operations!: Record<string, unknown>;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'A message per event type; payload = the envelope.' })
  readonly components!: Record<string, unknown>;
}

class IndicatorSourceView {
  @ApiProperty({ example: '/metrics/support', description: 'The metric route that computes it.' })
  readonly route!: string;

  @ApiProperty({ example: 'firstResponseWithinTarget', description: "The field of that route's rows, dotted into nested objects." })
  readonly field!: string;

  @ApiPropertyOptional({ example: 60, description: "What the field's value is divided by to give the indicator's unit: 60 turns seconds into minutes." })
  readonly divideBy?: number;
}

export class IndicatorView implements Indicator {
  @ApiProperty({ example: 'support.firstResponseWithinTarget', description: 'What a job profile KPI names it by.' })
  readonly id!: IndicatorId;

  @ApiProperty({ example: 'First responses within target' })
  readonly name!: string;

  @ApiProperty({ enum: INDICATOR_UNITS, description: '`share` from 0 to 1; `ratio` a quotient without bound; `score` on the scale `range` gives; `count` a number of things, or a mean of them.' })
  readonly unit!: IndicatorUnit;

  @ApiProperty({ enum: INDICATOR_DIRECTIONS })
  readonly direction!: IndicatorDirection;

  @ApiProperty({ example: 1, description: 'Raised whenever the formula changes.' })
  readonly definitionVersion!: number;

  @ApiProperty({ example: "Tickets first answered within the line's first response target, of the tickets answered." })
  readonly definition!: string;

  @ApiProperty({
    type: 'array',
    items: { type: 'number', nullable: true },
    minItems: 2,
    maxItems: 2,
    example: [0, 1],
    description: 'The lowest and highest values it can take, null for no bound: a KPI target lies within them.',
  })
  readonly range!: readonly [number, number | null];

  @ApiProperty({ type: IndicatorSourceView })
  readonly source!: IndicatorSourceView;

  @ApiPropertyOptional({ example: 'employee', description: 'The `groupBy` of its route that gives it per employee, where it has one.' })
  readonly perEmployee?: string;
}

export class IndicatorCatalogueView {
  @ApiProperty({ type: [IndicatorView], description: 'Every indicator, by context.' })
  readonly indicators!: readonly IndicatorView[];
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

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

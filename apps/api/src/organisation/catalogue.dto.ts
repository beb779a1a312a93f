import { ApiProperty } from '@nestjs/swagger';
import { AsOfQuery } from '../platform/as-of.js';
import { IdField, PageQuery } from '../platform/dto-fields.js';
import { EffectiveAtField } from './effective-date.js';

/** The query of a catalogue entry: as known at `asOf`, as it stood at `at`. */
export class CatalogueReadQuery extends AsOfQuery {
  @EffectiveAtField()
  readonly at?: string;
}

/** A catalogue list, a page at a time; the filters apply to the entries as they stood at `at`, when given. */
export class CatalogueListQuery extends PageQuery {
  @EffectiveAtField()
  readonly at?: string;
}

export class CatalogueIdParams {
  @IdField('The id of the entry.', 'section-quality')
  readonly id!: string;
}

/** The lifespan every catalogue entry shows. */
export class LifespanView {
  @ApiProperty({ format: 'date-time', description: 'Business date the entry came into being (created, hired).' })
  readonly since!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Business date it was closed, retired or left; null while it lives.' })
  readonly until!: string | null;

  @ApiProperty({ format: 'date-time', description: 'Business date of its latest change; no change may be dated before it.' })
  readonly lastChangedAt!: string;
}

/** What every listed entry shows besides its state: its id and lifespan. */
export class CatalogueEntryView extends LifespanView {
  @ApiProperty({ description: 'The id of the entry.' })
  readonly id!: string;
}

export class VersionDateView {
  @ApiProperty({ format: 'date-time', description: 'Business date this version took effect.' })
  readonly from!: string;
}

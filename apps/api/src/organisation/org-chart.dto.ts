import { ApiProperty } from '@nestjs/swagger';
import { PRODUCT_KINDS, type ProductKind } from '#domain/organisation/index.js';
import type { ChartEmployee, ChartPosition, ChartProduct, ChartSection, OrgChart } from '#projections/organisation/org-chart.js';
import { AsOfView } from '../platform/as-of.js';

class ChartProductView implements ChartProduct {
  @ApiProperty()
  readonly id!: string;

  @ApiProperty()
  readonly name!: string;

  @ApiProperty({ enum: PRODUCT_KINDS })
  readonly kind!: ProductKind;
}

class ChartPositionView implements ChartPosition {
  @ApiProperty()
  readonly id!: string;

  @ApiProperty()
  readonly title!: string;
}

class ChartEmployeeView implements ChartEmployee {
  @ApiProperty()
  readonly id!: string;

  @ApiProperty()
  readonly name!: string;

  @ApiProperty()
  readonly positionId!: string;
}

class ChartSectionView implements ChartSection {
  @ApiProperty()
  readonly id!: string;

  @ApiProperty()
  readonly name!: string;

  @ApiProperty()
  readonly valuableFinalProduct!: string;

  @ApiProperty({ type: [ChartProductView], description: 'Its active products and funnels, by name.' })
  readonly products!: readonly ChartProductView[];

  @ApiProperty({ type: [ChartPositionView], description: 'Its active positions, by title.' })
  readonly positions!: readonly ChartPositionView[];

  @ApiProperty({ type: [ChartEmployeeView], description: 'Its employees, by name.' })
  readonly employees!: readonly ChartEmployeeView[];

  @ApiProperty({ type: () => [ChartSectionView], description: 'Its open sub-sections, by name.' })
  readonly subsections!: readonly ChartSectionView[];
}

export class OrgChartAnswer implements OrgChart {
  @ApiProperty({ format: 'date-time', description: 'The business instant the chart shows (inclusive): `at`, or now.' })
  readonly at!: string;

  @ApiProperty({ type: AsOfView, description: 'The moment of the log the chart reflects; pass its position as `asOf` to get it again.' })
  readonly asOf!: AsOfView;

  @ApiProperty({ type: [ChartSectionView], description: 'The top-level sections open at `at`, by name, each with its sub-sections.' })
  readonly sections!: readonly ChartSectionView[];

  @ApiProperty({ type: [ChartPositionView], description: 'Active positions of the whole company, which belong to no section.' })
  readonly companyPositions!: readonly ChartPositionView[];
}

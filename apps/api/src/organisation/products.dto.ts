import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsIn, IsString } from 'class-validator';
import {
  MAX_NAME_LENGTH,
  PRODUCT_KINDS,
  type CreateProduct,
  type ProductKind,
  type RenameProduct,
  type TransferProduct,
} from '#domain/organisation/index.js';
import type { ProductDocument, ProductState } from '#projections/organisation/organisation.projection.js';
import type { RequestOf } from '../platform/command-requests.js';
import { IdField, NEXT_CURSOR_FIELD, OccurredAtField, OptionalIdField, POSITION_FIELD } from '../platform/dto-fields.js';
import { Omittable } from '../platform/omittable.js';
import { CatalogueEntryView, CatalogueListQuery, VersionDateView } from './catalogue.dto.js';
import type { CatalogueSummary, CatalogueView } from './organisation-queries.service.js';

export const PRODUCT_STATUSES = ['active', 'retired'] as const;
type ProductStatus = (typeof PRODUCT_STATUSES)[number];

const KIND = {
  enum: PRODUCT_KINDS,
  example: 'product',
  description: 'A product a section delivers (a landing page, an email, a webinar, a course, a support answer), or a funnel that sells.',
};

export class CreateProductRequest implements RequestOf<CreateProduct, 'productId' | 'structure'> {
  @OptionalIdField('The product id, when the caller chooses it; default: a new UUIDv7.', 'webinar-spring')
  readonly id?: string;

  @ApiProperty(KIND)
  @IsIn(PRODUCT_KINDS)
  @IsString()
  readonly kind!: ProductKind;

  @ApiProperty({ maxLength: MAX_NAME_LENGTH, example: 'Spring webinar' })
  @IsString()
  readonly name!: string;

  @IdField('The open section that owns it.', 'section-webinars')
  readonly sectionId!: string;

  @OccurredAtField()
  readonly occurredAt?: string;
}

export class RenameProductRequest implements RequestOf<RenameProduct, 'productId'> {
  @ApiProperty({ maxLength: MAX_NAME_LENGTH, example: 'Autumn webinar' })
  @IsString()
  readonly name!: string;

  @OccurredAtField()
  readonly occurredAt?: string;
}

export class TransferProductRequest implements RequestOf<TransferProduct, 'productId' | 'structure'> {
  @IdField('The open section that owns it from now on.', 'section-courses')
  readonly sectionId!: string;

  @OccurredAtField()
  readonly occurredAt?: string;
}

export class ProductListQuery extends CatalogueListQuery {
  @OptionalIdField('Only the products of this section.', 'section-webinars')
  readonly sectionId?: string;

  @ApiPropertyOptional({ enum: PRODUCT_KINDS })
  @Omittable()
  @IsIn(PRODUCT_KINDS)
  readonly kind?: ProductKind;

  @ApiPropertyOptional({ enum: PRODUCT_STATUSES })
  @Omittable()
  @IsIn(PRODUCT_STATUSES)
  readonly status?: ProductStatus;
}

class ProductStateFields implements ProductState {
  @ApiProperty()
  readonly name!: string;

  @ApiProperty({ description: 'The owning section.' })
  readonly sectionId!: string;

  @ApiProperty({ enum: PRODUCT_STATUSES })
  readonly status!: ProductStatus;
}

class ProductVersionView extends IntersectionType(ProductStateFields, VersionDateView) {}

export class ProductSummaryView extends IntersectionType(ProductStateFields, CatalogueEntryView) implements CatalogueSummary<ProductDocument> {
  @ApiProperty(KIND)
  readonly kind!: ProductKind;
}

export class ProductView extends ProductSummaryView implements CatalogueView<ProductDocument> {
  @ApiProperty({ type: [ProductVersionView], description: 'Every version, oldest first.' })
  readonly history!: readonly ProductVersionView[];

  @ApiProperty(POSITION_FIELD)
  readonly position!: string;
}

export class ProductPage {
  @ApiProperty({ type: [ProductSummaryView], description: 'In the order the products were created, then by id.' })
  readonly items!: ProductSummaryView[];

  @ApiProperty(NEXT_CURSOR_FIELD)
  readonly nextCursor!: string | null;
}

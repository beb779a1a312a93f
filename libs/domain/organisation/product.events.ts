import type { DomainEvent } from '#kernel';

/** Stream category of products and funnels: each lives in `product-<productId>`. */
export const PRODUCT_CATEGORY = 'product';

export const PRODUCT_CREATED = 'ProductCreated';
export const PRODUCT_RENAMED = 'ProductRenamed';
export const PRODUCT_TRANSFERRED = 'ProductTransferred';
export const PRODUCT_RETIRED = 'ProductRetired';

/** A product is what a section delivers (a landing page, an email, a webinar, a course, a support answer); a funnel sells it. */
export const PRODUCT_KINDS = ['product', 'funnel'] as const;
export type ProductKind = (typeof PRODUCT_KINDS)[number];

export interface ProductCreatedData {
  readonly productId: string;
  readonly kind: ProductKind;
  readonly name: string;
  /** The owning section. */
  readonly sectionId: string;
  readonly createdAt: string;
}

export interface ProductRenamedData {
  readonly productId: string;
  readonly name: string;
  readonly previousName: string;
  readonly renamedAt: string;
}

export interface ProductTransferredData {
  readonly productId: string;
  readonly sectionId: string;
  readonly previousSectionId: string;
  readonly transferredAt: string;
}

export interface ProductRetiredData {
  readonly productId: string;
  readonly retiredAt: string;
}

export type ProductCreated = DomainEvent<typeof PRODUCT_CREATED, ProductCreatedData>;
export type ProductRenamed = DomainEvent<typeof PRODUCT_RENAMED, ProductRenamedData>;
export type ProductTransferred = DomainEvent<typeof PRODUCT_TRANSFERRED, ProductTransferredData>;
export type ProductRetired = DomainEvent<typeof PRODUCT_RETIRED, ProductRetiredData>;

export type ProductEvent = ProductCreated | ProductRenamed | ProductTransferred | ProductRetired;

import { requireId, requireOneOf, requireText, requireUtcInstant } from '../shared/validation.js';
import { MAX_NAME_LENGTH } from './org-structure.commands.js';
import type { OrgStructure } from './org-structure.state.js';
import { PRODUCT_KINDS, type ProductKind } from './product.events.js';

/*
 * Commands that name a section carry the organisation structure as the command service folded it
 * from its stream: the decider checks the reference against it and stays pure.
 */

export interface CreateProduct {
  readonly type: 'CreateProduct';
  readonly productId: string;
  readonly kind: ProductKind;
  readonly name: string;
  readonly sectionId: string;
  readonly structure: OrgStructure;
  readonly at: string;
}

export interface RenameProduct {
  readonly type: 'RenameProduct';
  readonly productId: string;
  readonly name: string;
  readonly at: string;
}

export interface TransferProduct {
  readonly type: 'TransferProduct';
  readonly productId: string;
  readonly sectionId: string;
  readonly structure: OrgStructure;
  readonly at: string;
}

export interface RetireProduct {
  readonly type: 'RetireProduct';
  readonly productId: string;
  readonly at: string;
}

export type ProductCommand = CreateProduct | RenameProduct | TransferProduct | RetireProduct;

export function validCreateProduct(command: CreateProduct): CreateProduct {
  return {
    type: command.type,
    productId: requireId(command.productId, 'productId'),
    kind: requireOneOf(command.kind, 'kind', PRODUCT_KINDS),
    name: requireText(command.name, 'name', MAX_NAME_LENGTH),
    sectionId: requireId(command.sectionId, 'sectionId'),
    structure: command.structure,
    at: requireUtcInstant(command.at, 'at'),
  };
}

export function validRenameProduct(command: RenameProduct): RenameProduct {
  return {
    type: command.type,
    productId: requireId(command.productId, 'productId'),
    name: requireText(command.name, 'name', MAX_NAME_LENGTH),
    at: requireUtcInstant(command.at, 'at'),
  };
}

export function validTransferProduct(command: TransferProduct): TransferProduct {
  return {
    type: command.type,
    productId: requireId(command.productId, 'productId'),
    sectionId: requireId(command.sectionId, 'sectionId'),
    structure: command.structure,
    at: requireUtcInstant(command.at, 'at'),
  };
}

export function validRetireProduct(command: RetireProduct): RetireProduct {
  return {
    type: command.type,
    productId: requireId(command.productId, 'productId'),
    at: requireUtcInstant(command.at, 'at'),
  };
}

import { DomainRuleError, NotFoundError, type Decider } from '#kernel';
import {
  validCreateProduct,
  validRenameProduct,
  validRetireProduct,
  validTransferProduct,
  type CreateProduct,
  type ProductCommand,
  type RenameProduct,
  type TransferProduct,
} from './product.commands.js';
import {
  PRODUCT_CREATED,
  PRODUCT_RENAMED,
  PRODUCT_RETIRED,
  PRODUCT_TRANSFERRED,
  type ProductEvent,
  type ProductKind,
} from './product.events.js';
import { openSectionAt, rejectDatedBeforeLastChange } from './references.js';

export type ProductState =
  | { readonly status: 'absent' }
  | {
      readonly status: 'active' | 'retired';
      readonly productId: string;
      readonly kind: ProductKind;
      readonly name: string;
      readonly sectionId: string;
      readonly lastChangedAt: string;
    };

type ExistingProduct = Exclude<ProductState, { status: 'absent' }>;

export type ProductDecider = Decider<ProductCommand, ProductEvent, ProductState>;

/**
 * A product or a funnel, owned by an open section: created, renamed, transferred to another open
 * section, retired. A retired product takes no further change; renaming to the same name or
 * transferring to the owning section appends nothing.
 */
export function productDecider(): ProductDecider {
  return {
    initialState: () => ({ status: 'absent' }),

    decide(command, state) {
      switch (command.type) {
        case 'CreateProduct':
          return create(validCreateProduct(command), state);
        case 'RenameProduct':
          return rename(validRenameProduct(command), state);
        case 'TransferProduct':
          return transfer(validTransferProduct(command), state);
        case 'RetireProduct': {
          const { productId, at } = validRetireProduct(command);
          return [{ type: PRODUCT_RETIRED, data: { productId: changeable(state, productId, at).productId, retiredAt: at } }];
        }
      }
    },

    evolve,
  };
}

function create(command: CreateProduct, state: ProductState): ProductEvent[] {
  const { productId, kind, name, sectionId, at } = command;
  if (state.status !== 'absent') {
    throw new DomainRuleError('PRODUCT_EXISTS', `product ${productId} already exists`, { productId });
  }
  openSectionAt(command.structure, sectionId, 'sectionId', at);
  return [{ type: PRODUCT_CREATED, data: { productId, kind, name, sectionId, createdAt: at } }];
}

function rename(command: RenameProduct, state: ProductState): ProductEvent[] {
  const product = changeable(state, command.productId, command.at);
  if (product.name === command.name) return [];
  return [
    {
      type: PRODUCT_RENAMED,
      data: { productId: product.productId, name: command.name, previousName: product.name, renamedAt: command.at },
    },
  ];
}

function transfer(command: TransferProduct, state: ProductState): ProductEvent[] {
  const product = changeable(state, command.productId, command.at);
  openSectionAt(command.structure, command.sectionId, 'sectionId', command.at);
  if (product.sectionId === command.sectionId) return [];
  return [
    {
      type: PRODUCT_TRANSFERRED,
      data: {
        productId: product.productId,
        sectionId: command.sectionId,
        previousSectionId: product.sectionId,
        transferredAt: command.at,
      },
    },
  ];
}

function changeable(state: ProductState, productId: string, at: string): ExistingProduct {
  if (state.status === 'absent') throw new NotFoundError('product', productId);
  if (state.status === 'retired') throw new DomainRuleError('PRODUCT_RETIRED', `product ${productId} is retired`, { productId });
  rejectDatedBeforeLastChange('product', productId, state.lastChangedAt, at);
  return state;
}

function evolve(state: ProductState, event: ProductEvent): ProductState {
  if (event.type === PRODUCT_CREATED) {
    const { productId, kind, name, sectionId, createdAt } = event.data;
    return { status: 'active', productId, kind, name, sectionId, lastChangedAt: createdAt };
  }
  if (state.status === 'absent') return state;
  switch (event.type) {
    case PRODUCT_RENAMED:
      return { ...state, name: event.data.name, lastChangedAt: event.data.renamedAt };
    case PRODUCT_TRANSFERRED:
      return { ...state, sectionId: event.data.sectionId, lastChangedAt: event.data.transferredAt };
    case PRODUCT_RETIRED:
      return { ...state, status: 'retired', lastChangedAt: event.data.retiredAt };
  }
}

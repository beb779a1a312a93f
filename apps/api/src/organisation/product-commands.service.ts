import { Injectable } from '@nestjs/common';
import {
  PRODUCT_CATEGORY,
  productDecider,
  type CreateProduct,
  type ProductCommand,
  type ProductEvent,
  type ProductState,
  type RenameProduct,
  type RetireProduct,
  type TransferProduct,
} from '#domain/organisation/index.js';
import type { RequestOf, WithOptional } from '../platform/command-requests.js';
import { CommandRunner, type RequestCommandContext } from '../platform/command-runner.service.js';
import type { EntityCommand } from '../platform/entity-commands.js';
import { EntityStreams } from '../platform/entity-streams.js';
import { OrgStructureCommands } from './org-structure-commands.service.js';

const PRODUCT_ID_NAMESPACE = 'a4d3c2b1-0f9e-48d7-a6b5-c4d3e2f1a0b9';

/** Products and funnels, each in its own stream; the owning section is checked against the structure stream. */
@Injectable()
export class ProductCommands {
  private readonly products: EntityStreams<ProductCommand, ProductEvent, ProductState>;

  constructor(
    private readonly runner: CommandRunner,
    private readonly structure: OrgStructureCommands,
  ) {
    this.products = new EntityStreams(runner, {
      decider: productDecider(),
      category: PRODUCT_CATEGORY,
      idOf: (command) => command.productId,
    });
  }

  async create(input: WithOptional<RequestOf<CreateProduct, 'structure'>, 'productId'>, context: RequestCommandContext): Promise<EntityCommand<ProductCommand, ProductEvent, ProductState>> {
    const productId = input.productId ?? this.runner.newEntityId(context, PRODUCT_ID_NAMESPACE);
    const { kind, name, sectionId } = input;
    const at = this.runner.businessTime(input.occurredAt);
    const structure = await this.structure.current();
    return this.products.command({ type: 'CreateProduct', productId, kind, name, sectionId, structure, at }, context);
  }

  rename(productId: string, input: RequestOf<RenameProduct, 'productId'>, context: RequestCommandContext): EntityCommand<ProductCommand, ProductEvent, ProductState> {
    const at = this.runner.businessTime(input.occurredAt);
    return this.products.command({ type: 'RenameProduct', productId, name: input.name, at }, context);
  }

  async transfer(
    productId: string,
    input: RequestOf<TransferProduct, 'productId' | 'structure'>,
    context: RequestCommandContext,
  ): Promise<EntityCommand<ProductCommand, ProductEvent, ProductState>> {
    const at = this.runner.businessTime(input.occurredAt);
    const structure = await this.structure.current();
    return this.products.command({ type: 'TransferProduct', productId, sectionId: input.sectionId, structure, at }, context);
  }

  retire(productId: string, input: RequestOf<RetireProduct, 'productId'>, context: RequestCommandContext): EntityCommand<ProductCommand, ProductEvent, ProductState> {
    const at = this.runner.businessTime(input.occurredAt);
    return this.products.command({ type: 'RetireProduct', productId, at }, context);
  }
}

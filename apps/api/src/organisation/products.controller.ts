import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { AppCommand } from '../platform/entity-commands.js';
import { ApiTags } from '@nestjs/swagger';
import type { ProductDocument } from '#projections/organisation/organisation.projection.js';
import type { ResolvedAsOf } from '../platform/as-of.js';
import { CommandCtx } from '../platform/command-context.js';
import { BusinessTimeRequest } from '../platform/dto-fields.js';
import type { CommandResponse, RequestCommandContext } from '../platform/command-runner.service.js';
import { ReadMoment } from '../platform/read-model.interceptor.js';
import { CommandRoute, InvalidRequest, ReadRoute } from '../platform/route-docs.js';
import { CatalogueIdParams, CatalogueReadQuery } from './catalogue.dto.js';
import { AT_LIST_NOTE, AT_NOTE, CATALOGUE_ADMINS, CATALOGUE_READERS } from './catalogue-routes.js';
import { ORGANISATION, OrganisationQueries } from './organisation-queries.service.js';
import { ProductCommands } from './product-commands.service.js';
import {
  CreateProductRequest,
  ProductListQuery,
  ProductPage,
  ProductView,
  RenameProductRequest,
  TransferProductRequest,
} from './products.dto.js';

const NOT_FOUND = 'No such product (NOT_FOUND).';
const CHANGE_REFUSED = 'The product is retired (PRODUCT_RETIRED), or the change is dated before its last one (DATED_BEFORE_LAST_CHANGE).';
const SECTION_REFUSED = 'the section is closed (SECTION_CLOSED) or did not exist yet (SECTION_NOT_YET_CREATED)';

@ApiTags('organisation')
@Controller('products')
@InvalidRequest()
export class ProductsController {
  constructor(
    private readonly bus: CommandBus<AppCommand>,
    private readonly commands: ProductCommands,
    private readonly queries: OrganisationQueries,
  ) {}

  @Post()
  @CommandRoute(CATALOGUE_ADMINS, {
    summary: 'Create a product or a funnel, owned by an open section',
    description: "201 with the new product's id. An unknown sectionId is a 400 naming it.",
    creates: true,
    conflicts: `The id is taken (PRODUCT_EXISTS), or ${SECTION_REFUSED}.`,
  })
  async create(@Body() body: CreateProductRequest, @CommandCtx() context: RequestCommandContext): Promise<CommandResponse> {
    const { id, ...request } = body;
    return this.bus.execute(await this.commands.create({ ...request, productId: id }, context));
  }

  @Post(':id/rename')
  @CommandRoute(CATALOGUE_ADMINS, {
    summary: 'Rename a product or funnel',
    description: 'The same name appends nothing (position null).',
    conflicts: CHANGE_REFUSED,
    notFound: NOT_FOUND,
  })
  rename(
    @Param() params: CatalogueIdParams,
    @Body() body: RenameProductRequest,
    @CommandCtx() context: RequestCommandContext,
  ): Promise<CommandResponse> {
    return this.bus.execute(this.commands.rename(params.id, body, context));
  }

  @Post(':id/transfer')
  @CommandRoute(CATALOGUE_ADMINS, {
    summary: 'Transfer a product or funnel to another open section',
    description: 'A transfer to the owning section appends nothing.',
    conflicts: `PRODUCT_RETIRED, DATED_BEFORE_LAST_CHANGE, or ${SECTION_REFUSED}.`,
    notFound: NOT_FOUND,
  })
  async transfer(
    @Param() params: CatalogueIdParams,
    @Body() body: TransferProductRequest,
    @CommandCtx() context: RequestCommandContext,
  ): Promise<CommandResponse> {
    return this.bus.execute(await this.commands.transfer(params.id, body, context));
  }

  @Post(':id/retirement')
  @CommandRoute(CATALOGUE_ADMINS, { summary: 'Retire a product or funnel', conflicts: CHANGE_REFUSED, notFound: NOT_FOUND })
  retire(@Param() params: CatalogueIdParams, @Body() body: BusinessTimeRequest, @CommandCtx() context: RequestCommandContext): Promise<CommandResponse> {
    return this.bus.execute(this.commands.retire(params.id, body, context));
  }

  @Get()
  @ReadRoute(CATALOGUE_READERS, {
    summary: 'Products and funnels, in the order they were created, a page at a time',
    description: AT_LIST_NOTE,
    type: ProductPage,
    reads: ORGANISATION,
  })
  list(@Query() query: ProductListQuery, @ReadMoment() moment: ResolvedAsOf): Promise<ProductPage> {
    const { sectionId, kind, status } = query;
    return this.queries.list<ProductDocument>('product', query, moment, { sectionId, kind, status });
  }

  @Get(':id')
  @ReadRoute(CATALOGUE_READERS, {
    summary: 'A product or funnel with its effective-dated history',
    description: AT_NOTE,
    type: ProductView,
    reads: ORGANISATION,
    notFound: 'No such product (at `at` or `asOf`, when given).',
  })
  get(@Param() params: CatalogueIdParams, @Query() query: CatalogueReadQuery, @ReadMoment() moment: ResolvedAsOf): Promise<ProductView> {
    return this.queries.get<ProductDocument>('product', params.id, query, moment);
  }
}

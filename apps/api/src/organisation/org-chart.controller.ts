import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ReadYourWrites } from '../platform/read-your-writes.js';
import { InvalidRequest, ReadRoute } from '../platform/route-docs.js';
import { CatalogueReadQuery } from './catalogue.dto.js';
import { CATALOGUE_READERS } from './catalogue-routes.js';
import { OrgChartAnswer } from './org-chart.dto.js';
import { OrganisationQueries } from './organisation.queries.js';

@ApiTags('organisation')
@Controller('org-chart')
@InvalidRequest()
export class OrgChartController {
  constructor(
    private readonly queries: OrganisationQueries,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  @Get()
  @ReadRoute(CATALOGUE_READERS, {
    summary: 'The section tree with its products, positions and employees, on a business date',
    description:
      '`at`: the business date (default: now), e.g. who was employed where on it and which sections existed. `asOf`: the ' +
      'moment of the log, to see the chart as it was known then; the answer states both.',
    type: OrgChartAnswer,
  })
  async chart(@Query() query: CatalogueReadQuery): Promise<OrgChartAnswer> {
    await this.readYourWrites.catchUp(query);
    return this.queries.chart(query);
  }
}

import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { ResolvedAsOf } from '../platform/as-of.js';
import { ReadMoment } from '../platform/read-model.interceptor.js';
import { InvalidRequest, ReadRoute } from '../platform/route-docs.js';
import { CatalogueReadQuery } from './catalogue.dto.js';
import { CATALOGUE_READERS } from './catalogue-routes.js';
import { OrgChartAnswer } from './org-chart.dto.js';
import { ORGANISATION, OrganisationQueries } from './organisation-queries.service.js';

@ApiTags('organisation')
@Controller('org-chart')
@InvalidRequest()
export class OrgChartController {
  constructor(
    private readonly queries: OrganisationQueries,
  ) {}

  @Get()
  @ReadRoute(CATALOGUE_READERS, {
    summary: 'The section tree with its products, positions and employees, on a business date',
    description:
      '`at`: the business date (default: now), e.g. who was employed where on it and which sections existed. `asOf`: the ' +
      'moment of the log, to see the chart as it was known then; the answer states both.',
    type: OrgChartAnswer,
    reads: ORGANISATION,
  })
  chart(@Query() query: CatalogueReadQuery, @ReadMoment() moment: ResolvedAsOf): Promise<OrgChartAnswer> {
    return this.queries.chart(query, moment);
  }
}

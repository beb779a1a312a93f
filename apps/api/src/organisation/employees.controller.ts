import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { AppCommand } from '../platform/entity-commands.js';
import { ApiTags } from '@nestjs/swagger';
import type { EmployeeDocument } from '#projections/organisation/organisation.projection.js';
import type { ResolvedAsOf } from '../platform/as-of.js';
import { CommandCtx } from '../platform/command-context.js';
import type { CommandResponse, RequestCommandContext } from '../platform/command-runner.service.js';
import { ReadMoment } from '../platform/read-model.interceptor.js';
import { CommandRoute, InvalidRequest, ReadRoute } from '../platform/route-docs.js';
import { CatalogueIdParams, CatalogueReadQuery } from './catalogue.dto.js';
import { AT_NOTE, CATALOGUE_READERS, STAFF_MANAGERS } from './catalogue-routes.js';
import { EmployeeCommands } from './employee-commands.service.js';
import {
  EmployeeListQuery,
  EmployeePage,
  EmployeeView,
  HireEmployeeRequest,
  MoveEmployeeRequest,
  RecordDepartureRequest,
} from './employees.dto.js';
import { ORGANISATION, OrganisationQueries } from './organisation-queries.service.js';

const NOT_FOUND = 'No such employee (NOT_FOUND).';
const PLACEMENT_REFUSED =
  'the position is retired (POSITION_RETIRED), did not exist yet (POSITION_NOT_YET_CREATED) or belongs to another section ' +
  '(POSITION_OF_ANOTHER_SECTION); the section is closed (SECTION_CLOSED) or did not exist yet (SECTION_NOT_YET_CREATED)';

@ApiTags('organisation')
@Controller('employees')
@InvalidRequest()
export class EmployeesController {
  constructor(
    private readonly bus: CommandBus<AppCommand>,
    private readonly commands: EmployeeCommands,
    private readonly queries: OrganisationQueries,
  ) {}

  @Post()
  @CommandRoute(STAFF_MANAGERS, {
    summary: 'Hire an employee into a position and a section',
    description: "201 with the employee's id. An unknown positionId or sectionId is a 400 naming it.",
    creates: true,
    conflicts: `The id is taken (EMPLOYEE_EXISTS), or ${PLACEMENT_REFUSED}.`,
  })
  async hire(@Body() body: HireEmployeeRequest, @CommandCtx() context: RequestCommandContext): Promise<CommandResponse> {
    const { id, ...request } = body;
    return this.bus.execute(await this.commands.hire({ ...request, employeeId: id }, context));
  }

  @Post(':id/move')
  @CommandRoute(STAFF_MANAGERS, {
    summary: 'Move an employee to another position, another section, or both',
    description: 'A move to where the employee is appends nothing (position null).',
    conflicts: `The employee left (EMPLOYEE_LEFT), DATED_BEFORE_LAST_CHANGE, or ${PLACEMENT_REFUSED}.`,
    notFound: NOT_FOUND,
  })
  async move(@Param() params: CatalogueIdParams, @Body() body: MoveEmployeeRequest, @CommandCtx() context: RequestCommandContext): Promise<CommandResponse> {
    return this.bus.execute(await this.commands.move(params.id, body, context));
  }

  @Post(':id/departure')
  @CommandRoute(STAFF_MANAGERS, {
    summary: 'Record that an employee left',
    conflicts: 'Already left (EMPLOYEE_LEFT), or DATED_BEFORE_LAST_CHANGE.',
    notFound: NOT_FOUND,
  })
  depart(
    @Param() params: CatalogueIdParams,
    @Body() body: RecordDepartureRequest,
    @CommandCtx() context: RequestCommandContext,
  ): Promise<CommandResponse> {
    return this.bus.execute(this.commands.recordDeparture(params.id, body, context));
  }

  @Get()
  @ReadRoute(CATALOGUE_READERS, {
    summary: 'Employees, in the order they were hired, a page at a time',
    description: 'With `at`, who was employed on that business date and where: the filters apply to the placement then.',
    type: EmployeePage,
    reads: ORGANISATION,
  })
  list(@Query() query: EmployeeListQuery, @ReadMoment() moment: ResolvedAsOf): Promise<EmployeePage> {
    const { sectionId, positionId, status } = query;
    return this.queries.list<EmployeeDocument>('employee', query, moment, { sectionId, positionId, status });
  }

  @Get(':id')
  @ReadRoute(CATALOGUE_READERS, {
    summary: 'An employee with every placement they had',
    description: AT_NOTE,
    type: EmployeeView,
    reads: ORGANISATION,
    notFound: 'No such employee (at `at` or `asOf`, when given).',
  })
  get(@Param() params: CatalogueIdParams, @Query() query: CatalogueReadQuery, @ReadMoment() moment: ResolvedAsOf): Promise<EmployeeView> {
    return this.queries.get<EmployeeDocument>('employee', params.id, query, moment);
  }
}

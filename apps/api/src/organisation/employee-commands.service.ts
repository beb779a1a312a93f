import { Injectable } from '@nestjs/common';
import {
  EMPLOYEE_CATEGORY,
  employeeDecider,
  type EmployeeCommand,
  type EmployeeEvent,
  type EmployeeState,
  type HireEmployee,
  type MoveEmployee,
  type RecordDeparture,
} from '#domain/organisation/index.js';
import type { RequestOf, WithOptional } from '../platform/command-requests.js';
import { CommandRunner, type RequestCommandContext } from '../platform/command-runner.service.js';
import type { EntityCommand } from '../platform/entity-commands.js';
import { EntityStreams } from '../platform/entity-streams.js';
import { OrgStructureCommands } from './org-structure-commands.service.js';

const EMPLOYEE_ID_NAMESPACE = 'c7b6a594-8372-4615-a4b3-c2d1e0f9a8b7';

/** Employees, each in their own stream; position and section are checked against the structure stream. */
@Injectable()
export class EmployeeCommands {
  private readonly employees: EntityStreams<EmployeeCommand, EmployeeEvent, EmployeeState>;

  constructor(
    private readonly runner: CommandRunner,
    private readonly structure: OrgStructureCommands,
  ) {
    this.employees = new EntityStreams(runner, {
      decider: employeeDecider(),
      category: EMPLOYEE_CATEGORY,
      idOf: (command) => command.employeeId,
    });
  }

  async hire(input: WithOptional<RequestOf<HireEmployee, 'structure'>, 'employeeId'>, context: RequestCommandContext): Promise<EntityCommand<EmployeeCommand, EmployeeEvent, EmployeeState>> {
    const employeeId = input.employeeId ?? this.runner.newEntityId(context, EMPLOYEE_ID_NAMESPACE);
    const { name, positionId, sectionId } = input;
    const at = this.runner.businessTime(input.occurredAt);
    const structure = await this.structure.current();
    return this.employees.command({ type: 'HireEmployee', employeeId, name, positionId, sectionId, structure, at }, context);
  }

  async move(
    employeeId: string,
    input: RequestOf<MoveEmployee, 'employeeId' | 'structure'>,
    context: RequestCommandContext,
  ): Promise<EntityCommand<EmployeeCommand, EmployeeEvent, EmployeeState>> {
    const at = this.runner.businessTime(input.occurredAt);
    const structure = await this.structure.current();
    return this.employees.command({ type: 'MoveEmployee', employeeId, positionId: input.positionId, sectionId: input.sectionId, structure, at }, context);
  }

  recordDeparture(employeeId: string, input: RequestOf<RecordDeparture, 'employeeId'>, context: RequestCommandContext): EntityCommand<EmployeeCommand, EmployeeEvent, EmployeeState> {
    const at = this.runner.businessTime(input.occurredAt);
    return this.employees.command({ type: 'RecordDeparture', employeeId, reason: input.reason, at }, context);
  }
}

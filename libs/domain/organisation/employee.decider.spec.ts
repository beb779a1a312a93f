import { DomainRuleError, NotFoundError, fold } from '#kernel';
import { deciderSpec } from '#kernel/testing.js';
import type { EmployeeCommand } from './employee.commands.js';
import { employeeDecider } from './employee.decider.js';
import type { EmployeeHired, EmployeeLeft } from './employee.events.js';
import { orgStructureDecider } from './org-structure.decider.js';
import type { OrgStructureEvent } from './org-structure.events.js';

const JAN = '2026-01-05T09:00:00.000Z';
const FEB = '2026-02-02T09:00:00.000Z';
const MAR = '2026-03-02T09:00:00.000Z';

const section = (sectionId: string): OrgStructureEvent => ({
  type: 'SectionCreated',
  data: { sectionId, name: sectionId, valuableFinalProduct: 'x', createdAt: JAN },
});
const position = (positionId: string, sectionId?: string, createdAt = JAN): OrgStructureEvent => ({
  type: 'PositionCreated',
  data: { positionId, title: positionId, ...(sectionId !== undefined && { sectionId }), createdAt },
});
const structure = fold(orgStructureDecider(), [
  section('care'),
  section('quality'),
  section('archive'),
  { type: 'SectionClosed', data: { sectionId: 'archive', closedAt: JAN } },
  position('agent', 'care'),
  position('inspector', 'quality'),
  position('assistant'),
  position('old'),
  { type: 'PositionRetired', data: { positionId: 'old', retiredAt: JAN } },
  position('future', undefined, MAR),
]);

const hire: EmployeeCommand = {
  type: 'HireEmployee',
  employeeId: 'ann',
  name: 'Ann Lee',
  positionId: 'agent',
  sectionId: 'care',
  structure,
  at: JAN,
};
const hired: EmployeeHired = {
  type: 'EmployeeHired',
  data: { employeeId: 'ann', name: 'Ann Lee', positionId: 'agent', sectionId: 'care', hiredAt: JAN },
};
const left: EmployeeLeft = { type: 'EmployeeLeft', data: { employeeId: 'ann', leftAt: FEB } };
const move = (placement: { positionId?: string; sectionId?: string }, at = FEB): EmployeeCommand => ({
  type: 'MoveEmployee',
  employeeId: 'ann',
  ...placement,
  structure,
  at,
});

const { given } = deciderSpec(employeeDecider());

describe('employee decider', () => {
  it('hires an employee into a position of the section', () => {
    given([]).when(hire).then([hired]);
  });

  it('hires into a position of the whole company in any section', () => {
    given([])
      .when({ ...hire, positionId: 'assistant', sectionId: 'quality' })
      .then([{ type: 'EmployeeHired', data: { ...hired.data, positionId: 'assistant', sectionId: 'quality' } }]);
  });

  it('refuses to hire an employee twice', () => {
    given([hired]).when(hire).thenThrows(DomainRuleError, 'EMPLOYEE_EXISTS');
  });

  it('refuses a position of another section', () => {
    given([]).when({ ...hire, positionId: 'inspector' }).thenThrows(DomainRuleError, 'POSITION_OF_ANOTHER_SECTION');
  });

  it('refuses a retired position, a position not yet created, and a closed section', () => {
    given([]).when({ ...hire, positionId: 'old' }).thenThrows(DomainRuleError, 'POSITION_RETIRED');
    given([]).when({ ...hire, positionId: 'future' }).thenThrows(DomainRuleError, 'POSITION_NOT_YET_CREATED');
    given([]).when({ ...hire, positionId: 'assistant', sectionId: 'archive' }).thenThrows(DomainRuleError, 'SECTION_CLOSED');
  });

  it('names an unknown position or section', () => {
    given([]).when({ ...hire, positionId: 'astronaut' }).thenRejects(['positionId']);
    given([]).when({ ...hire, positionId: 'assistant', sectionId: 'nowhere' }).thenRejects(['sectionId']);
  });

  it('moves an employee to another position and section, recording where they were', () => {
    given([hired])
      .when(move({ positionId: 'inspector', sectionId: 'quality' }))
      .then([
        {
          type: 'EmployeeMoved',
          data: {
            employeeId: 'ann',
            positionId: 'inspector',
            sectionId: 'quality',
            previousPositionId: 'agent',
            previousSectionId: 'care',
            movedAt: FEB,
          },
        },
      ]);
  });

  it('keeps the section when only the position changes, and checks the pair', () => {
    given([{ ...hired, data: { ...hired.data, positionId: 'assistant' } }])
      .when(move({ positionId: 'agent' }))
      .then([
        {
          type: 'EmployeeMoved',
          data: { employeeId: 'ann', positionId: 'agent', sectionId: 'care', previousPositionId: 'assistant', previousSectionId: 'care', movedAt: FEB },
        },
      ]);
    given([hired]).when(move({ sectionId: 'quality' })).thenThrows(DomainRuleError, 'POSITION_OF_ANOTHER_SECTION');
  });

  it('appends nothing for a move to where the employee is', () => {
    given([hired]).when(move({ positionId: 'agent', sectionId: 'care' })).then([]);
  });

  it('names the position when a move gives neither a position nor a section', () => {
    given([hired]).when(move({})).thenRejects(['positionId']);
  });

  it('records a departure, with its reason when given', () => {
    given([hired]).when({ type: 'RecordDeparture', employeeId: 'ann', at: FEB }).then([left]);
    given([hired])
      .when({ type: 'RecordDeparture', employeeId: 'ann', reason: 'Moved to another city', at: FEB })
      .then([{ type: 'EmployeeLeft', data: { employeeId: 'ann', reason: 'Moved to another city', leftAt: FEB } }]);
  });

  it.each<[string, EmployeeCommand]>([
    ['a move', move({ positionId: 'assistant' }, MAR)],
    ['a departure', { type: 'RecordDeparture', employeeId: 'ann', at: MAR }],
  ])('refuses %s of an employee who left', (_name, command) => {
    given([hired, left]).when(command).thenThrows(DomainRuleError, 'EMPLOYEE_LEFT');
  });

  it.each<[string, EmployeeCommand]>([
    ['a move', move({ positionId: 'assistant' }, '2026-01-01T00:00:00.000Z')],
    ['a departure', { type: 'RecordDeparture', employeeId: 'ann', at: '2026-01-01T00:00:00.000Z' }],
  ])('refuses %s dated before the hire', (_name, command) => {
    given([hired]).when(command).thenThrows(DomainRuleError, 'DATED_BEFORE_LAST_CHANGE');
  });

  it.each<[string, EmployeeCommand]>([
    ['a move', move({ positionId: 'assistant' })],
    ['a departure', { type: 'RecordDeparture', employeeId: 'ann', at: FEB }],
  ])('does not find an unknown employee for %s', (_name, command) => {
    given([]).when(command).thenThrows(NotFoundError);
  });

  it.each<[string, EmployeeCommand, string]>([
    ['a blank name', { ...hire, name: '' }, 'name'],
    ['an e-mail address as the name', { ...hire, name: 'ann.lee@example.com' }, 'name'],
    ['an employee id that is no id', { ...hire, employeeId: 'ann lee' }, 'employeeId'],
    ['a position id that is no id', { ...hire, positionId: 7 as unknown as string }, 'positionId'],
    ['a reason too long', { type: 'RecordDeparture', employeeId: 'ann', reason: 'r'.repeat(2001), at: FEB }, 'reason'],
  ])('names the field of %s', (_name, command, field) => {
    given([hired]).when(command).thenRejects([field]);
  });
});

import { DomainRuleError, NotFoundError } from '#kernel';
import { deciderSpec } from '#kernel/testing.js';
import type { CareerPathCommand, DefineCareerPath } from './career-path.commands.js';
import { careerPathDecider } from './career-path.decider.js';
import type { CareerPathEvent } from './career-path.events.js';
import { catalogue, requirement } from './testing.js';

const JAN = '2026-01-10T09:00:00.000Z';
const FEB = '2026-02-10T09:00:00.000Z';

const define: DefineCareerPath = {
  type: 'DefineCareerPath',
  pathId: 'up',
  fromPositionId: 'line-1',
  toPositionId: 'line-2',
  fromPositionStatus: 'active',
  toPositionStatus: 'active',
  basis: 'minimum',
  requirements: [requirement('regs', 4, 2)],
  catalogue,
  at: JAN,
};
const defined: CareerPathEvent = {
  type: 'CareerPathDefined',
  data: { pathId: 'up', fromPositionId: 'line-1', toPositionId: 'line-2', basis: 'minimum', requirements: [requirement('regs', 4, 2)], definedAt: JAN },
};
const followsProfile: CareerPathEvent = {
  type: 'CareerPathDefined',
  data: { pathId: 'up', fromPositionId: 'line-1', toPositionId: 'line-2', basis: 'target-profile', definedAt: JAN },
};
const revise = (requirements = [requirement('regs', 4, 2), requirement('crm', 3)], at = FEB): CareerPathCommand => ({
  type: 'ReviseCareerPath',
  pathId: 'up',
  requirements,
  catalogue,
  at,
});
const retire: CareerPathCommand = { type: 'RetireCareerPath', pathId: 'up', at: FEB };

const { given } = deciderSpec(careerPathDecider());


describe('career path decider', () => {
  it("defines a path with its own minimum, or following the target's profile", () => {
    given([]).when(define).then([defined]);
    given([]).when({ ...define, basis: 'target-profile', requirements: undefined }).then([followsProfile]);
    given([defined]).when(define).thenThrows(DomainRuleError, 'CAREER_PATH_EXISTS');
  });

  it('revises the minimum, appending nothing for the same one, and retires the path', () => {
    given([defined])
      .when(revise())
      .then([{ type: 'CareerPathRevised', data: { pathId: 'up', requirements: [requirement('regs', 4, 2), requirement('crm', 3)], revisedAt: FEB } }]);
    given([defined]).when(revise([requirement('regs', 4, 2)])).then([]);
    given([defined]).when(retire).then([{ type: 'CareerPathRetired', data: { pathId: 'up', retiredAt: FEB } }]);
  });

  it('refuses to revise a path following its target, a retired one, or one never defined', () => {
    given([followsProfile]).when(revise()).thenThrows(DomainRuleError, 'PATH_FOLLOWS_TARGET_PROFILE');
    given([defined, { type: 'CareerPathRetired', data: { pathId: 'up', retiredAt: FEB } }]).when(retire).thenThrows(DomainRuleError, 'CAREER_PATH_RETIRED');
    given([]).when(retire).thenThrows(NotFoundError);
    given([defined]).when(revise(undefined, '2026-01-09T09:00:00.000Z')).thenThrows(DomainRuleError, 'DATED_BEFORE_LAST_CHANGE');
  });

  it('refuses a retired position or competency', () => {
    given([]).when({ ...define, toPositionStatus: 'retired' }).thenThrows(DomainRuleError, 'POSITION_RETIRED');
    given([]).when({ ...define, requirements: [requirement('gone', 1)] }).thenThrows(DomainRuleError, 'COMPETENCY_RETIRED');
    given([defined]).when(revise([requirement('gone', 1)])).thenThrows(DomainRuleError, 'COMPETENCY_RETIRED');
  });

  it.each<[string, CareerPathCommand, string]>([
    ['a path to where it starts', { ...define, toPositionId: 'line-1' }, 'toPositionId'],
    ['a minimum path without requirements', { ...define, requirements: undefined }, 'requirements'],
    ['a minimum of nothing', { ...define, requirements: [] }, 'requirements'],
    ['requirements on a path that follows its target', { ...define, basis: 'target-profile' }, 'requirements'],
    ['an unknown basis', { ...define, basis: 'wish' as 'minimum' }, 'basis'],
    ['a competency twice', { ...define, requirements: [requirement('regs', 1), requirement('regs', 2)] }, 'requirements.1.competencyId'],
    ['an unknown competency', { ...define, requirements: [requirement('juggling', 1)] }, 'requirements.0.competencyId'],
  ])('rejects %s, naming the field', (_name, command, field) => {
    given([]).when(command).thenRejects([field]);
  });
});

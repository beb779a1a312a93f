import { DomainRuleError, NotFoundError } from '#kernel';
import { deciderSpec } from '#kernel/testing.js';
import type { CompetencyCatalogueCommand } from './competency-catalogue.commands.js';
import { competencyCatalogueDecider } from './competency-catalogue.decider.js';
import type { CompetencyCatalogueEvent } from './competency-catalogue.events.js';

const JAN = '2026-01-05T09:00:00.000Z';
const FEB = '2026-02-05T09:00:00.000Z';

const define: CompetencyCatalogueCommand = { type: 'DefineCompetency', competencyId: 'regs', kind: 'knowledge', name: 'Regulations', at: JAN };
const defined: CompetencyCatalogueEvent = { type: 'CompetencyDefined', data: { competencyId: 'regs', kind: 'knowledge', name: 'Regulations', definedAt: JAN } };
const retired: CompetencyCatalogueEvent = { type: 'CompetencyRetired', data: { competencyId: 'regs', retiredAt: FEB } };
const defaultLevels = ['none', 'basic', 'working', 'proficient', 'expert, can teach'];
const sixLevels = [...defaultLevels, 'master'];
const scaleDefined = (version: number, levels: string[], proficientLevel: number, definedAt = JAN): CompetencyCatalogueEvent => ({
  type: 'ProficiencyScaleDefined',
  data: { version, levels, proficientLevel, definedAt },
});

const { given } = deciderSpec(competencyCatalogueDecider());


describe('competency catalogue decider', () => {
  it('defines a competency once', () => {
    given([]).when({ ...define, description: 'Knows the support regulations' }).then([
      { type: 'CompetencyDefined', data: { ...defined.data, description: 'Knows the support regulations' } },
    ]);
    given([defined]).when(define).thenThrows(DomainRuleError, 'COMPETENCY_EXISTS');
  });

  it('revises the name, keeping the description, and appends nothing for the same name', () => {
    const described: CompetencyCatalogueEvent = { type: 'CompetencyDefined', data: { ...defined.data, description: 'Old text' } };
    given([described])
      .when({ type: 'ReviseCompetency', competencyId: 'regs', name: 'Support regulations', at: FEB })
      .then([{ type: 'CompetencyRevised', data: { competencyId: 'regs', name: 'Support regulations', description: 'Old text', revisedAt: FEB } }]);
    given([described]).when({ type: 'ReviseCompetency', competencyId: 'regs', name: 'Regulations', at: FEB }).then([]);
  });

  it('retires a competency, which then takes no change', () => {
    given([defined]).when({ type: 'RetireCompetency', competencyId: 'regs', at: FEB }).then([retired]);
    given([defined, retired]).when({ type: 'RetireCompetency', competencyId: 'regs', at: FEB }).thenThrows(DomainRuleError, 'COMPETENCY_RETIRED');
    given([defined, retired]).when({ type: 'ReviseCompetency', competencyId: 'regs', name: 'X', at: FEB }).thenThrows(DomainRuleError, 'COMPETENCY_RETIRED');
  });

  it('does not find a competency never defined, and keeps changes in date order', () => {
    given([]).when({ type: 'RetireCompetency', competencyId: 'regs', at: FEB }).thenThrows(NotFoundError);
    given([defined])
      .when({ type: 'RetireCompetency', competencyId: 'regs', at: '2026-01-04T09:00:00.000Z' })
      .thenThrows(DomainRuleError, 'DATED_BEFORE_LAST_CHANGE');
  });

  it('versions the scale from the default, version 0; an equal scale appends nothing', () => {
    given([]).when({ type: 'DefineProficiencyScale', levels: sixLevels, proficientLevel: 4, at: JAN }).then([scaleDefined(1, sixLevels, 4)]);
    given([]).when({ type: 'DefineProficiencyScale', levels: defaultLevels, proficientLevel: 3, at: JAN }).then([]);
    given([scaleDefined(1, sixLevels, 4)])
      .when({ type: 'DefineProficiencyScale', levels: sixLevels, proficientLevel: 3, at: FEB })
      .then([scaleDefined(2, sixLevels, 3, FEB)]);
  });

  it('never lets the scale lose a level, nor date a version before the current one', () => {
    given([scaleDefined(1, sixLevels, 4)])
      .when({ type: 'DefineProficiencyScale', levels: defaultLevels, proficientLevel: 3, at: FEB })
      .thenThrows(DomainRuleError, 'SCALE_CANNOT_SHRINK');
    given([scaleDefined(1, sixLevels, 4, FEB)])
      .when({ type: 'DefineProficiencyScale', levels: sixLevels, proficientLevel: 2, at: JAN })
      .thenThrows(DomainRuleError, 'DATED_BEFORE_LAST_CHANGE');
  });

  it.each<[string, CompetencyCatalogueCommand, string]>([
    ['an unknown kind', { ...define, kind: 'talent' as 'skill' }, 'kind'],
    ['a blank name', { ...define, name: ' ' }, 'name'],
    ['a revision of nothing', { type: 'ReviseCompetency', competencyId: 'regs', at: JAN }, 'name'],
    ['a scale of one level', { type: 'DefineProficiencyScale', levels: ['none'], proficientLevel: 0, at: JAN }, 'levels'],
    ['a repeated level name', { type: 'DefineProficiencyScale', levels: ['none', 'some', 'none'], proficientLevel: 1, at: JAN }, 'levels.2'],
    ['a proficient level above the top', { type: 'DefineProficiencyScale', levels: ['none', 'some'], proficientLevel: 2, at: JAN }, 'proficientLevel'],
    ['a proficient level of none', { type: 'DefineProficiencyScale', levels: ['none', 'some'], proficientLevel: 0, at: JAN }, 'proficientLevel'],
  ])('rejects %s, naming the field', (_name, command, field) => {
    given([]).when(command).thenRejects([field]);
  });
});

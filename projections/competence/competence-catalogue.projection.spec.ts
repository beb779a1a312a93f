import type { DomainEvent, RecordedEvent } from '#kernel';
import { projectionSpec, recorded } from '#kernel/testing.js';
import type { JobProfileContent } from '#domain/competence/index.js';
import { competenceCatalogue } from './competence-catalogue.projection.js';

const JAN = '2026-01-10T09:00:00.000Z';
const FEB = '2026-02-10T09:00:00.000Z';
const content = (regsLevel: number): JobProfileContent => ({
  generalKnowledge: [],
  subjectKnowledge: [{ competencyId: 'regs', requiredLevel: regsLevel, weight: 2 }],
  skills: [],
  personalQualities: [],
  values: [],
  duties: ['Answers clients'],
  responsibilities: [],
});

function history(...events: readonly DomainEvent[]): RecordedEvent[] {
  return events.map((event, index) => recorded(event, { position: BigInt(index + 1) }));
}

describe('competenceCatalogue projection', () => {
  it('keeps a competency as defined, revised and retired', () => {
    projectionSpec(competenceCatalogue)
      .given(
        history(
          { type: 'CompetencyDefined', data: { competencyId: 'regs', kind: 'knowledge', name: 'Regulations', description: 'Old', definedAt: JAN } },
          { type: 'CompetencyRevised', data: { competencyId: 'regs', name: 'Support regulations', revisedAt: FEB } },
          { type: 'CompetencyRetired', data: { competencyId: 'regs', retiredAt: FEB } },
        ),
      )
      .thenDocument('competency:regs', {
        entity: 'competency',
        id: 'regs',
        kind: 'knowledge',
        name: 'Support regulations',
        description: null,
        status: 'retired',
        definedAt: JAN,
        lastChangedAt: FEB,
      });
  });

  it('keeps the scale version in force', () => {
    projectionSpec(competenceCatalogue)
      .given(history({ type: 'ProficiencyScaleDefined', data: { version: 1, levels: ['none', 'some', 'much'], proficientLevel: 2, definedAt: JAN } }))
      .thenDocument('scale:main', { entity: 'scale', id: 'main', version: 1, levels: ['none', 'some', 'much'], proficientLevel: 2, definedAt: JAN });
  });

  it('keeps a job profile: the version in force, the open draft, every approved version', () => {
    projectionSpec(competenceCatalogue)
      .given(
        history(
          { type: 'JobProfileDrafted', data: { positionId: 'line-1', version: 1, content: content(2), draftedAt: JAN } },
          { type: 'JobProfileApproved', data: { positionId: 'line-1', version: 1, content: content(2), effectiveFrom: JAN } },
          { type: 'JobProfileDrafted', data: { positionId: 'line-1', version: 2, content: content(3), draftedAt: FEB } },
        ),
      )
      .thenDocument('jobProfile:line-1', {
        entity: 'jobProfile',
        id: 'line-1',
        inForce: { version: 1, content: content(2), effectiveFrom: JAN },
        draft: { version: 2, content: content(3), draftedAt: FEB },
        versions: [{ version: 1, content: content(2), effectiveFrom: JAN }],
        lastChangedAt: FEB,
      });
  });

  it('keeps career paths and knowledge checks with their status', () => {
    const spec = projectionSpec(competenceCatalogue).given(
      history(
        { type: 'CareerPathDefined', data: { pathId: 'up', fromPositionId: 'line-1', toPositionId: 'line-2', basis: 'target-profile', definedAt: JAN } },
        { type: 'CareerPathRetired', data: { pathId: 'up', retiredAt: FEB } },
        { type: 'KnowledgeCheckDefined', data: { checkId: 'chk', title: 'Quarterly', openBook: true, questions: [], definedAt: JAN } },
      ),
    );
    spec.thenDocument('careerPath:up', {
      entity: 'careerPath',
      id: 'up',
      fromPositionId: 'line-1',
      toPositionId: 'line-2',
      basis: 'target-profile',
      requirements: null,
      status: 'retired',
      definedAt: JAN,
      lastChangedAt: FEB,
    });
    spec.thenDocument('knowledgeCheck:chk', {
      entity: 'knowledgeCheck',
      id: 'chk',
      title: 'Quarterly',
      openBook: true,
      questions: [],
      status: 'active',
      definedAt: JAN,
      lastChangedAt: JAN,
    });
  });

  it('keeps an attestation from its commission to its findings', () => {
    const findings = [{ competencyId: 'regs', level: 1, requiredLevel: 3, result: 'gap' as const }];
    const commission = {
      employeeId: 'ann',
      positionId: 'line-1',
      profileVersion: 1,
      requirements: [{ competencyId: 'regs', requiredLevel: 3 }],
      members: ['m1', 'm2'],
      chairId: 'm1',
      sittingAt: FEB,
      formedAt: JAN,
    };
    projectionSpec(competenceCatalogue)
      .given(
        history(
          { type: 'AttestationCommissionFormed', data: { attestationId: 'att', ...commission } },
          { type: 'AttestationCompleted', data: { attestationId: 'att', employeeId: 'ann', findings, minutes: 'Minutes', completedAt: FEB } },
        ),
      )
      .thenDocument('attestation:att', {
        entity: 'attestation',
        id: 'att',
        ...commission,
        status: 'completed',
        findings,
        minutes: 'Minutes',
        completedAt: FEB,
      });
  });
});

import { projectionSpec } from '#kernel/testing.js';
import { knowledgeMaterialDecider, type KnowledgeMaterialCommand } from '#domain/training/index.js';
import { acknowledgedCurrentVersion, knowledgeBase, type MaterialDocument } from './knowledge-base.projection.js';
import { trainerHistory } from './testing.js';

const JAN = '2026-01-12T09:00:00.000Z';
const FEB = '2026-02-09T09:00:00.000Z';
const MAR = '2026-03-09T09:00:00.000Z';

const publish: KnowledgeMaterialCommand = {
  type: 'PublishMaterial',
  materialId: 'refunds',
  format: 'text',
  title: 'Refund regulation',
  body: 'Within 14 days.',
  ownerId: 'emp-trainer',
  ownerEmployed: true,
  reviewBy: '2026-07-01',
  competencyIds: ['refund-handling'],
  regulation: { positionIds: ['support-l1'], sectionIds: ['care'] },
  at: JAN,
};
const acknowledge = (employeeId: string, version: number, at: string): KnowledgeMaterialCommand => ({
  type: 'AcknowledgeRegulation',
  materialId: 'refunds',
  employeeId,
  version,
  inAudience: true,
  at,
});

describe('knowledge base projection', () => {
  const history = trainerHistory(knowledgeMaterialDecider(), 'knowledgeMaterial-refunds', [
    publish,
    acknowledge('emp-1', 1, JAN),
    acknowledge('emp-2', 1, JAN),
    { type: 'ReviseMaterial', materialId: 'refunds', title: 'Refunds', body: 'Within 30 days.', reviewBy: '2026-08-01', changeNote: '30 days now', at: FEB },
    acknowledge('emp-1', 2, FEB),
    { type: 'ReviewMaterial', materialId: 'refunds', reviewBy: '2026-12-01', at: MAR },
    { type: 'ChangeMaterialOwner', materialId: 'refunds', ownerId: 'emp-lead', ownerEmployed: true, at: MAR },
  ]);
  const [published, , , revised] = history;

  it('keeps every version as published, the review date, the owner, and the last version each employee signed for', () => {
    projectionSpec(knowledgeBase)
      .given(history)
      .thenDocument('refunds', {
        id: 'refunds',
        format: 'text',
        status: 'current',
        title: 'Refunds',
        currentVersion: 2,
        ownerId: 'emp-lead',
        reviewBy: '2026-12-01',
        lastReviewedAt: MAR,
        competencyIds: ['refund-handling'],
        regulation: true,
        audience: { positionIds: ['support-l1'], sectionIds: ['care'] },
        publishedAt: JAN,
        retiredAt: null,
        retirementReason: null,
        versions: [
          { version: 1, title: 'Refund regulation', body: 'Within 14 days.', link: null, changeNote: null, publishedAt: JAN, actorId: 'apiKey:trainer', eventId: published!.eventId },
          { version: 2, title: 'Refunds', body: 'Within 30 days.', link: null, changeNote: '30 days now', publishedAt: FEB, actorId: 'apiKey:trainer', eventId: revised!.eventId },
        ],
        acknowledgements: [
          { employeeId: 'emp-2', version: 1, acknowledgedAt: JAN },
          { employeeId: 'emp-1', version: 2, acknowledgedAt: FEB },
        ],
      });
  });

  it('tells who signed for the current version: a signature for an earlier one no longer counts', () => {
    const { documents } = projectionSpec(knowledgeBase).given(history);
    expect([...acknowledgedCurrentVersion(documents.get('refunds')!)]).toEqual(['emp-1']);
  });

  it('records the retirement', () => {
    const retired = trainerHistory(knowledgeMaterialDecider(), 'knowledgeMaterial-refunds', [
      publish,
      { type: 'RetireMaterial', materialId: 'refunds', reason: 'Replaced', at: FEB },
    ]);
    const { documents } = projectionSpec(knowledgeBase).given(retired);
    expect(documents.get('refunds')).toMatchObject<Partial<MaterialDocument>>({ status: 'retired', retiredAt: FEB, retirementReason: 'Replaced' });
  });
});

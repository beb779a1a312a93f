import { DomainRuleError, NotFoundError } from '#kernel';
import { deciderSpec } from '#kernel/testing.js';
import type { AcknowledgeRegulation, KnowledgeMaterialCommand, PublishMaterial } from './knowledge-material.commands.js';
import { knowledgeMaterialDecider } from './knowledge-material.decider.js';
import type { KnowledgeMaterialEvent, MaterialPublished, MaterialRevised, RegulationAcknowledged } from './knowledge-material.events.js';

const JAN = '2026-01-12T09:00:00.000Z';
const FEB = '2026-02-09T09:00:00.000Z';
const MAR = '2026-03-09T09:00:00.000Z';

const publish: PublishMaterial = {
  type: 'PublishMaterial',
  materialId: 'refunds',
  format: 'text',
  title: 'Refund regulation',
  body: 'Refunds are granted within 14 days.',
  ownerId: 'emp-trainer',
  ownerEmployed: true,
  reviewBy: '2026-07-01',
  competencyIds: ['refund-handling'],
  regulation: { positionIds: ['support-l1'], sectionIds: [] },
  at: JAN,
};

const published: MaterialPublished = {
  type: 'MaterialPublished',
  data: {
    materialId: 'refunds',
    version: 1,
    format: 'text',
    title: 'Refund regulation',
    body: 'Refunds are granted within 14 days.',
    ownerId: 'emp-trainer',
    reviewBy: '2026-07-01',
    competencyIds: ['refund-handling'],
    regulation: { positionIds: ['support-l1'], sectionIds: [] },
    publishedAt: JAN,
  },
};

const revised: MaterialRevised = {
  type: 'MaterialRevised',
  data: {
    materialId: 'refunds',
    version: 2,
    title: 'Refund regulation',
    body: 'Refunds are granted within 30 days.',
    reviewBy: '2026-08-01',
    changeNote: 'The window is now 30 days',
    revisedAt: FEB,
  },
};

const acknowledge = (version: number, at = FEB, inAudience = true): AcknowledgeRegulation => ({
  type: 'AcknowledgeRegulation',
  materialId: 'refunds',
  employeeId: 'emp-42',
  version,
  inAudience,
  at,
});

const acknowledged = (version: number, at = FEB): RegulationAcknowledged => ({
  type: 'RegulationAcknowledged',
  data: { materialId: 'refunds', version, employeeId: 'emp-42', acknowledgedAt: at },
});

const { given } = deciderSpec(knowledgeMaterialDecider());

describe('knowledge material decider', () => {
  describe('publication', () => {
    it('publishes version 1 with its owner, review date, competencies and the audience of a regulation', () => {
      given([]).when(publish).then([published]);
    });

    it('publishes an audio material with a link and no audience', () => {
      const { body: _body, regulation: _regulation, ...audio } = publish;
      given([])
        .when({ ...audio, format: 'audio', link: 'https://media.example.org/refunds.mp3', competencyIds: undefined })
        .then([
          {
            type: 'MaterialPublished',
            data: {
              materialId: 'refunds',
              version: 1,
              format: 'audio',
              title: 'Refund regulation',
              link: 'https://media.example.org/refunds.mp3',
              ownerId: 'emp-trainer',
              reviewBy: '2026-07-01',
              competencyIds: [],
              publishedAt: JAN,
            },
          },
        ]);
    });

    it('refuses a second material under the same id', () => {
      given([published]).when(publish).thenThrows(DomainRuleError, 'MATERIAL_EXISTS');
    });

    it('refuses an owner who has left', () => {
      given([]).when({ ...publish, ownerEmployed: false }).thenThrows(DomainRuleError, 'OWNER_NOT_EMPLOYED');
    });
  });

  describe('revision and review', () => {
    it('publishes the next version with the whole new content, keeping the title when none is given', () => {
      given([published])
        .when({
          type: 'ReviseMaterial',
          materialId: 'refunds',
          body: 'Refunds are granted within 30 days.',
          reviewBy: '2026-08-01',
          changeNote: 'The window is now 30 days',
          at: FEB,
        })
        .then([revised]);
    });

    it('appends nothing for content identical to the current version', () => {
      given([published])
        .when({ type: 'ReviseMaterial', materialId: 'refunds', body: 'Refunds are granted within 14 days.', reviewBy: '2026-09-01', at: FEB })
        .then([]);
    });

    it('records a review that moves the review date and keeps the version', () => {
      given([published, revised])
        .when({ type: 'ReviewMaterial', materialId: 'refunds', reviewBy: '2026-12-01', note: 'Still right', at: MAR })
        .then([{ type: 'MaterialReviewed', data: { materialId: 'refunds', version: 2, reviewBy: '2026-12-01', note: 'Still right', reviewedAt: MAR } }]);
    });

    it('hands the material to another owner, and appends nothing for the same one', () => {
      const change = { type: 'ChangeMaterialOwner', materialId: 'refunds', ownerEmployed: true, at: FEB } as const;
      given([published])
        .when({ ...change, ownerId: 'emp-lead' })
        .then([{ type: 'MaterialOwnerChanged', data: { materialId: 'refunds', ownerId: 'emp-lead', previousOwnerId: 'emp-trainer', changedAt: FEB } }]);
      given([published]).when({ ...change, ownerId: 'emp-trainer' }).then([]);
      given([published]).when({ ...change, ownerId: 'emp-gone', ownerEmployed: false }).thenThrows(DomainRuleError, 'OWNER_NOT_EMPLOYED');
    });

    it('dates every change after the last one', () => {
      given([published, revised])
        .when({ type: 'ReviewMaterial', materialId: 'refunds', reviewBy: '2026-12-01', at: '2026-02-01T00:00:00.000Z' })
        .thenThrows(DomainRuleError, 'DATED_BEFORE_LAST_CHANGE');
    });
  });

  describe('retirement', () => {
    const retired: KnowledgeMaterialEvent = { type: 'MaterialRetired', data: { materialId: 'refunds', reason: 'Replaced', retiredAt: FEB } };

    it('retires a material', () => {
      given([published]).when({ type: 'RetireMaterial', materialId: 'refunds', reason: 'Replaced', at: FEB }).then([retired]);
    });

    it.each<[string, KnowledgeMaterialCommand]>([
      ['a revision', { type: 'ReviseMaterial', materialId: 'refunds', body: 'New', reviewBy: '2026-08-01', at: MAR }],
      ['a review', { type: 'ReviewMaterial', materialId: 'refunds', reviewBy: '2026-08-01', at: MAR }],
      ['a new owner', { type: 'ChangeMaterialOwner', materialId: 'refunds', ownerId: 'emp-lead', ownerEmployed: true, at: MAR }],
      ['a second retirement', { type: 'RetireMaterial', materialId: 'refunds', at: MAR }],
      ['an acknowledgement', acknowledge(1, MAR)],
    ])('refuses %s once retired', (_name, command) => {
      given([published, retired]).when(command).thenThrows(DomainRuleError, 'MATERIAL_RETIRED');
    });
  });

  describe('acknowledgement of a regulation', () => {
    it('records that the employee signed for the current version', () => {
      given([published]).when(acknowledge(1)).then([acknowledged(1)]);
    });

    it('appends nothing when the employee signs for the same version again', () => {
      given([published, acknowledged(1)]).when(acknowledge(1, MAR)).then([]);
    });

    it('asks for the new version after a revision', () => {
      given([published, acknowledged(1), revised]).when(acknowledge(2, MAR)).then([acknowledged(2, MAR)]);
    });

    it('refuses a version that is no longer current', () => {
      given([published, revised]).when(acknowledge(1, MAR)).thenThrows(DomainRuleError, 'VERSION_NOT_CURRENT');
    });

    it('refuses an employee outside the audience', () => {
      given([published]).when(acknowledge(1, FEB, false)).thenThrows(DomainRuleError, 'NOT_IN_AUDIENCE');
    });

    it('refuses a material that is not a regulation', () => {
      const { regulation: _regulation, ...plain } = published.data;
      given([{ type: 'MaterialPublished', data: plain }]).when(acknowledge(1)).thenThrows(DomainRuleError, 'NOT_A_REGULATION');
    });

    it('is not dated before the version was published', () => {
      given([published, revised]).when(acknowledge(2, '2026-02-01T00:00:00.000Z')).thenThrows(DomainRuleError, 'DATED_BEFORE_VERSION');
    });
  });

  describe('a material that does not exist', () => {
    it.each<[string, KnowledgeMaterialCommand]>([
      ['revision', { type: 'ReviseMaterial', materialId: 'refunds', body: 'New', reviewBy: '2026-08-01', at: FEB }],
      ['review', { type: 'ReviewMaterial', materialId: 'refunds', reviewBy: '2026-08-01', at: FEB }],
      ['retirement', { type: 'RetireMaterial', materialId: 'refunds', at: FEB }],
      ['acknowledgement', acknowledge(1)],
    ])('is not found for the %s', (_name, command) => {
      given([]).when(command).thenThrows(NotFoundError);
    });
  });

  describe('input', () => {
    it.each<[string, KnowledgeMaterialCommand, string]>([
      ['an unknown format', { ...publish, format: 'pdf' as PublishMaterial['format'] }, 'format'],
      ['a text without a body', { ...publish, body: undefined }, 'body'],
      ['a video without a link', { ...publish, format: 'video' }, 'link'],
      ['a link that is not http(s)', { ...publish, link: 'javascript:alert(1)' }, 'link'],
      ['a review date that is not a day', { ...publish, reviewBy: '2026-07-01T00:00:00Z' }, 'reviewBy'],
      ['a review date that does not exist', { ...publish, reviewBy: '2026-02-30' }, 'reviewBy'],
      ['a review date on the day of publication', { ...publish, reviewBy: '2026-01-12' }, 'reviewBy'],
      ['a repeated competency', { ...publish, competencyIds: ['a', 'a'] }, 'competencyIds.1'],
      ['an audience of nobody', { ...publish, regulation: { positionIds: [], sectionIds: [] } }, 'regulation'],
      ['an audience id with a slash', { ...publish, regulation: { positionIds: ['a/b'], sectionIds: [] } }, 'regulation.positionIds.0'],
      ['a blank title', { ...publish, title: ' ' }, 'title'],
      ['a version of zero', acknowledge(0), 'version'],
      ['a fractional version', acknowledge(1.5), 'version'],
    ])('rejects %s, naming the field', (_name, command, field) => {
      given(command.type === 'PublishMaterial' ? [] : [published]).when(command).thenRejects([field]);
    });

    it('checks a revision against the format fixed at publication', () => {
      given([published]).when({ type: 'ReviseMaterial', materialId: 'refunds', link: 'https://example.org/a', reviewBy: '2026-08-01', at: FEB }).thenRejects(['body']);
    });
  });
});

import { DomainRuleError, NotFoundError, ValidationError } from '#kernel';
import { deciderSpec } from '#kernel/testing.js';
import type { ChecklistTemplateCommand, PublishChecklistTemplate } from './checklist-template.commands.js';
import { checklistTemplateDecider, inspectionTemplate, type ChecklistTemplateState } from './checklist-template.decider.js';
import type {
  ChecklistContent,
  ChecklistCriterion,
  ChecklistTemplateEvent,
  ChecklistTemplateVersionPublished,
} from './checklist-template.events.js';

const PUBLISHED_AT = '2026-02-02T09:00:00.000Z';
const REVISED_AT = '2026-02-10T09:00:00.000Z';

const content: ChecklistContent = {
  title: 'Landing page',
  sections: [
    {
      title: 'Layout',
      criteria: [
        { criterionId: 'mobile', text: 'Renders on a phone', weight: 3, critical: true },
        { criterionId: 'fonts', text: 'Uses the brand fonts', weight: 1, critical: false },
      ],
    },
    { title: 'Offer', criteria: [{ criterionId: 'price', text: 'States the price', weight: 2, critical: false }] },
  ],
  passMark: 0.8,
  standardIds: ['standard-advertising', 'standard-layout'],
};

const revisedContent: ChecklistContent = {
  ...content,
  sections: [...content.sections, { title: 'Legal', criteria: [{ criterionId: 'offer-terms', text: 'Links the terms', weight: 1, critical: true }] }],
};

const publish: PublishChecklistTemplate = {
  type: 'PublishChecklistTemplate',
  templateId: 'landing',
  owner: { kind: 'section', id: 'section-layout' },
  ownerActive: true,
  content,
  at: PUBLISHED_AT,
};

const published = (version: number, versionContent = content, at = PUBLISHED_AT): ChecklistTemplateVersionPublished => ({
  type: 'ChecklistTemplateVersionPublished',
  data: { templateId: 'landing', version, owner: { kind: 'section', id: 'section-layout' }, ...versionContent, publishedAt: at },
});

const publishVersion = (versionContent: ChecklistContent, at = REVISED_AT): ChecklistTemplateCommand => ({
  type: 'PublishChecklistTemplateVersion',
  templateId: 'landing',
  content: versionContent,
  at,
});

const retire = (at = REVISED_AT): ChecklistTemplateCommand => ({ type: 'RetireChecklistTemplate', templateId: 'landing', reason: 'Replaced', at });

const retired: ChecklistTemplateEvent = {
  type: 'ChecklistTemplateRetired',
  data: { templateId: 'landing', lastVersion: 1, reason: 'Replaced', retiredAt: REVISED_AT },
};

const decider = checklistTemplateDecider();
const { given } = deciderSpec(decider);

function stateAfter(history: readonly ChecklistTemplateEvent[]): ChecklistTemplateState {
  return history.reduce(decider.evolve, decider.initialState());
}

describe('checklist template decider', () => {
  describe('publishing', () => {
    it('publishes a new template as version 1, owned by a section or a product', () => {
      given([]).when(publish).then([published(1)]);
      given([])
        .when({ ...publish, owner: { kind: 'product', id: 'course-sales' } })
        .then([{ ...published(1), data: { ...published(1).data, owner: { kind: 'product', id: 'course-sales' } } }]);
    });

    it('refuses a second template under the same id', () => {
      given([published(1)]).when(publish).thenThrows(DomainRuleError, 'CHECKLIST_TEMPLATE_EXISTS');
    });

    it('refuses an owner section that is closed, or an owner product that is retired', () => {
      given([]).when({ ...publish, ownerActive: false }).thenThrows(DomainRuleError, 'CHECKLIST_TEMPLATE_OWNER_INACTIVE');
    });

    /** A command whose one criterion is changed, to a value that may not even have the right type. */
    const withCriterion = (criterion: Record<string, unknown>): ChecklistTemplateCommand => ({
      ...publish,
      content: { ...content, sections: [{ title: 'Layout', criteria: [criterion as unknown as ChecklistCriterion] }] },
    });
    const criterion = { criterionId: 'mobile', text: 'Renders on a phone', weight: 3, critical: true };

    it.each<[string, ChecklistTemplateCommand, string]>([
      ['a template id that is no id', { ...publish, templateId: 'landing page' }, 'templateId'],
      ['an unknown owner kind', { ...publish, owner: { kind: 'team', id: 'x' } as never }, 'owner.kind'],
      ['a missing owner', { ...publish, owner: undefined as never }, 'owner'],
      ['an owner given as a list', { ...publish, owner: ['section', 'section-layout'] as never }, 'owner'],
      ['an owner activity that is no boolean', { ...publish, ownerActive: 'yes' as never }, 'ownerActive'],
      ['a blank title', { ...publish, content: { ...content, title: ' ' } }, 'title'],
      ['a title over 200 characters', { ...publish, content: { ...content, title: 't'.repeat(201) } }, 'title'],
      ['no sections', { ...publish, content: { ...content, sections: [] } }, 'sections'],
      ['a section without criteria', { ...publish, content: { ...content, sections: [{ title: 'Empty', criteria: [] }] } }, 'sections.0.criteria'],
      ['a section without a title', { ...publish, content: { ...content, sections: [{ title: '', criteria: [criterion] }] } }, 'sections.0.title'],
      ['a weight of 0', withCriterion({ ...criterion, weight: 0 }), 'sections.0.criteria.0.weight'],
      ['a negative weight', withCriterion({ ...criterion, weight: -1 }), 'sections.0.criteria.0.weight'],
      ['a weight over 1000', withCriterion({ ...criterion, weight: 1001 }), 'sections.0.criteria.0.weight'],
      ['a weight as a string', withCriterion({ ...criterion, weight: '3' }), 'sections.0.criteria.0.weight'],
      ['a critical flag that is no boolean', withCriterion({ ...criterion, critical: 'yes' }), 'sections.0.criteria.0.critical'],
      ['a criterion text over 1000 characters', withCriterion({ ...criterion, text: 'x'.repeat(1001) }), 'sections.0.criteria.0.text'],
      ['a criterion id that is no id', withCriterion({ ...criterion, criterionId: 'a b' }), 'sections.0.criteria.0.criterionId'],
      ['a pass mark of 0', { ...publish, content: { ...content, passMark: 0 } }, 'passMark'],
      ['a pass mark over 1', { ...publish, content: { ...content, passMark: 1.01 } }, 'passMark'],
      ['a standard named twice', { ...publish, content: { ...content, standardIds: ['standard-layout', 'standard-layout'] } }, 'standardIds.1'],
      ['a standard id that is no id', { ...publish, content: { ...content, standardIds: ['a b'] } }, 'standardIds.0'],
      ['standards that are no list', { ...publish, content: { ...content, standardIds: 'standard-layout' as never } }, 'standardIds'],
      ['more than 50 standards', { ...publish, content: { ...content, standardIds: Array.from({ length: 51 }, (_, n) => `standard-${n}`) } }, 'standardIds'],
      ['a business time without a zone', { ...publish, at: '2026-02-02T09:00:00' }, 'at'],
    ])('rejects %s, naming the field', (_name, command, field) => {
      given([]).when(command).thenRejects([field]);
    });

    it('rejects a criterion id repeated in another section of the version', () => {
      const repeated = {
        ...content,
        sections: [content.sections[0]!, { title: 'Offer', criteria: [{ criterionId: 'fonts', text: 'Again', weight: 1, critical: false }] }],
      };
      given([]).when({ ...publish, content: repeated }).thenRejects(['sections.1.criteria.0.criterionId']);
    });

    it('accepts a pass mark of exactly 1 and fractional weights', () => {
      const exacting = { ...content, passMark: 1, sections: [{ title: 'All', criteria: [{ ...criterion, weight: 0.5 }] }] };
      given([]).when({ ...publish, content: exacting }).then([published(1, exacting)]);
    });
  });

  describe('new versions', () => {
    it('publishes the next version with the full new content', () => {
      given([published(1)]).when(publishVersion(revisedContent)).then([published(2, revisedContent, REVISED_AT)]);
      given([published(1), published(2, revisedContent, REVISED_AT)])
        .when(publishVersion(content, '2026-02-11T09:00:00.000Z'))
        .then([published(3, content, '2026-02-11T09:00:00.000Z')]);
    });

    it('refuses a version that says what the current one says, its standards in any order', () => {
      given([published(1)]).when(publishVersion(content)).thenThrows(DomainRuleError, 'CHECKLIST_TEMPLATE_UNCHANGED');
      const reordered = { ...content, standardIds: [...content.standardIds].reverse() };
      given([published(1)]).when(publishVersion(reordered)).thenThrows(DomainRuleError, 'CHECKLIST_TEMPLATE_UNCHANGED');
    });

    it('publishes a version that changes only the standards it verifies', () => {
      const fewer = { ...content, standardIds: ['standard-layout'] };
      given([published(1)]).when(publishVersion(fewer)).then([published(2, fewer, REVISED_AT)]);
    });

    it('takes a version equal to an older one, as long as it differs from the current', () => {
      given([published(1), published(2, revisedContent, REVISED_AT)]).when(publishVersion(content)).then([published(3, content, REVISED_AT)]);
    });

    it('is not found for a template that does not exist', () => {
      given([]).when(publishVersion(revisedContent)).thenThrows(NotFoundError);
    });

    it('refuses a version of a retired template', () => {
      given([published(1), retired]).when(publishVersion(revisedContent)).thenThrows(DomainRuleError, 'CHECKLIST_TEMPLATE_RETIRED');
    });

    it('is not dated before the previous version', () => {
      given([published(1)])
        .when(publishVersion(revisedContent, '2026-02-02T08:59:59.999Z'))
        .thenThrows(DomainRuleError, 'DATED_BEFORE_PREVIOUS_DECISION');
    });

    it('checks the new content like the first', () => {
      given([published(1)])
        .when(publishVersion({ ...revisedContent, passMark: 2 }))
        .thenThrows(ValidationError);
    });
  });

  describe('retirement', () => {
    it('retires the template, recording its last version and the reason', () => {
      given([published(1)]).when(retire()).then([retired]);
    });

    it('retires without a reason', () => {
      given([published(1)])
        .when({ type: 'RetireChecklistTemplate', templateId: 'landing', at: REVISED_AT })
        .then([{ type: 'ChecklistTemplateRetired', data: { templateId: 'landing', lastVersion: 1, retiredAt: REVISED_AT } }]);
    });

    it('refuses to retire twice, and is not found for an unknown template', () => {
      given([published(1), retired]).when(retire()).thenThrows(DomainRuleError, 'CHECKLIST_TEMPLATE_RETIRED');
      given([]).when(retire()).thenThrows(NotFoundError);
    });

    it('is not dated before the last version', () => {
      given([published(1), published(2, revisedContent, REVISED_AT)])
        .when(retire('2026-02-09T00:00:00.000Z'))
        .thenThrows(DomainRuleError, 'DATED_BEFORE_PREVIOUS_DECISION');
    });
  });

  describe('the version an inspection is given under', () => {
    it('flattens the criteria of the exact version asked for, with their section titles', () => {
      const state = stateAfter([published(1), published(2, revisedContent, REVISED_AT)]);
      expect(inspectionTemplate(state, 'landing', 1)).toEqual({
        templateId: 'landing',
        version: 1,
        passMark: 0.8,
        criteria: [
          { criterionId: 'mobile', section: 'Layout', text: 'Renders on a phone', weight: 3, critical: true },
          { criterionId: 'fonts', section: 'Layout', text: 'Uses the brand fonts', weight: 1, critical: false },
          { criterionId: 'price', section: 'Offer', text: 'States the price', weight: 2, critical: false },
        ],
      });
      expect(inspectionTemplate(state, 'landing', 2).criteria.map((criterion) => criterion.criterionId)).toEqual([
        'mobile',
        'fonts',
        'price',
        'offer-terms',
      ]);
    });

    it('is not found for an unknown template or version', () => {
      const state = stateAfter([published(1)]);
      expect(() => inspectionTemplate(decider.initialState(), 'landing', 1)).toThrow(NotFoundError);
      expect(() => inspectionTemplate(state, 'landing', 2)).toThrow(NotFoundError);
      expect(() => inspectionTemplate(state, 'landing', 0)).toThrow(NotFoundError);
    });

    it('refuses a retired template', () => {
      expect(() => inspectionTemplate(stateAfter([published(1), retired]), 'landing', 1)).toThrow(
        expect.objectContaining({ rule: 'CHECKLIST_TEMPLATE_RETIRED' }),
      );
    });
  });
});

import { decidedHistory, projectionSpec } from '#kernel/testing.js';
import { checklistTemplateDecider, type ChecklistContent, type ChecklistTemplateCommand } from '#domain/quality/index.js';
import { checklistTemplates, type ChecklistTemplateDocument } from './checklist-templates.projection.js';

const content: ChecklistContent = {
  title: 'Support answer',
  sections: [{ title: 'Tone', criteria: [{ criterionId: 'greeting', text: 'Greets the client by name', weight: 1, critical: false }] }],
  passMark: 1,
  standardIds: ['standard-support-answers'],
};
const revised: ChecklistContent = {
  ...content,
  title: 'Support answer, 2026',
  sections: [
    { title: 'Tone', criteria: [...content.sections[0]!.criteria, { criterionId: 'no-blame', text: 'Never blames the client', weight: 2, critical: true }] },
  ],
  passMark: 0.75,
};

/** The events the decider appends for these commands, by the actor given, recorded as the store would. */
const recordedHistory = (...steps: readonly [actor: string, command: ChecklistTemplateCommand][]) =>
  decidedHistory(checklistTemplateDecider(), { streamOf: (command) => `checklistTemplate-${command.templateId}`, roles: ['quality-inspector'] }, steps);

const publish: ChecklistTemplateCommand = {
  type: 'PublishChecklistTemplate',
  templateId: 'support-answer',
  owner: { kind: 'product', id: 'support-chat' },
  ownerActive: true,
  content,
  at: '2026-01-12T09:00:00.000Z',
};
const publishRevision: ChecklistTemplateCommand = {
  type: 'PublishChecklistTemplateVersion',
  templateId: 'support-answer',
  content: revised,
  at: '2026-02-02T09:00:00.000Z',
};

const firstVersion = { version: 1, ...content, publishedAt: '2026-01-12T09:00:00.000Z', publishedBy: 'apiKey:inspector-1' };

describe('checklistTemplates projection', () => {
  it('keeps a document per template with its first version', () => {
    const expected: ChecklistTemplateDocument = {
      id: 'support-answer',
      owner: { kind: 'product', id: 'support-chat' },
      status: 'active',
      currentVersion: 1,
      title: 'Support answer',
      passMark: 1,
      createdAt: '2026-01-12T09:00:00.000Z',
      updatedAt: '2026-01-12T09:00:00.000Z',
      retiredAt: null,
      retirementReason: null,
      versions: [firstVersion],
    };
    projectionSpec(checklistTemplates)
      .given(recordedHistory(['apiKey:inspector-1', publish]))
      .thenDocuments({ 'support-answer': expected });
  });

  it('adds each new version next to the earlier ones, which stay as published, and shows the newest on top', () => {
    const { documents } = projectionSpec(checklistTemplates).given(
      recordedHistory(['apiKey:inspector-1', publish], ['apiKey:admin-2', publishRevision]),
    );
    expect(documents.get('support-answer')).toMatchObject({
      currentVersion: 2,
      title: 'Support answer, 2026',
      passMark: 0.75,
      createdAt: '2026-01-12T09:00:00.000Z',
      updatedAt: '2026-02-02T09:00:00.000Z',
      versions: [firstVersion, { version: 2, ...revised, publishedAt: '2026-02-02T09:00:00.000Z', publishedBy: 'apiKey:admin-2' }],
    });
  });

  it('marks the template retired, with the time and the reason, keeping its versions', () => {
    const retire: ChecklistTemplateCommand = {
      type: 'RetireChecklistTemplate',
      templateId: 'support-answer',
      reason: 'Chat support was closed',
      at: '2026-03-01T09:00:00.000Z',
    };
    projectionSpec(checklistTemplates)
      .given(recordedHistory(['apiKey:inspector-1', publish], ['apiKey:inspector-1', retire]))
      .thenDocument('support-answer', {
        id: 'support-answer',
        owner: { kind: 'product', id: 'support-chat' },
        status: 'retired',
        currentVersion: 1,
        title: 'Support answer',
        passMark: 1,
        createdAt: '2026-01-12T09:00:00.000Z',
        updatedAt: '2026-03-01T09:00:00.000Z',
        retiredAt: '2026-03-01T09:00:00.000Z',
        retirementReason: 'Chat support was closed',
        versions: [firstVersion],
      });
  });

  it('emits no facts', () => {
    expect(projectionSpec(checklistTemplates).given(recordedHistory(['apiKey:inspector-1', publish])).facts).toEqual([]);
  });
});

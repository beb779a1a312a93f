import { DomainRuleError, NotFoundError, type Decider } from '#kernel';
import { withoutAbsent } from '../shared/objects.js';
import {
  validPublishChecklistTemplate,
  validPublishChecklistTemplateVersion,
  validRetireChecklistTemplate,
  type ChecklistTemplateCommand,
  type PublishChecklistTemplate,
  type PublishChecklistTemplateVersion,
  type RetireChecklistTemplate,
} from './checklist-template.commands.js';
import {
  CHECKLIST_TEMPLATE_RETIRED,
  CHECKLIST_TEMPLATE_VERSION_PUBLISHED,
  type ChecklistContent,
  type ChecklistTemplateEvent,
  type TemplateOwner,
} from './checklist-template.events.js';
import { rejectDatedBefore } from './dating.js';
import type { InspectionTemplate } from './inspection.events.js';

export type ChecklistTemplateState =
  | { readonly status: 'absent' }
  | {
      readonly status: 'active' | 'retired';
      readonly templateId: string;
      readonly owner: TemplateOwner;
      /** Every published version; version n is at index n - 1. */
      readonly versions: readonly ChecklistContent[];
      /** Business time of the latest decision on the template. */
      readonly lastDecisionAt: string;
    };

type ExistingTemplate = Exclude<ChecklistTemplateState, { status: 'absent' }>;

export type ChecklistTemplateDecider = Decider<ChecklistTemplateCommand, ChecklistTemplateEvent, ChecklistTemplateState>;

/**
 * A checklist template: published as version 1, then revised by publishing the next version with the
 * full content; a published version is never changed, so every score stays tied to what it was given
 * under. A retired template takes no new versions, and no new inspections (`inspectionTemplate`).
 *
 * Rules: no second template under one id (`CHECKLIST_TEMPLATE_EXISTS`); a new template belongs to an
 * open section or an active product (`CHECKLIST_TEMPLATE_OWNER_INACTIVE`); nothing after retirement
 * (`CHECKLIST_TEMPLATE_RETIRED`); a new version must differ from the current one
 * (`CHECKLIST_TEMPLATE_UNCHANGED`); no decision is dated before the previous one
 * (`DATED_BEFORE_PREVIOUS_DECISION`).
 */
export function checklistTemplateDecider(): ChecklistTemplateDecider {
  return {
    initialState: () => ({ status: 'absent' }),

    decide(command, state) {
      switch (command.type) {
        case 'PublishChecklistTemplate':
          return publish(validPublishChecklistTemplate(command), state);
        case 'PublishChecklistTemplateVersion': {
          const valid = validPublishChecklistTemplateVersion(command);
          return publishVersion(valid, activeTemplate(state, valid.templateId, valid.at));
        }
        case 'RetireChecklistTemplate': {
          const valid = validRetireChecklistTemplate(command);
          return retire(valid, activeTemplate(state, valid.templateId, valid.at));
        }
      }
    },

    evolve,
  };
}

function publish(command: PublishChecklistTemplate, state: ChecklistTemplateState): ChecklistTemplateEvent[] {
  if (state.status !== 'absent') {
    throw new DomainRuleError('CHECKLIST_TEMPLATE_EXISTS', `checklist template ${command.templateId} already exists`, {
      templateId: command.templateId,
    });
  }
  if (!command.ownerActive) {
    throw new DomainRuleError('CHECKLIST_TEMPLATE_OWNER_INACTIVE', 'a checklist template belongs to an open section or an active product', {
      templateId: command.templateId,
      owner: command.owner,
    });
  }
  return [versionPublished(command.templateId, 1, command.owner, command.content, command.at)];
}

function publishVersion(command: PublishChecklistTemplateVersion, state: ExistingTemplate): ChecklistTemplateEvent[] {
  const current = state.versions[state.versions.length - 1]!;
  if (contentKey(current) === contentKey(command.content)) {
    throw new DomainRuleError('CHECKLIST_TEMPLATE_UNCHANGED', 'the new version says exactly what the current one says', {
      templateId: state.templateId,
      version: state.versions.length,
    });
  }
  return [versionPublished(state.templateId, state.versions.length + 1, state.owner, command.content, command.at)];
}

function retire(command: RetireChecklistTemplate, state: ExistingTemplate): ChecklistTemplateEvent[] {
  return [
    {
      type: CHECKLIST_TEMPLATE_RETIRED,
      data: withoutAbsent({
        templateId: state.templateId,
        lastVersion: state.versions.length,
        reason: command.reason,
        retiredAt: command.at,
      }),
    },
  ];
}

function versionPublished(
  templateId: string,
  version: number,
  owner: TemplateOwner,
  content: ChecklistContent,
  at: string,
): ChecklistTemplateEvent {
  const { title, sections, passMark, standardIds } = content;
  return { type: CHECKLIST_TEMPLATE_VERSION_PUBLISHED, data: { templateId, version, owner, title, sections, passMark, standardIds, publishedAt: at } };
}

function existingTemplate(state: ChecklistTemplateState, templateId: string): ExistingTemplate {
  if (state.status === 'absent') throw new NotFoundError('checklist template', templateId);
  return state;
}

function rejectRetired(state: ExistingTemplate): void {
  if (state.status === 'retired') {
    throw new DomainRuleError('CHECKLIST_TEMPLATE_RETIRED', `checklist template ${state.templateId} is retired`, {
      templateId: state.templateId,
    });
  }
}

function activeTemplate(state: ChecklistTemplateState, templateId: string, at: string): ExistingTemplate {
  const existing = existingTemplate(state, templateId);
  rejectRetired(existing);
  rejectDatedBefore(existing.lastDecisionAt, at, { templateId });
  return existing;
}

/** The content in one fixed key order, so that two contents compare whatever order their JSON came in. */
function contentKey({ title, sections, passMark, standardIds }: ChecklistContent): string {
  return JSON.stringify([
    title,
    passMark,
    [...standardIds].sort(),
    sections.map((section) => [section.title, section.criteria.map((c) => [c.criterionId, c.text, c.weight, c.critical])]),
  ]);
}

/**
 * The version an inspection is given under, flattened to what scoring needs plus the texts the
 * inspection shows. Unknown templates and versions are not found; a retired template takes no new
 * inspection.
 */
export function inspectionTemplate(state: ChecklistTemplateState, templateId: string, version: number): InspectionTemplate {
  const existing = existingTemplate(state, templateId);
  const content = Number.isInteger(version) && version >= 1 ? existing.versions[version - 1] : undefined;
  if (content === undefined) throw new NotFoundError('checklist template version', `${templateId} v${version}`);
  rejectRetired(existing);
  return {
    templateId,
    version,
    passMark: content.passMark,
    criteria: content.sections.flatMap((section) =>
      section.criteria.map(({ criterionId, text, weight, critical }) => ({ criterionId, section: section.title, text, weight, critical })),
    ),
  };
}

function evolve(state: ChecklistTemplateState, event: ChecklistTemplateEvent): ChecklistTemplateState {
  switch (event.type) {
    case CHECKLIST_TEMPLATE_VERSION_PUBLISHED: {
      const { templateId, owner, title, sections, passMark, standardIds, publishedAt } = event.data;
      const versions = state.status === 'absent' ? [] : state.versions;
      return { status: 'active', templateId, owner, versions: [...versions, { title, sections, passMark, standardIds }], lastDecisionAt: publishedAt };
    }
    case CHECKLIST_TEMPLATE_RETIRED:
      return state.status === 'absent' ? state : { ...state, status: 'retired', lastDecisionAt: event.data.retiredAt };
  }
}

import { DomainRuleError, NotFoundError, type Decider } from '#kernel';
import { rejectDatedBeforeLastChange } from '../organisation/references.js';
import { invalid } from '../shared/validation.js';
import {
  validDefineKnowledgeCheck,
  validRetireKnowledgeCheck,
  type KnowledgeCheckCommand,
  type ValidDefineKnowledgeCheck,
} from './knowledge-check.commands.js';
import {
  KNOWLEDGE_CHECK_DEFINED,
  KNOWLEDGE_CHECK_RETIRED,
  type CheckQuestion,
  type KnowledgeCheckEvent,
  type MaterialCitation,
} from './knowledge-check.events.js';
import { activeCompetency } from './requirements.js';

/** A knowledge check as its stream stands; attempts are decided against it. */
export type KnowledgeCheckState =
  | { readonly status: 'absent' }
  | {
      readonly status: 'active' | 'retired';
      readonly checkId: string;
      readonly openBook: boolean;
      readonly questions: readonly CheckQuestion[];
      readonly lastChangedAt: string;
    };

export type KnowledgeCheckDecider = Decider<KnowledgeCheckCommand, KnowledgeCheckEvent, KnowledgeCheckState>;

/**
 * A knowledge check: its question bank, each question scoring points for one competency and citing,
 * when it asks about one, a version of a knowledge-base material. It is defined once; to ask other
 * questions, define another check and retire this one, so that every attempt stays tied to the
 * questions it answered.
 *
 * Rules: one check per id (`KNOWLEDGE_CHECK_EXISTS`); every competency active (`COMPETENCY_RETIRED`);
 * every cited material in the knowledge base at a version it has (400 otherwise) and not retired
 * (`MATERIAL_RETIRED`); retired once (`KNOWLEDGE_CHECK_RETIRED`), not dated before its definition
 * (`DATED_BEFORE_LAST_CHANGE`).
 */
export function knowledgeCheckDecider(): KnowledgeCheckDecider {
  return {
    initialState: () => ({ status: 'absent' }),

    decide(command, state) {
      switch (command.type) {
        case 'DefineKnowledgeCheck':
          return define(validDefineKnowledgeCheck(command), state);
        case 'RetireKnowledgeCheck': {
          const { checkId, at } = validRetireKnowledgeCheck(command);
          const check = activeCheck(state, checkId);
          rejectDatedBeforeLastChange('knowledge check', checkId, check.lastChangedAt, at);
          return [{ type: KNOWLEDGE_CHECK_RETIRED, data: { checkId, retiredAt: at } }];
        }
      }
    },

    evolve,
  };
}

/** The check, when it exists and is not retired: the only kind that takes attempts and changes. */
export function activeCheck(state: KnowledgeCheckState, checkId: string): Exclude<KnowledgeCheckState, { status: 'absent' }> {
  if (state.status === 'absent') throw new NotFoundError('knowledge check', checkId);
  if (state.status === 'retired') {
    throw new DomainRuleError('KNOWLEDGE_CHECK_RETIRED', `knowledge check ${checkId} is retired`, { checkId });
  }
  return state;
}

function define(command: ValidDefineKnowledgeCheck, state: KnowledgeCheckState): KnowledgeCheckEvent[] {
  const { checkId, title, openBook, questions, at } = command;
  questions.forEach(({ competencyId, cites }, index) => {
    activeCompetency(command.catalogue, competencyId, `questions.${index}.competencyId`);
    if (cites !== undefined) checkCitation(command, cites, `questions.${index}.cites`);
  });
  if (state.status !== 'absent') throw new DomainRuleError('KNOWLEDGE_CHECK_EXISTS', `knowledge check ${checkId} already exists`, { checkId });
  return [{ type: KNOWLEDGE_CHECK_DEFINED, data: { checkId, title, openBook, questions, definedAt: at } }];
}

/** A version the cited material has, of a material that is not retired. */
function checkCitation({ materials }: ValidDefineKnowledgeCheck, { materialId, version }: MaterialCitation, field: string): void {
  const material = materials.get(materialId);
  if (material === undefined) throw invalid(`${field}.materialId`, 'no such material in the knowledge base');
  if (version > material.version) throw invalid(`${field}.version`, `must be at most ${material.version}, the material's current version`);
  if (material.status === 'retired') throw new DomainRuleError('MATERIAL_RETIRED', `material ${materialId} is retired`, { materialId });
}

function evolve(state: KnowledgeCheckState, event: KnowledgeCheckEvent): KnowledgeCheckState {
  switch (event.type) {
    case KNOWLEDGE_CHECK_DEFINED: {
      const { checkId, openBook, questions, definedAt } = event.data;
      return { status: 'active', checkId, openBook, questions, lastChangedAt: definedAt };
    }
    case KNOWLEDGE_CHECK_RETIRED:
      return state.status === 'absent' ? state : { ...state, status: 'retired', lastChangedAt: event.data.retiredAt };
  }
}

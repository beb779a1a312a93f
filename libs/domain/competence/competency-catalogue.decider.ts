import { DomainRuleError, NotFoundError, type Decider } from '#kernel';
import { rejectDatedBeforeLastChange } from '../organisation/references.js';
import { withoutAbsent } from '../shared/objects.js';
import {
  validDefineCompetency,
  validDefineProficiencyScale,
  validRetireCompetency,
  validReviseCompetency,
  type CompetencyCatalogueCommand,
  type DefineCompetency,
  type DefineProficiencyScale,
  type RetireCompetency,
  type ReviseCompetency,
} from './competency-catalogue.commands.js';
import {
  COMPETENCY_DEFINED,
  COMPETENCY_RETIRED,
  COMPETENCY_REVISED,
  PROFICIENCY_SCALE_DEFINED,
  type CompetencyCatalogueEvent,
  type CompetencyKind,
} from './competency-catalogue.events.js';
import { DEFAULT_PROFICIENCY_SCALE, type ProficiencyScale } from './proficiency-scale.js';

/** A competency as the catalogue knows it now. */
export interface CompetencyFacts {
  readonly competencyId: string;
  readonly kind: CompetencyKind;
  readonly name: string;
  readonly description?: string;
  readonly status: 'active' | 'retired';
  /** Business date of its latest change; no later change may be dated before it. */
  readonly lastChangedAt: string;
}

/**
 * The folded `competencyCatalogue-main` stream. Profiles, career paths, checks and assessments live
 * in streams of their own; their command services fold this state and hand it to their deciders
 * inside the command, so that a competency or a level is checked against the log itself.
 */
export interface CompetencyCatalogue {
  readonly competencies: ReadonlyMap<string, CompetencyFacts>;
  readonly scale: ProficiencyScale;
  /** Business date of the scale's latest definition; absent while the default scale holds. */
  readonly scaleDefinedAt?: string;
}

export type CompetencyCatalogueDecider = Decider<CompetencyCatalogueCommand, CompetencyCatalogueEvent, CompetencyCatalogue>;

/**
 * The competency catalogue and the proficiency scale. A competency is defined once with its kind,
 * revised (name, description) and retired; a retired one takes no change and no new reference.
 * The scale starts as the default 0-4 scale and is versioned by each definition; it may gain levels
 * but never lose one (`SCALE_CANNOT_SHRINK`), so every level ever recorded stays on the scale.
 * Changes of one competency, and of the scale, are dated in order (`DATED_BEFORE_LAST_CHANGE`).
 * A revision or a scale equal to the current one appends nothing.
 */
export function competencyCatalogueDecider(): CompetencyCatalogueDecider {
  return {
    initialState: emptyCompetencyCatalogue,

    decide(command, state) {
      switch (command.type) {
        case 'DefineCompetency':
          return define(validDefineCompetency(command), state);
        case 'ReviseCompetency':
          return revise(validReviseCompetency(command), state);
        case 'RetireCompetency':
          return retire(validRetireCompetency(command), state);
        case 'DefineProficiencyScale':
          return defineScale(validDefineProficiencyScale(command), state);
      }
    },

    evolve,
  };
}

export function emptyCompetencyCatalogue(): CompetencyCatalogue {
  return { competencies: new Map(), scale: DEFAULT_PROFICIENCY_SCALE };
}

function define(command: DefineCompetency, state: CompetencyCatalogue): CompetencyCatalogueEvent[] {
  const { competencyId, kind, name, description, at } = command;
  if (state.competencies.has(competencyId)) {
    throw new DomainRuleError('COMPETENCY_EXISTS', `competency ${competencyId} already exists`, { competencyId });
  }
  return [{ type: COMPETENCY_DEFINED, data: withoutAbsent({ competencyId, kind, name, description, definedAt: at }) }];
}

function revise(command: ReviseCompetency, state: CompetencyCatalogue): CompetencyCatalogueEvent[] {
  const competency = changeable(state, command.competencyId, command.at);
  const name = command.name ?? competency.name;
  const description = command.description ?? competency.description;
  if (name === competency.name && description === competency.description) return [];
  return [{ type: COMPETENCY_REVISED, data: withoutAbsent({
    competencyId: competency.competencyId,
    name,
    description,
    revisedAt: command.at,
  }) }];
}

function retire(command: RetireCompetency, state: CompetencyCatalogue): CompetencyCatalogueEvent[] {
  const competency = changeable(state, command.competencyId, command.at);
  return [{ type: COMPETENCY_RETIRED, data: { competencyId: competency.competencyId, retiredAt: command.at } }];
}

function defineScale(command: DefineProficiencyScale, state: CompetencyCatalogue): CompetencyCatalogueEvent[] {
  const { levels, proficientLevel, at } = command;
  const current = state.scale;
  if (state.scaleDefinedAt !== undefined) rejectDatedBeforeLastChange('proficiency scale', 'main', state.scaleDefinedAt, at);
  if (levels.length < current.levels.length) {
    throw new DomainRuleError('SCALE_CANNOT_SHRINK', `the scale has ${current.levels.length} levels and cannot lose any`, {
      levels: current.levels.length,
      proposed: levels.length,
    });
  }
  if (proficientLevel === current.proficientLevel && levels.join('\u0000') === current.levels.join('\u0000')) return [];
  return [{ type: PROFICIENCY_SCALE_DEFINED, data: { version: current.version + 1, levels, proficientLevel, definedAt: at } }];
}

function changeable(state: CompetencyCatalogue, competencyId: string, at: string): CompetencyFacts {
  const competency = state.competencies.get(competencyId);
  if (competency === undefined) throw new NotFoundError('competency', competencyId);
  if (competency.status === 'retired') {
    throw new DomainRuleError('COMPETENCY_RETIRED', `competency ${competencyId} is retired`, { competencyId });
  }
  rejectDatedBeforeLastChange('competency', competencyId, competency.lastChangedAt, at);
  return competency;
}

function evolve(state: CompetencyCatalogue, event: CompetencyCatalogueEvent): CompetencyCatalogue {
  switch (event.type) {
    case COMPETENCY_DEFINED: {
      const { competencyId, kind, name, description, definedAt } = event.data;
      return withCompetency(state, withoutAbsent({ competencyId, kind, name, description, status: 'active', lastChangedAt: definedAt }));
    }
    case COMPETENCY_REVISED: {
      const { competencyId, name, description, revisedAt } = event.data;
      const { description: _previous, ...competency } = state.competencies.get(competencyId)!;
      return withCompetency(state, withoutAbsent({ ...competency, name, description, lastChangedAt: revisedAt }));
    }
    case COMPETENCY_RETIRED: {
      const competency = state.competencies.get(event.data.competencyId)!;
      return withCompetency(state, { ...competency, status: 'retired', lastChangedAt: event.data.retiredAt });
    }
    case PROFICIENCY_SCALE_DEFINED: {
      const { version, levels, proficientLevel, definedAt } = event.data;
      return { ...state, scale: { version, levels, proficientLevel }, scaleDefinedAt: definedAt };
    }
  }
}

function withCompetency(state: CompetencyCatalogue, competency: CompetencyFacts): CompetencyCatalogue {
  return { ...state, competencies: new Map(state.competencies).set(competency.competencyId, competency) };
}

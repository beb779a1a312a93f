import { DomainRuleError, NotFoundError, type Decider } from '#kernel';
import { rejectDatedBeforeLastChange } from '../organisation/references.js';
import { withoutAbsent } from '../shared/objects.js';
import { sameVersionText } from '../shared/versioned-text.js';
import {
  validPublishStandard,
  validReviseStandard,
  validRetireStandard,
  type PublishStandard,
  type ReviseStandard,
  type StandardCommand,
} from './standard.commands.js';
import {
  STANDARD_PUBLISHED,
  STANDARD_RETIRED,
  STANDARD_REVISED,
  type StandardContent,
  type StandardEvent,
} from './standard.events.js';

export type StandardState =
  | { readonly status: 'absent' }
  | {
      readonly status: 'current' | 'retired';
      readonly standardId: string;
      readonly version: number;
      readonly content: StandardContent;
      readonly lastChangedAt: string;
    };

type ExistingStandard = Exclude<StandardState, { status: 'absent' }>;

export type StandardDecider = Decider<StandardCommand, StandardEvent, StandardState>;

/**
 * A versioned standard. Publishing creates version 1; each revision publishes the next version with
 * its whole content, and the earlier versions stay as they were published (they are events). A
 * revision that says exactly what the current version says appends nothing. A retired standard takes
 * no further revision.
 */
export function standardDecider(): StandardDecider {
  return {
    initialState: () => ({ status: 'absent' }),

    decide(command, state) {
      switch (command.type) {
        case 'PublishStandard':
          return publish(validPublishStandard(command), state);
        case 'ReviseStandard':
          return revise(validReviseStandard(command), state);
        case 'RetireStandard': {
          const { standardId, reason, at } = validRetireStandard(command);
          const standard = revisable(state, standardId, at);
          return [{ type: STANDARD_RETIRED, data: withoutAbsent({ standardId: standard.standardId, reason, retiredAt: at }) }];
        }
      }
    },

    evolve,
  };
}

function publish(command: PublishStandard, state: StandardState): StandardEvent[] {
  const { standardId, standardType, owner, title, body, link, at } = command;
  if (state.status !== 'absent') {
    throw new DomainRuleError('STANDARD_EXISTS', `standard ${standardId} already exists`, { standardId });
  }
  if (!command.ownerActive) {
    throw new DomainRuleError('STANDARD_OWNER_INACTIVE', 'a standard is published for an open section or an active product', {
      standardId,
      owner,
    });
  }
  return [
    {
      type: STANDARD_PUBLISHED,
      data: withoutAbsent({ standardId, version: 1 as const, type: standardType, owner, title, body, link, publishedAt: at }),
    },
  ];
}

function revise(command: ReviseStandard, state: StandardState): StandardEvent[] {
  const standard = revisable(state, command.standardId, command.at);
  const content: StandardContent = withoutAbsent({ title: command.title ?? standard.content.title, body: command.body, link: command.link });
  if (sameVersionText(content, standard.content)) return [];
  return [
    {
      type: STANDARD_REVISED,
      data: withoutAbsent({
        standardId: standard.standardId,
        version: standard.version + 1,
        ...content,
        changeNote: command.changeNote,
        revisedAt: command.at,
      }),
    },
  ];
}

function revisable(state: StandardState, standardId: string, at: string): ExistingStandard {
  if (state.status === 'absent') throw new NotFoundError('standard', standardId);
  if (state.status === 'retired') throw new DomainRuleError('STANDARD_RETIRED', `standard ${standardId} is retired`, { standardId });
  rejectDatedBeforeLastChange('standard', standardId, state.lastChangedAt, at);
  return state;
}

function evolve(state: StandardState, event: StandardEvent): StandardState {
  switch (event.type) {
    case STANDARD_PUBLISHED: {
      const { standardId, title, body, link, publishedAt } = event.data;
      return { status: 'current', standardId, version: 1, content: withoutAbsent({ title, body, link }), lastChangedAt: publishedAt };
    }
    case STANDARD_REVISED: {
      if (state.status === 'absent') return state;
      const { version, title, body, link, revisedAt } = event.data;
      return { ...state, version, content: withoutAbsent({ title, body, link }), lastChangedAt: revisedAt };
    }
    case STANDARD_RETIRED:
      return state.status === 'absent' ? state : { ...state, status: 'retired', lastChangedAt: event.data.retiredAt };
  }
}

import { DomainRuleError, NotFoundError, type Decider } from '#kernel';
import { isBefore } from '../organisation/references.js';
import { withoutAbsent } from '../shared/objects.js';
import { validCorrectWebinarCounts, validRecordWebinar, type WebinarCommand } from './webinar.commands.js';
import { WEBINAR_COUNTS_CORRECTED, WEBINAR_RECORDED, type WebinarCounts, type WebinarEvent } from './webinar.events.js';

export type WebinarState =
  | { readonly status: 'absent' }
  | { readonly status: 'recorded'; readonly webinarId: string; readonly trainerId: string; readonly heldAt: string; readonly counts: WebinarCounts };

export type WebinarDecider = Decider<WebinarCommand, WebinarEvent, WebinarState>;

/**
 * A webinar a trainer ran, with how many attended and how many bought: the trainer's conversion.
 * Counts are corrected by a new event that states the previous ones, never by rewriting the first;
 * counts equal to those recorded append nothing. A correction is not dated before the webinar.
 */
export function webinarDecider(): WebinarDecider {
  return {
    initialState: () => ({ status: 'absent' }),

    decide(command, state) {
      switch (command.type) {
        case 'RecordWebinar': {
          const { webinarId, trainerId, title, attendees, buyers, at } = validRecordWebinar(command);
          if (state.status !== 'absent') throw new DomainRuleError('WEBINAR_EXISTS', `webinar ${webinarId} is recorded already`, { webinarId });
          return [{ type: WEBINAR_RECORDED, data: { webinarId, trainerId, title, attendees, buyers, heldAt: at } }];
        }
        case 'CorrectWebinarCounts': {
          const { webinarId, attendees, buyers, reason, at } = validCorrectWebinarCounts(command);
          if (state.status === 'absent') throw new NotFoundError('webinar', webinarId);
          if (isBefore(at, state.heldAt)) {
            throw new DomainRuleError('DATED_BEFORE_WEBINAR', `webinar ${webinarId} was held after ${at}`, { webinarId, heldAt: state.heldAt, at });
          }
          if (attendees === state.counts.attendees && buyers === state.counts.buyers) return [];
          const { trainerId, heldAt, counts: previous } = state;
          return [
            {
              type: WEBINAR_COUNTS_CORRECTED,
              data: withoutAbsent({ webinarId, trainerId, heldAt, attendees, buyers, previous, reason, correctedAt: at }),
            },
          ];
        }
      }
    },

    evolve(state, event) {
      const { attendees, buyers } = event.data;
      if (event.type === WEBINAR_RECORDED) {
        const { webinarId, trainerId, heldAt } = event.data;
        return { status: 'recorded', webinarId, trainerId, heldAt, counts: { attendees, buyers } };
      }
      return state.status === 'absent' ? state : { ...state, counts: { attendees, buyers } };
    },
  };
}

import { withoutAbsent } from '../shared/objects.js';
import { invalid, optionalText, requireId, requireNumber, requireText, requireUtcInstant, withoutEmailAddress } from '../shared/validation.js';
import type { WebinarCounts } from './webinar.events.js';

/** A webinar the trainer ran, at `at`, with its counts. */
export interface RecordWebinar extends WebinarCounts {
  readonly type: 'RecordWebinar';
  readonly webinarId: string;
  readonly trainerId: string;
  readonly title: string;
  readonly at: string;
}

export interface CorrectWebinarCounts extends WebinarCounts {
  readonly type: 'CorrectWebinarCounts';
  readonly webinarId: string;
  readonly reason?: string;
  readonly at: string;
}

export type WebinarCommand = RecordWebinar | CorrectWebinarCounts;

export const MAX_WEBINAR_TITLE_LENGTH = 300;
export const MAX_CORRECTION_REASON_LENGTH = 2000;

export function validRecordWebinar(command: RecordWebinar): RecordWebinar {
  return {
    type: command.type,
    webinarId: requireId(command.webinarId, 'webinarId'),
    trainerId: requireId(command.trainerId, 'trainerId'),
    title: withoutEmailAddress(requireText(command.title, 'title', MAX_WEBINAR_TITLE_LENGTH), 'title'),
    ...validCounts(command),
    at: requireUtcInstant(command.at, 'at'),
  };
}

export function validCorrectWebinarCounts(command: CorrectWebinarCounts): CorrectWebinarCounts {
  return withoutAbsent({
    type: command.type,
    webinarId: requireId(command.webinarId, 'webinarId'),
    ...validCounts(command),
    reason: optionalText(command.reason, 'reason', MAX_CORRECTION_REASON_LENGTH),
    at: requireUtcInstant(command.at, 'at'),
  });
}

/** Buyers are counted among the attendees, so there are never more of them. */
function validCounts(counts: WebinarCounts): WebinarCounts {
  const attendees = requireNumber(counts.attendees, 'attendees', { atLeast: 0, whole: true });
  const buyers = requireNumber(counts.buyers, 'buyers', { atLeast: 0, whole: true });
  if (buyers > attendees) throw invalid('buyers', 'must not exceed attendees: buyers are counted among them');
  return { attendees, buyers };
}

import type { DomainEvent } from '#kernel';

/** Stream category of webinars run by trainers: each lives in `webinar-<webinarId>`. */
export const WEBINAR_CATEGORY = 'webinar';

export const WEBINAR_RECORDED = 'WebinarRecorded';
export const WEBINAR_COUNTS_CORRECTED = 'WebinarCountsCorrected';

/** The trainer KPI (seed 000, 3.5.2): buyers / attendees of a trainer's webinars, against a target of 30 %. */
export const WEBINAR_CONVERSION_TARGET = 0.3;

/** How many attended a webinar and how many of them bought. */
export interface WebinarCounts {
  readonly attendees: number;
  readonly buyers: number;
}

export interface WebinarRecordedData extends WebinarCounts {
  readonly webinarId: string;
  /** The employee who ran it. */
  readonly trainerId: string;
  readonly title: string;
  readonly heldAt: string;
}

/** Counts taken again (late sales, a recount); the trainer and date are repeated for the metric. */
export interface WebinarCountsCorrectedData extends WebinarCounts {
  readonly webinarId: string;
  readonly trainerId: string;
  readonly heldAt: string;
  readonly previous: WebinarCounts;
  readonly reason?: string;
  readonly correctedAt: string;
}

export type WebinarRecorded = DomainEvent<typeof WEBINAR_RECORDED, WebinarRecordedData>;
export type WebinarCountsCorrected = DomainEvent<typeof WEBINAR_COUNTS_CORRECTED, WebinarCountsCorrectedData>;

export type WebinarEvent = WebinarRecorded | WebinarCountsCorrected;

import type { Projection, RecordedOf } from '#kernel';
import {
  WEBINAR_CONVERSION_TARGET,
  WEBINAR_COUNTS_CORRECTED,
  WEBINAR_EVENT_TYPES,
  WEBINAR_RECORDED,
  type WebinarCounts,
  type WebinarEvent,
} from '#domain/training/index.js';

export interface WebinarCorrection extends WebinarCounts {
  readonly previous: WebinarCounts;
  readonly reason: string | null;
  readonly correctedAt: string;
  readonly actorId: string;
}

/** A webinar a trainer ran, with its counts as they stand and every correction of them. */
export interface WebinarDocument extends WebinarCounts {
  readonly id: string;
  readonly trainerId: string;
  readonly title: string;
  readonly heldAt: string;
  /** buyers / attendees; null without attendees. */
  readonly conversion: number | null;
  readonly meetsTarget: boolean | null;
  readonly corrections: readonly WebinarCorrection[];
}

type WebinarRecord = RecordedOf<WebinarEvent>;

export const webinars: Projection<WebinarDocument, WebinarEvent> = {
  name: 'webinars',
  version: 1,
  indexes: [{ fields: ['heldAt'] }],
  handles: WEBINAR_EVENT_TYPES,
  documentId: (event) => event.data.webinarId,
  evolve: (document, event) => evolveWebinar(document, event),
};

function evolveWebinar(document: WebinarDocument | null, event: WebinarRecord): WebinarDocument | null {
  if (event.type === WEBINAR_RECORDED) {
    const { webinarId, trainerId, title, heldAt, attendees, buyers } = event.data;
    return { id: webinarId, trainerId, title, heldAt, ...withConversion({ attendees, buyers }), corrections: [] };
  }
  if (document === null || event.type !== WEBINAR_COUNTS_CORRECTED) return document;
  const { attendees, buyers, previous, reason, correctedAt } = event.data;
  const correction = { attendees, buyers, previous, reason: reason ?? null, correctedAt, actorId: event.metadata.actor.id };
  return { ...document, ...withConversion({ attendees, buyers }), corrections: [...document.corrections, correction] };
}

/** The trainer KPI: buyers / attendees against the 30 % target; null without attendees. */
export function conversionOf({ attendees, buyers }: WebinarCounts): number | null {
  return attendees > 0 ? buyers / attendees : null;
}

function withConversion(counts: WebinarCounts) {
  const conversion = conversionOf(counts);
  return { ...counts, conversion, meetsTarget: conversion === null ? null : conversion >= WEBINAR_CONVERSION_TARGET };
}

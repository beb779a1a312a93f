import type { DomainEvent } from '#kernel';

/**
 * Stream category of a client's contacts on one topic, `supportContact-<contactId>`: every ticket of
 * that client on that topic claims it when it is opened, so that repeat contacts are linked on one stream.
 */
export const SUPPORT_CONTACT_CATEGORY = 'supportContact';

export const SUPPORT_CONTACT_RECORDED = 'SupportContactRecorded';

export interface SupportContactRecordedData {
  readonly contactId: string;
  readonly clientId: string;
  readonly topic: string;
  readonly ticketId: string;
  readonly openedAt: string;
  /** The earlier ticket the new one repeats, exactly as the new ticket's opening records it. */
  readonly repeatOf?: string;
}

export type SupportContactRecorded = DomainEvent<typeof SUPPORT_CONTACT_RECORDED, SupportContactRecordedData>;

export type SupportContactEvent = SupportContactRecorded;

import { DomainRuleError } from '#kernel';
import { deciderSpec } from '#kernel/testing.js';
import { repeatedTicket, supportContactDecider, supportContactId, type RecordSupportContact } from './support-contact.decider.js';
import type { SupportContactRecorded } from './support-contact.events.js';

const contactId = supportContactId('client-42', 'Video');

const claim = (ticketId: string, at: string, repeatOf?: string): RecordSupportContact => ({
  type: 'RecordSupportContact',
  contactId,
  clientId: 'client-42',
  topic: 'Video',
  ticketId,
  ...(repeatOf === undefined ? {} : { repeatOf }),
  at,
});

const recorded = (ticketId: string, openedAt: string, repeatOf?: string): SupportContactRecorded => ({
  type: 'SupportContactRecorded',
  data: { contactId, clientId: 'client-42', topic: 'Video', ticketId, openedAt, ...(repeatOf === undefined ? {} : { repeatOf }) },
});

const { given } = deciderSpec(supportContactDecider({ repeatWindowDays: 7 }));

describe('support contact decider', () => {
  it('records the first ticket of a contact as no repeat', () => {
    given([]).when(claim('t-1', '2026-03-02T09:00:00.000Z')).then([recorded('t-1', '2026-03-02T09:00:00.000Z')]);
  });

  it('links a ticket opened within the window to the latest earlier one', () => {
    given([recorded('t-1', '2026-03-01T09:00:00.000Z'), recorded('t-2', '2026-03-02T09:00:00.000Z', 't-1')])
      .when(claim('t-3', '2026-03-09T09:00:00.000Z', 't-2'))
      .then([recorded('t-3', '2026-03-09T09:00:00.000Z', 't-2')]);
  });

  it('links no ticket opened after the window', () => {
    given([recorded('t-1', '2026-03-02T09:00:00.000Z')])
      .when(claim('t-2', '2026-03-09T09:00:00.001Z'))
      .then([recorded('t-2', '2026-03-09T09:00:00.001Z')]);
  });

  it('refuses a claim whose link another opening changed meanwhile, so that no link is lost', () => {
    given([recorded('t-1', '2026-03-02T09:00:00.000Z')])
      .when(claim('t-2', '2026-03-02T10:00:00.000Z'))
      .thenThrows(DomainRuleError, 'SUPPORT_CONTACT_CHANGED');
  });

  it('appends nothing when the ticket claimed the contact already', () => {
    given([recorded('t-1', '2026-03-02T09:00:00.000Z')]).when(claim('t-1', '2026-03-02T09:00:00.000Z')).then([]);
  });

  it('refuses a contact id that is not the client and topic', () => {
    given([])
      .when({ ...claim('t-1', '2026-03-02T09:00:00.000Z'), topic: 'Refund' })
      .thenRejects(['contactId']);
  });

  describe('the repeated ticket', () => {
    const state = { openings: [{ ticketId: 't-1', openedAt: '2026-03-02T09:00:00.000Z' }, { ticketId: 't-2', openedAt: '2026-03-05T09:00:00.000Z' }] };

    it('is the latest ticket opened before, for tickets imported out of order', () => {
      expect(repeatedTicket(state, 't-3', '2026-03-04T09:00:00.000Z', 7)).toBe('t-1');
    });

    it('counts exactly the window as inside', () => {
      expect(repeatedTicket(state, 't-3', '2026-03-12T09:00:00.000Z', 7)).toBe('t-2');
      expect(repeatedTicket(state, 't-3', '2026-03-12T09:00:00.001Z', 7)).toBeUndefined();
    });

    it('is never the ticket itself', () => {
      expect(repeatedTicket(state, 't-1', '2026-03-02T09:00:00.000Z', 7)).toBeUndefined();
    });
  });

  it('keys a contact on the topic whatever its case and surrounding blanks', () => {
    expect(supportContactId('client-42', ' video ')).toBe(contactId);
    expect(supportContactId('client-43', 'Video')).not.toBe(contactId);
  });
});

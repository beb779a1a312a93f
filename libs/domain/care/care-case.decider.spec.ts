import { DomainRuleError, NotFoundError, ValidationError } from '#kernel';
import { deciderSpec } from '#kernel/testing.js';
import type { AssignCareCase, CareCaseCommand, IssueRefund, OpenCareCase, ResolveCareCase, RetainClient } from './care-case.commands.js';
import { careCaseDecider } from './care-case.decider.js';
import type { CareCaseAssigned, CareCaseOpened, CareCaseResolved, ClientRetained, RefundIssued } from './care-case.events.js';

const OPENED_AT = '2026-03-02T09:00:00.000Z';
const RETAINED_AT = '2026-03-03T10:00:00.000Z';

const openCase: OpenCareCase = {
  type: 'OpenCareCase',
  caseId: 'case-1',
  clientId: 'client-42',
  productId: 'course-sales',
  sectionId: 'section-care',
  kind: 'refund-request',
  channel: 'phone',
  summary: 'The course did not match the landing page',
  at: OPENED_AT,
};

const opened: CareCaseOpened = {
  type: 'CareCaseOpened',
  data: {
    caseId: 'case-1',
    clientId: 'client-42',
    productId: 'course-sales',
    sectionId: 'section-care',
    kind: 'refund-request',
    channel: 'phone',
    summary: 'The course did not match the landing page',
    openedAt: OPENED_AT,
  },
};

const assign = (employeeId: string, at = '2026-03-02T09:30:00.000Z'): AssignCareCase => ({
  type: 'AssignCareCase',
  caseId: 'case-1',
  employeeId,
  at,
});

const assigned = (employeeId: string, previousEmployeeId?: string, at = '2026-03-02T09:30:00.000Z'): CareCaseAssigned => ({
  type: 'CareCaseAssigned',
  data: { caseId: 'case-1', employeeId, ...(previousEmployeeId ? { previousEmployeeId } : {}), assignedAt: at },
});

const refund = (at: string): IssueRefund => ({
  type: 'IssueRefund',
  caseId: 'case-1',
  amount: { minor: 1_500_000, currency: 'RUB' },
  full: true,
  reason: 'The client could not attend the course',
  scriptId: 'script-refund',
  at,
});

const retain: RetainClient = {
  type: 'RetainClient',
  caseId: 'case-1',
  method: 'exchange',
  retained: { minor: 1_500_000, currency: 'RUB' },
  scriptId: 'script-exchange',
  note: 'Moved to the next stream',
  at: RETAINED_AT,
};

const retained = (employeeId = 'agent-7'): ClientRetained => ({
  type: 'ClientRetained',
  data: {
    caseId: 'case-1',
    productId: 'course-sales',
    sectionId: 'section-care',
    employeeId,
    method: 'exchange',
    retained: { minor: 1_500_000, currency: 'RUB' },
    scriptId: 'script-exchange',
    note: 'Moved to the next stream',
    retainedAt: RETAINED_AT,
  },
});

const refunded: RefundIssued = {
  type: 'RefundIssued',
  data: {
    caseId: 'case-1',
    productId: 'course-sales',
    sectionId: 'section-care',
    employeeId: 'agent-7',
    amount: { minor: 1_500_000, currency: 'RUB' },
    full: true,
    reason: 'The client could not attend the course',
    scriptId: 'script-refund',
    refundedAt: '2026-03-04T12:00:00.000Z',
    lostSave: false,
  },
};

const RESOLVED_AT = '2026-03-05T16:00:00.000Z';

const resolve = (outcome: ResolveCareCase['outcome'] = 'resolved-without-money', at = RESOLVED_AT): ResolveCareCase => ({
  type: 'ResolveCareCase',
  caseId: 'case-1',
  outcome,
  note: 'Showed the client where the recordings are',
  at,
});

const resolved = (outcome: ResolveCareCase['outcome'] = 'resolved-without-money'): CareCaseResolved => ({
  type: 'CareCaseResolved',
  data: {
    caseId: 'case-1',
    productId: 'course-sales',
    sectionId: 'section-care',
    employeeId: 'agent-7',
    outcome,
    note: 'Showed the client where the recordings are',
    resolvedAt: RESOLVED_AT,
  },
});

const { given } = deciderSpec(careCaseDecider());

describe('care case decider', () => {
  describe('opening', () => {
    it('opens a case for a client and a product', () => {
      given([]).when(openCase).then([opened]);
    });

    it('leaves out the optional facts that were not given', () => {
      given([])
        .when({ type: 'OpenCareCase', caseId: 'case-2', clientId: 'client-9', productId: 'webinar', kind: 'other', at: OPENED_AT })
        .then([
          {
            type: 'CareCaseOpened',
            data: { caseId: 'case-2', clientId: 'client-9', productId: 'webinar', kind: 'other', openedAt: OPENED_AT },
          },
        ]);
    });

    it('writes the business time in the canonical UTC form', () => {
      given([])
        .when({ ...openCase, at: '2026-03-02T09:00:00Z' })
        .then([opened]);
    });

    it('refuses to open a case twice', () => {
      given([opened]).when(openCase).thenThrows(DomainRuleError, 'CARE_CASE_EXISTS');
    });
  });

  describe('a case that does not exist', () => {
    it.each<[string, CareCaseCommand]>([
      ['assignment', assign('agent-7')],
      ['refund', refund('2026-03-04T12:00:00.000Z')],
      ['retention', retain],
    ])('is not found for an %s', (_name, command) => {
      given([]).when(command).thenThrows(NotFoundError);
    });
  });

  describe('assignment', () => {
    it('assigns the case to an employee', () => {
      given([opened]).when(assign('agent-7')).then([assigned('agent-7')]);
    });

    it('re-assigns it and records who had it', () => {
      given([opened, assigned('agent-7')])
        .when(assign('agent-9', '2026-03-02T11:00:00.000Z'))
        .then([assigned('agent-9', 'agent-7', '2026-03-02T11:00:00.000Z')]);
    });

    it('appends nothing when the employee already has the case', () => {
      given([opened, assigned('agent-7')]).when(assign('agent-7')).then([]);
    });

    it('re-assigns a retained case for a follow-up inside the observation window', () => {
      given([opened, assigned('agent-7'), retained()])
        .when(assign('agent-9', '2026-03-20T08:00:00.000Z'))
        .then([assigned('agent-9', 'agent-7', '2026-03-20T08:00:00.000Z')]);
    });

    it('does not re-assign a retained case after the observation window', () => {
      given([opened, assigned('agent-7'), retained()])
        .when(assign('agent-9', '2026-04-03T10:00:00.001Z'))
        .thenThrows(DomainRuleError, 'OBSERVATION_WINDOW_CLOSED');
    });

    it('does not assign a refunded case', () => {
      given([opened, assigned('agent-7'), refunded]).when(assign('agent-9')).thenThrows(DomainRuleError, 'CARE_CASE_REFUNDED');
    });

    it('is not dated before the case was opened', () => {
      given([opened]).when(assign('agent-7', '2026-03-02T08:59:59.999Z')).thenThrows(DomainRuleError, 'DATED_BEFORE_OPENING');
    });
  });

  describe('refund', () => {
    it('closes an open case as refunded, recording the employee handling it', () => {
      given([opened, assigned('agent-7')]).when(refund('2026-03-04T12:00:00.000Z')).then([refunded]);
    });

    it('records no employee when the case was never assigned', () => {
      const { employeeId: _employeeId, ...unassigned } = refunded.data;
      given([opened]).when(refund('2026-03-04T12:00:00.000Z')).then([{ type: 'RefundIssued', data: unassigned }]);
    });

    it('refuses a second refund', () => {
      given([opened, refunded]).when(refund('2026-03-05T12:00:00.000Z')).thenThrows(DomainRuleError, 'CARE_CASE_REFUNDED');
    });

    it('is not dated before the case was opened', () => {
      given([opened]).when(refund('2026-03-01T23:59:59.000Z')).thenThrows(DomainRuleError, 'DATED_BEFORE_OPENING');
    });
  });

  describe('retention', () => {
    it('closes an open case as retained, recording the employee handling it', () => {
      given([opened, assigned('agent-7')]).when(retain).then([retained()]);
    });

    it('cannot retain a client twice', () => {
      given([opened, assigned('agent-7'), retained()])
        .when({ ...retain, at: '2026-03-05T10:00:00.000Z' })
        .thenThrows(DomainRuleError, 'CARE_CASE_RESOLVED');
    });

    it('cannot retain the client of a refunded case', () => {
      given([opened, refunded]).when(retain).thenThrows(DomainRuleError, 'CARE_CASE_REFUNDED');
    });

    it('is not dated before the case was opened', () => {
      given([opened]).when({ ...retain, at: '2026-03-01T10:00:00.000Z' }).thenThrows(DomainRuleError, 'DATED_BEFORE_OPENING');
    });

    it('may keep no money, when the client was retained by an explanation of a free product', () => {
      given([opened, assigned('agent-7')])
        .when({ type: 'RetainClient', caseId: 'case-1', method: 'explanation', retained: { minor: 0, currency: 'RUB' }, at: RETAINED_AT })
        .then([
          {
            type: 'ClientRetained',
            data: {
              caseId: 'case-1',
              productId: 'course-sales',
              sectionId: 'section-care',
              employeeId: 'agent-7',
              method: 'explanation',
              retained: { minor: 0, currency: 'RUB' },
              retainedAt: RETAINED_AT,
            },
          },
        ]);
    });
  });

  describe('lost save', () => {
    const lostSave = (at: string, employeeId = 'agent-7'): RefundIssued => ({
      type: 'RefundIssued',
      data: {
        ...refunded.data,
        employeeId,
        refundedAt: at,
        lostSave: true,
        reversedRetention: {
          retainedAt: RETAINED_AT,
          method: 'exchange',
          retained: { minor: 1_500_000, currency: 'RUB' },
          employeeId: 'agent-7',
        },
      },
    });

    it('refunds a retained client inside the window, as a lost save carrying the reversed retention', () => {
      given([opened, assigned('agent-7'), retained()])
        .when(refund('2026-03-20T12:00:00.000Z'))
        .then([lostSave('2026-03-20T12:00:00.000Z')]);
    });

    it('credits the refund to the employee handling the case now and the retention to the one who saved it', () => {
      given([opened, assigned('agent-7'), retained(), assigned('agent-9', 'agent-7', '2026-03-10T08:00:00.000Z')])
        .when(refund('2026-03-20T12:00:00.000Z'))
        .then([lostSave('2026-03-20T12:00:00.000Z', 'agent-9')]);
    });

    it('still accepts a refund exactly at the end of the window', () => {
      given([opened, assigned('agent-7'), retained()])
        .when(refund('2026-04-02T10:00:00.000Z'))
        .then([lostSave('2026-04-02T10:00:00.000Z')]);
    });

    it('refuses a refund after the window', () => {
      given([opened, assigned('agent-7'), retained()])
        .when(refund('2026-04-02T10:00:00.001Z'))
        .thenThrows(DomainRuleError, 'OBSERVATION_WINDOW_CLOSED');
    });

    it('takes the window from the factory', () => {
      const { given: givenWeek } = deciderSpec(careCaseDecider({ observationWindowDays: 7 }));
      givenWeek([opened, assigned('agent-7'), retained()])
        .when(refund('2026-03-10T10:00:00.000Z'))
        .then([lostSave('2026-03-10T10:00:00.000Z')]);
      givenWeek([opened, assigned('agent-7'), retained()])
        .when(refund('2026-03-10T10:00:01.000Z'))
        .thenThrows(DomainRuleError, 'OBSERVATION_WINDOW_CLOSED');
    });

    it('is not dated before the retention it reverses', () => {
      given([opened, assigned('agent-7'), retained()])
        .when(refund('2026-03-03T09:59:59.000Z'))
        .thenThrows(DomainRuleError, 'DATED_BEFORE_RETENTION');
    });

    it('closes the case for good: no further refund or retention', () => {
      const history = [opened, assigned('agent-7'), retained(), lostSave('2026-03-20T12:00:00.000Z')];
      given(history).when(refund('2026-03-21T12:00:00.000Z')).thenThrows(DomainRuleError, 'CARE_CASE_REFUNDED');
      given(history).when({ ...retain, at: '2026-03-21T12:00:00.000Z' }).thenThrows(DomainRuleError, 'CARE_CASE_REFUNDED');
    });
  });

  describe('resolution without a refund or a retention', () => {
    it('closes an open case as resolved without money, recording the employee handling it', () => {
      given([opened, assigned('agent-7')]).when(resolve()).then([resolved()]);
    });

    it('closes it as a client lost without a refund, leaving out the note and the employee when there are none', () => {
      const { note: _note, ...withoutNote } = resolve('client-lost');
      const { note: _recorded, employeeId: _employeeId, ...data } = resolved('client-lost').data;
      given([opened]).when(withoutNote).then([{ type: 'CareCaseResolved', data }]);
    });

    it('is not found for a case that does not exist', () => {
      given([]).when(resolve()).thenThrows(NotFoundError);
    });

    it('is not dated before the case was opened', () => {
      given([opened]).when(resolve('client-lost', '2026-03-02T08:59:59.999Z')).thenThrows(DomainRuleError, 'DATED_BEFORE_OPENING');
    });

    it('takes no second final outcome: no resolution, refund, retention or assignment after it', () => {
      const history = [opened, assigned('agent-7'), resolved()];
      given(history).when(resolve('client-lost', '2026-03-06T10:00:00.000Z')).thenThrows(DomainRuleError, 'CARE_CASE_RESOLVED');
      given(history).when(refund('2026-03-06T10:00:00.000Z')).thenThrows(DomainRuleError, 'CARE_CASE_RESOLVED');
      given(history).when({ ...retain, at: '2026-03-06T10:00:00.000Z' }).thenThrows(DomainRuleError, 'CARE_CASE_RESOLVED');
      given(history).when(assign('agent-9', '2026-03-06T10:00:00.000Z')).thenThrows(DomainRuleError, 'CARE_CASE_RESOLVED');
    });

    it('does not resolve a refunded case', () => {
      given([opened, refunded]).when(resolve()).thenThrows(DomainRuleError, 'CARE_CASE_REFUNDED');
    });

    it('does not resolve a retained case: its only other outcome is a refund, as a lost save', () => {
      given([opened, assigned('agent-7'), retained()]).when(resolve('client-lost')).thenThrows(DomainRuleError, 'CARE_CASE_RESOLVED');
    });

    it.each<[string, ResolveCareCase, string]>([
      ['an unknown outcome', { ...resolve(), outcome: 'refunded' as ResolveCareCase['outcome'] }, 'outcome'],
      ['a blank note', { ...resolve(), note: ' ' }, 'note'],
      ['an e-mail address in the note', { ...resolve(), note: 'wrote to ann.lee@example.com' }, 'note'],
      ['a time without a zone', { ...resolve(), at: '2026-03-05T16:00:00' }, 'at'],
    ])('rejects %s, naming the field', (_name, command, field) => {
      given([opened]).when(command).thenRejects([field]);
    });
  });

  describe('input', () => {
    it.each<[string, CareCaseCommand, string]>([
      ['an empty case id', { ...openCase, caseId: '' }, 'caseId'],
      ['an id over 200 characters', { ...openCase, clientId: 'c'.repeat(201) }, 'clientId'],
      ['an e-mail address as client id', { ...openCase, clientId: 'ann@example.com' }, 'clientId'],
      ['an unknown kind', { ...openCase, kind: 'complaint' as OpenCareCase['kind'] }, 'kind'],
      ['a time without a zone', { ...openCase, at: '2026-03-02T09:00:00' }, 'at'],
      ['a date that does not exist', { ...openCase, at: '2026-02-30T09:00:00.000Z' }, 'at'],
      ['an oversized summary', { ...openCase, summary: 's'.repeat(2001) }, 'summary'],
      ['an e-mail address in the summary', { ...openCase, summary: 'wrote from ann.lee@example.com' }, 'summary'],
      ['an employee id of the wrong type', { ...assign('agent-7'), employeeId: 7 as unknown as string }, 'employeeId'],
      ['a negative refund', { ...refund(RETAINED_AT), amount: { minor: -100, currency: 'RUB' } }, 'amount.minor'],
      ['a fractional refund', { ...refund(RETAINED_AT), amount: { minor: 10.5, currency: 'RUB' } }, 'amount.minor'],
      ['a refund of nothing', { ...refund(RETAINED_AT), amount: { minor: 0, currency: 'RUB' } }, 'amount.minor'],
      ['an unknown currency', { ...refund(RETAINED_AT), amount: { minor: 100, currency: 'RUR' } }, 'amount.currency'],
      ['a blank reason', { ...refund(RETAINED_AT), reason: '   ' }, 'reason'],
      ['a reason over 2000 characters', { ...refund(RETAINED_AT), reason: 'r'.repeat(2001) }, 'reason'],
      ['a missing full flag', { ...refund(RETAINED_AT), full: undefined as unknown as boolean }, 'full'],
      ['an unknown retention method', { ...retain, method: 'gift' as RetainClient['method'] }, 'method'],
      ['a retained amount in lower case', { ...retain, retained: { minor: 100, currency: 'rub' } }, 'retained.currency'],
      ['a script id with a slash', { ...retain, scriptId: 'scripts/1' }, 'scriptId'],
    ])('rejects %s, naming the field', (_name, command, field) => {
      given([opened]).when(command).thenRejects([field]);
    });

    it('checks the input before looking for the case', () => {
      given([]).when({ ...refund(RETAINED_AT), reason: '' }).thenThrows(ValidationError);
    });

    it('takes only a whole, non-negative observation window', () => {
      expect(() => careCaseDecider({ observationWindowDays: -1 })).toThrow(RangeError);
      expect(() => careCaseDecider({ observationWindowDays: 1.5 })).toThrow(RangeError);
    });
  });
});

import { decidedHistory, projectionSpec } from '#kernel/testing.js';
import { careCaseDecider, type CareCaseCommand } from '#domain/care/index.js';
import { CARE_OUTCOMES_METRIC, careCases, type CareCaseDocument } from './care-cases.projection.js';

const OPENED_AT = '2026-03-02T09:00:00.000Z';
const ASSIGNED_AT = '2026-03-02T09:30:00.000Z';
const RETAINED_AT = '2026-03-03T10:00:00.000Z';
const REASSIGNED_AT = '2026-03-10T08:00:00.000Z';
const REFUNDED_AT = '2026-03-20T12:00:00.000Z';

const open: CareCaseCommand = {
  type: 'OpenCareCase',
  caseId: 'case-1',
  clientId: 'client-42',
  productId: 'course-sales',
  sectionId: 'section-care',
  kind: 'refund-request',
  channel: 'phone',
  at: OPENED_AT,
};
const assignTo = (employeeId: string, at: string): CareCaseCommand => ({ type: 'AssignCareCase', caseId: 'case-1', employeeId, at });
const refund = (at: string): CareCaseCommand => ({
  type: 'IssueRefund',
  caseId: 'case-1',
  amount: { minor: 900_000, currency: 'RUB' },
  full: false,
  reason: 'Half of the course was not delivered',
  at,
});
const retain: CareCaseCommand = {
  type: 'RetainClient',
  caseId: 'case-1',
  method: 'discount',
  retained: { minor: 1_500_000, currency: 'RUB' },
  scriptId: 'script-discount',
  at: RETAINED_AT,
};

/** The events the decider appends for these commands, by the agent given, recorded as the store would. */
const recordedHistory = (...steps: readonly [actor: string, command: CareCaseCommand][]) =>
  decidedHistory(careCaseDecider(), { streamOf: (command) => `careCase-${command.caseId}`, roles: ['care-agent'] }, steps);

const eventId = (position: number) => `00000000-0000-7000-8000-${String(position).padStart(12, '0')}`;

const openedDocument: CareCaseDocument = {
  id: 'case-1',
  clientId: 'client-42',
  productId: 'course-sales',
  sectionId: 'section-care',
  kind: 'refund-request',
  channel: 'phone',
  summary: null,
  status: 'open',
  employeeId: null,
  openedAt: OPENED_AT,
  resolvedAt: null,
  refund: null,
  retention: null,
  resolution: null,
  decisions: [
    {
      type: 'CareCaseOpened',
      at: OPENED_AT,
      actorId: 'lead-1',
      eventId: eventId(1),
      data: {
        caseId: 'case-1',
        clientId: 'client-42',
        productId: 'course-sales',
        sectionId: 'section-care',
        kind: 'refund-request',
        channel: 'phone',
        openedAt: OPENED_AT,
      },
    },
  ],
};

const assignedDecision = {
  type: 'CareCaseAssigned',
  at: ASSIGNED_AT,
  actorId: 'lead-1',
  eventId: eventId(2),
  data: { caseId: 'case-1', employeeId: 'agent-7', assignedAt: ASSIGNED_AT },
} as const;

describe('careCases projection', () => {
  it('keeps a document per opened case, with the opening as its first decision', () => {
    projectionSpec(careCases)
      .given(recordedHistory(['lead-1', open]))
      .thenDocuments({ 'case-1': openedDocument })
      .thenFacts([]);
  });

  it('records the assignee and the assignment decision', () => {
    projectionSpec(careCases)
      .given(recordedHistory(['lead-1', open], ['lead-1', assignTo('agent-7', ASSIGNED_AT)]))
      .thenDocument('case-1', {
        ...openedDocument,
        employeeId: 'agent-7',
        decisions: [...openedDocument.decisions, assignedDecision],
      })
      .thenFacts([]);
  });

  it('closes the case as refunded and counts the refund on its business date', () => {
    const refundedAt = '2026-03-04T12:00:00.000Z';
    const spec = projectionSpec(careCases).given(
      recordedHistory(['lead-1', open], ['lead-1', assignTo('agent-7', ASSIGNED_AT)], ['agent-7', refund(refundedAt)]),
    );
    spec.thenDocument('case-1', {
      ...openedDocument,
      status: 'refunded',
      employeeId: 'agent-7',
      resolvedAt: refundedAt,
      refund: {
        refundedAt,
        amount: { minor: 900_000, currency: 'RUB' },
        full: false,
        reason: 'Half of the course was not delivered',
        scriptId: null,
        employeeId: 'agent-7',
        lostSave: false,
      },
      decisions: [
        ...openedDocument.decisions,
        assignedDecision,
        {
          type: 'RefundIssued',
          at: refundedAt,
          actorId: 'agent-7',
          eventId: eventId(3),
          data: {
            caseId: 'case-1',
            productId: 'course-sales',
            sectionId: 'section-care',
            employeeId: 'agent-7',
            amount: { minor: 900_000, currency: 'RUB' },
            full: false,
            reason: 'Half of the course was not delivered',
            refundedAt,
            lostSave: false,
          },
        },
      ],
    });
    spec.thenFacts([
      {
        metric: CARE_OUTCOMES_METRIC,
        occurredAt: refundedAt,
        dims: { outcome: 'refunded', productId: 'course-sales', sectionId: 'section-care', employeeId: 'agent-7', currency: 'RUB' },
        measures: { count: 1, amountMinor: 900_000 },
      },
    ]);
  });

  it('closes the case as retained and counts the retention with the money kept', () => {
    const spec = projectionSpec(careCases).given(
      recordedHistory(['lead-1', open], ['lead-1', assignTo('agent-7', ASSIGNED_AT)], ['agent-7', retain]),
    );
    const document = spec.documents.get('case-1')!;
    expect(document.status).toBe('retained');
    expect(document.resolvedAt).toBe(RETAINED_AT);
    expect(document.retention).toEqual({
      retainedAt: RETAINED_AT,
      method: 'discount',
      retained: { minor: 1_500_000, currency: 'RUB' },
      scriptId: 'script-discount',
      note: null,
      employeeId: 'agent-7',
      reversedAt: null,
    });
    expect(document.refund).toBeNull();
    expect(document.decisions.map((decision) => [decision.type, decision.actorId])).toEqual([
      ['CareCaseOpened', 'lead-1'],
      ['CareCaseAssigned', 'lead-1'],
      ['ClientRetained', 'agent-7'],
    ]);
    spec.thenFacts([
      {
        metric: CARE_OUTCOMES_METRIC,
        occurredAt: RETAINED_AT,
        dims: { outcome: 'retained', productId: 'course-sales', sectionId: 'section-care', employeeId: 'agent-7', currency: 'RUB' },
        measures: { count: 1, amountMinor: 1_500_000 },
      },
    ]);
  });

  describe('a lost save', () => {
    const spec = () =>
      projectionSpec(careCases).given(
        recordedHistory(
          ['lead-1', open],
          ['lead-1', assignTo('agent-7', ASSIGNED_AT)],
          ['agent-7', retain],
          ['lead-1', assignTo('agent-9', REASSIGNED_AT)],
          ['agent-9', refund(REFUNDED_AT)],
        ),
      );

    it('turns the case into a refunded one and keeps the retention, marked as reversed', () => {
      const document = spec().documents.get('case-1')!;
      expect(document.status).toBe('refunded');
      expect(document.resolvedAt).toBe(REFUNDED_AT);
      expect(document.employeeId).toBe('agent-9');
      expect(document.refund).toMatchObject({ refundedAt: REFUNDED_AT, employeeId: 'agent-9', lostSave: true });
      expect(document.retention).toMatchObject({ retainedAt: RETAINED_AT, employeeId: 'agent-7', reversedAt: REFUNDED_AT });
      expect(document.decisions.map((decision) => [decision.type, decision.at, decision.actorId])).toEqual([
        ['CareCaseOpened', OPENED_AT, 'lead-1'],
        ['CareCaseAssigned', ASSIGNED_AT, 'lead-1'],
        ['ClientRetained', RETAINED_AT, 'agent-7'],
        ['CareCaseAssigned', REASSIGNED_AT, 'lead-1'],
        ['RefundIssued', REFUNDED_AT, 'agent-9'],
      ]);
    });

    it('takes the retention back at the refund date under its original dims, then counts the refund', () => {
      spec().thenFacts([
        {
          metric: CARE_OUTCOMES_METRIC,
          occurredAt: RETAINED_AT,
          dims: { outcome: 'retained', productId: 'course-sales', sectionId: 'section-care', employeeId: 'agent-7', currency: 'RUB' },
          measures: { count: 1, amountMinor: 1_500_000 },
        },
        {
          metric: CARE_OUTCOMES_METRIC,
          occurredAt: REFUNDED_AT,
          dims: { outcome: 'retained', productId: 'course-sales', sectionId: 'section-care', employeeId: 'agent-7', currency: 'RUB' },
          measures: { count: -1, amountMinor: -1_500_000 },
        },
        {
          metric: CARE_OUTCOMES_METRIC,
          occurredAt: REFUNDED_AT,
          dims: { outcome: 'refunded', productId: 'course-sales', sectionId: 'section-care', employeeId: 'agent-9', currency: 'RUB' },
          measures: { count: 1, amountMinor: 900_000 },
        },
      ]);
    });
  });

  describe('a resolution without money', () => {
    const RESOLVED_AT = '2026-03-05T16:00:00.000Z';
    const resolve = (outcome: 'resolved-without-money' | 'client-lost'): CareCaseCommand => ({
      type: 'ResolveCareCase',
      caseId: 'case-1',
      outcome,
      note: 'Showed where the recordings are',
      at: RESOLVED_AT,
    });

    it('closes the case under its outcome and keeps who resolved it and the note', () => {
      const spec = projectionSpec(careCases).given(
        recordedHistory(['lead-1', open], ['lead-1', assignTo('agent-7', ASSIGNED_AT)], ['agent-7', resolve('resolved-without-money')]),
      );
      const document = spec.documents.get('case-1')!;
      expect(document).toMatchObject({
        status: 'resolved-without-money',
        resolvedAt: RESOLVED_AT,
        resolution: { outcome: 'resolved-without-money', note: 'Showed where the recordings are', employeeId: 'agent-7' },
        refund: null,
        retention: null,
      });
      expect(document.decisions.map((decision) => [decision.type, decision.actorId])).toEqual([
        ['CareCaseOpened', 'lead-1'],
        ['CareCaseAssigned', 'lead-1'],
        ['CareCaseResolved', 'agent-7'],
      ]);
    });

    it('counts a lost client under its own outcome, with no currency and no amount', () => {
      projectionSpec(careCases)
        .given(recordedHistory(['lead-1', open], ['agent-7', resolve('client-lost')]))
        .thenFacts([
          {
            metric: CARE_OUTCOMES_METRIC,
            occurredAt: RESOLVED_AT,
            dims: { outcome: 'client-lost', productId: 'course-sales', sectionId: 'section-care' },
            measures: { count: 1 },
          },
        ]);
    });
  });

  it('leaves out the dims a decision lacks: no section, no assignee', () => {
    const { sectionId: _sectionId, ...withoutSection } = open as Extract<CareCaseCommand, { type: 'OpenCareCase' }>;
    projectionSpec(careCases)
      .given(recordedHistory(['lead-1', withoutSection], ['agent-7', { ...retain, retained: { minor: 0, currency: 'EUR' } }]))
      .thenFacts([
        {
          metric: CARE_OUTCOMES_METRIC,
          occurredAt: RETAINED_AT,
          dims: { outcome: 'retained', productId: 'course-sales', currency: 'EUR' },
          measures: { count: 1, amountMinor: 0 },
        },
      ]);
  });

  it('takes back a retention of nothing as zero, not minus zero', () => {
    const facts = projectionSpec(careCases).given(
      recordedHistory(['lead-1', open], ['agent-7', { ...retain, retained: { minor: 0, currency: 'EUR' } }], ['agent-7', refund(REFUNDED_AT)]),
    ).facts;
    expect(Object.is(facts[1]!.measures.amountMinor, 0)).toBe(true);
    expect(facts[1]!.measures.count).toBe(-1);
  });

  it('projects history recorded before amounts were capped: a refund above the cap counts in full', () => {
    const uncapped = { minor: Number.MAX_SAFE_INTEGER, currency: 'RUB' };
    const history = recordedHistory(['lead-1', open], ['agent-7', refund(REFUNDED_AT)]).map((event) =>
      event.type === 'RefundIssued' ? { ...event, data: { ...(event.data as object), amount: uncapped } } : event,
    );
    const spec = projectionSpec(careCases).given(history);
    expect(spec.documents.get('case-1')!.refund).toMatchObject({ amount: uncapped });
    expect(spec.facts).toEqual([expect.objectContaining({ measures: { count: 1, amountMinor: Number.MAX_SAFE_INTEGER } })]);
  });

  it('keeps the cases apart', () => {
    const other: CareCaseCommand = { ...open, caseId: 'case-2', clientId: 'client-43' };
    const spec = projectionSpec(careCases).given([...recordedHistory(['lead-1', open]), ...recordedHistory(['lead-1', other])]);
    expect([...spec.documents.keys()].sort()).toEqual(['case-1', 'case-2']);
    expect(spec.documents.get('case-2')!.clientId).toBe('client-43');
  });
});

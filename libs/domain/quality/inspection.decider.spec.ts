import { DomainRuleError, NotFoundError } from '#kernel';
import { deciderSpec } from '#kernel/testing.js';
import type {
  DisputeVerdict,
  InspectionCommand,
  RecordInspectionResults,
  ResolveDispute,
  StartInspection,
} from './inspection.commands.js';
import { chainLink, inspectedSection, inspectionDecider, type InspectionState } from './inspection.decider.js';
import type {
  ChecklistCompletedData,
  CriterionResultEntry,
  DisputeResolvedData,
  InspectionEvent,
  InspectionStarted,
} from './inspection.events.js';
import { fail, landingInspector, landingTemplate, notApplicable, pass, startLandingInspection } from './testing.js';

const STARTED_AT = '2026-03-02T09:00:00.000Z';
const RECORDED_AT = '2026-03-02T10:00:00.000Z';
const COMPLETED_AT = '2026-03-02T11:00:00.000Z';
const DISPUTED_AT = '2026-03-03T09:00:00.000Z';
const RESOLVED_AT = '2026-03-04T09:00:00.000Z';

const template = landingTemplate;
const inspector = landingInspector;
const start = startLandingInspection;

const started: InspectionStarted = {
  type: 'InspectionStarted',
  data: {
    inspectionId: 'insp-1',
    deliverable: { kind: 'landing-page', reference: 'https://example.org/spring-sale' },
    productId: 'course-sales',
    sectionId: 'section-layout',
    authorId: 'emp-author',
    inspector,
    template,
    chain: { chainId: 'insp-1', attempt: 1, chainStartedAt: STARTED_AT },
    startedAt: STARTED_AT,
  },
};


const recordResults = (results: CriterionResultEntry[], at = RECORDED_AT): RecordInspectionResults => ({
  type: 'RecordInspectionResults',
  inspectionId: 'insp-1',
  results,
  at,
});

const recorded = (results: CriterionResultEntry[], at = RECORDED_AT): InspectionEvent => ({
  type: 'InspectionResultsRecorded',
  data: { inspectionId: 'insp-1', results, recordedAt: at },
});

const complete = (at = COMPLETED_AT): InspectionCommand => ({ type: 'CompleteInspection', inspectionId: 'insp-1', at });

const completion = (figures: Pick<ChecklistCompletedData, 'score' | 'criticalFailed' | 'failedCriteria'>): ChecklistCompletedData => ({
  inspectionId: 'insp-1',
  templateId: 'landing',
  templateVersion: 2,
  passMark: 0.8,
  ...figures,
  productId: 'course-sales',
  sectionId: 'section-layout',
  authorId: 'emp-author',
  chainId: 'insp-1',
  attempt: 1,
  completedAt: COMPLETED_AT,
});

/** `price` failed: 4/6. */
const failedOnPrice: InspectionEvent = {
  type: 'ChecklistFailed',
  data: completion({ score: 4 / 6, criticalFailed: false, failedCriteria: ['price'] }),
};
/** `fonts` failed: 5/6, which passes. */
const passedDespiteFonts: InspectionEvent = {
  type: 'ChecklistPassed',
  data: completion({ score: 5 / 6, criticalFailed: false, failedCriteria: ['fonts'] }),
};

const failedHistory: InspectionEvent[] = [started, recorded([pass('mobile'), fail('price'), pass('fonts')]), failedOnPrice];
const passedHistory: InspectionEvent[] = [started, recorded([pass('mobile'), pass('price'), fail('fonts')]), passedDespiteFonts];

const disputeBy = (employeeId: string | undefined, extra: Partial<DisputeVerdict> = {}): DisputeVerdict => ({
  type: 'DisputeVerdict',
  inspectionId: 'insp-1',
  ...(employeeId !== undefined && { employeeId }),
  comment: 'The price is in the footer',
  at: DISPUTED_AT,
  ...extra,
});

const disputed = (criterionIds: string[], disputeNumber = 1, at = DISPUTED_AT): InspectionEvent => ({
  type: 'VerdictDisputed',
  data: { inspectionId: 'insp-1', disputeNumber, authorId: 'emp-author', criterionIds, comment: 'The price is in the footer', disputedAt: at },
});

const otherInspector = { actorId: 'apiKey:inspector-2', employeeId: 'emp-second' };

const resolveAs = (outcome: ResolveDispute['outcome'], extra: Partial<ResolveDispute> = {}): ResolveDispute => ({
  type: 'ResolveDispute',
  inspectionId: 'insp-1',
  outcome,
  comment: 'Checked the footer',
  resolver: otherInspector,
  at: RESOLVED_AT,
  ...extra,
});

const resolved = (data: Partial<DisputeResolvedData>): InspectionEvent => ({
  type: 'DisputeResolved',
  data: {
    inspectionId: 'insp-1',
    disputeNumber: 1,
    outcome: 'rejected',
    comment: 'Checked the footer',
    revisedResults: [],
    resolver: otherInspector,
    previous: { verdict: 'failed', score: 4 / 6 },
    verdict: 'failed',
    score: 4 / 6,
    criticalFailed: false,
    failedCriteria: ['price'],
    resolvedAt: RESOLVED_AT,
    ...data,
  },
});

const reinspectionStarted = (at = '2026-03-05T09:00:00.000Z'): InspectionEvent => ({
  type: 'ReinspectionStarted',
  data: { inspectionId: 'insp-1', reinspectionId: 'insp-2', attempt: 2, startedAt: at },
});

const decider = inspectionDecider();
const { given } = deciderSpec(decider);

function stateAfter(history: readonly InspectionEvent[]): InspectionState {
  return history.reduce(decider.evolve, decider.initialState());
}

describe('inspection decider', () => {
  describe('starting', () => {
    it('starts the first attempt of a new chain, embedding the template version and the inspector', () => {
      given([]).when(start).then([started]);
    });

    it('starts a re-inspection at the chain position it is given', () => {
      const chain = { chainId: 'insp-0', attempt: 2, previousInspectionId: 'insp-0', chainStartedAt: '2026-03-01T09:00:00.000Z' };
      given([])
        .when({ ...start, chain })
        .then([{ type: 'InspectionStarted', data: { ...started.data, chain } }]);
    });

    it('refuses a second inspection under the same id', () => {
      given([started]).when(start).thenThrows(DomainRuleError, 'INSPECTION_EXISTS');
    });

    it.each<[string, Partial<StartInspection>, string]>([
      ['an unknown deliverable kind', { deliverable: { kind: 'poster' as never, reference: 'x' } }, 'deliverable.kind'],
      ['a blank deliverable reference', { deliverable: { kind: 'ticket', reference: ' ' } }, 'deliverable.reference'],
      ['a reference over 500 characters', { deliverable: { kind: 'call', reference: 'r'.repeat(501) } }, 'deliverable.reference'],
      ['an author that is no id', { authorId: 'emp author' }, 'authorId'],
      ['a missing section', { sectionId: undefined as never }, 'sectionId'],
      ['a template without criteria', { template: { ...template, criteria: [] } }, 'template.criteria'],
      ['a template criterion that is no object', { template: { ...template, criteria: [null as never] } }, 'template.criteria.0'],
      ['a template version of 0', { template: { ...template, version: 0 } }, 'template.version'],
      ['an inspector without an actor', { inspector: { actorId: '' } }, 'inspector.actorId'],
      ['a chain at attempt 1', { chain: { chainId: 'c', attempt: 1, previousInspectionId: 'c', chainStartedAt: STARTED_AT } }, 'chain.attempt'],
    ])('rejects %s, naming the field', (_name, change, field) => {
      given([]).when({ ...start, ...change }).thenRejects([field]);
    });
  });

  describe('the section of the inspected work', () => {
    const work = { productId: 'course-sales', productSectionId: 'section-layout' };

    it("is the product's section, named or not", () => {
      expect(inspectedSection(work)).toBe('section-layout');
      expect(inspectedSection({ ...work, sectionId: 'section-layout' })).toBe('section-layout');
    });

    it("refuses a section that is not the product's", () => {
      expect(() => inspectedSection({ ...work, sectionId: 'section-offer' })).toThrow(
        expect.objectContaining({ rule: 'PRODUCT_OF_ANOTHER_SECTION' }),
      );
    });
  });

  describe('recording results', () => {
    it('records results for some criteria, then more', () => {
      given([started]).when(recordResults([pass('mobile')])).then([recorded([pass('mobile')])]);
      given([started, recorded([pass('mobile')])])
        .when(recordResults([fail('price'), notApplicable('fonts')]))
        .then([recorded([fail('price'), notApplicable('fonts')])]);
    });

    it('records a changed result again, leaving out those that did not change', () => {
      given([started, recorded([pass('mobile'), fail('price')])])
        .when(recordResults([pass('mobile'), pass('price')]))
        .then([recorded([pass('price')])]);
      given([started, recorded([fail('price')])])
        .when(recordResults([fail('price', 'The price is missing on mobile')]))
        .then([recorded([fail('price', 'The price is missing on mobile')])]);
    });

    it('appends nothing when every result is the one recorded', () => {
      given([started, recorded([pass('mobile'), fail('price')])]).when(recordResults([fail('price'), pass('mobile')])).then([]);
    });

    it.each<[string, CriterionResultEntry[], string]>([
      ['a fail without a comment', [{ criterionId: 'price', result: 'fail' }], 'results.0.comment'],
      ['an unknown result', [{ criterionId: 'price', result: 'ok' as never }], 'results.0.result'],
      ['a criterion of another template', [pass('mobile'), pass('footer')], 'results.1.criterionId'],
      ['a criterion twice', [pass('mobile'), fail('mobile')], 'results.1.criterionId'],
      ['no results', [], 'results'],
      ['a comment over 2000 characters', [{ ...fail('price'), comment: 'c'.repeat(2001) }], 'results.0.comment'],
    ])('rejects %s, naming the field', (_name, results, field) => {
      given([started]).when(recordResults(results)).thenRejects([field]);
    });

    it('is not found for an unknown inspection', () => {
      given([]).when(recordResults([pass('mobile')])).thenThrows(NotFoundError);
    });

    it('refuses results once the inspection is completed', () => {
      given(failedHistory).when(recordResults([pass('price')], COMPLETED_AT)).thenThrows(DomainRuleError, 'INSPECTION_COMPLETED');
    });

    it('is not dated before the previous decision', () => {
      given([started]).when(recordResults([pass('mobile')], '2026-03-02T08:00:00.000Z')).thenThrows(DomainRuleError, 'DATED_BEFORE_PREVIOUS_DECISION');
    });
  });

  describe('completion', () => {
    it('passes with score 1 when every criterion passed', () => {
      given([started, recorded([pass('mobile'), pass('price'), pass('fonts')])])
        .when(complete())
        .then([{ type: 'ChecklistPassed', data: completion({ score: 1, criticalFailed: false, failedCriteria: [] }) }]);
    });

    it('fails at 4/6 with the weight-2 criterion failed, below the pass mark of 0.8', () => {
      given([started, recorded([pass('mobile'), fail('price'), pass('fonts')])]).when(complete()).then([failedOnPrice]);
    });

    it('passes at 5/6 with only the weight-1 criterion failed', () => {
      given([started, recorded([pass('mobile'), pass('price'), fail('fonts')])]).when(complete()).then([passedDespiteFonts]);
    });

    it('fails on the failed critical criterion even where the score is what it is', () => {
      given([started, recorded([fail('mobile'), pass('price'), pass('fonts')])])
        .when(complete())
        .then([{ type: 'ChecklistFailed', data: completion({ score: 3 / 6, criticalFailed: true, failedCriteria: ['mobile'] }) }]);
    });

    it('scores over the applicable criteria only: n/a fonts and failed price give 3/5', () => {
      given([started, recorded([pass('mobile'), fail('price'), notApplicable('fonts')])])
        .when(complete())
        .then([{ type: 'ChecklistFailed', data: completion({ score: 3 / 5, criticalFailed: false, failedCriteria: ['price'] }) }]);
    });

    it('takes the latest recording of each criterion', () => {
      given([started, recorded([pass('mobile'), fail('price'), pass('fonts')]), recorded([pass('price')])])
        .when(complete())
        .then([{ type: 'ChecklistPassed', data: completion({ score: 1, criticalFailed: false, failedCriteria: [] }) }]);
    });

    it('refuses to complete while a criterion has no result, naming the missing ones', () => {
      given([started, recorded([pass('mobile')])]).when(complete()).thenThrows(DomainRuleError, 'INSPECTION_INCOMPLETE');
      expect(() => decider.decide(complete(), stateAfter([started, recorded([pass('mobile')])]))).toThrow(
        expect.objectContaining({ details: expect.objectContaining({ missingCriteria: ['price', 'fonts'] }) }),
      );
    });

    it('refuses to complete when nothing applied', () => {
      given([started, recorded([notApplicable('mobile'), notApplicable('price'), notApplicable('fonts')])])
        .when(complete())
        .thenThrows(DomainRuleError, 'NO_APPLICABLE_CRITERIA');
    });

    it('completes once', () => {
      given(failedHistory).when(complete()).thenThrows(DomainRuleError, 'INSPECTION_COMPLETED');
    });

    it('carries the chain position of a re-inspection', () => {
      const chain = { chainId: 'insp-0', attempt: 3, previousInspectionId: 'insp-0b', chainStartedAt: '2026-03-01T09:00:00.000Z' };
      const restarted: InspectionEvent = { type: 'InspectionStarted', data: { ...started.data, chain } };
      given([restarted, recorded([pass('mobile'), pass('price'), pass('fonts')])])
        .when(complete())
        .then([
          { type: 'ChecklistPassed', data: { ...completion({ score: 1, criticalFailed: false, failedCriteria: [] }), chainId: 'insp-0', attempt: 3 } },
        ]);
    });

    it('is not dated before the last recording', () => {
      given([started, recorded([pass('mobile'), pass('price'), pass('fonts')])])
        .when(complete('2026-03-02T09:30:00.000Z'))
        .thenThrows(DomainRuleError, 'DATED_BEFORE_PREVIOUS_DECISION');
    });
  });

  describe('re-inspection', () => {
    const claim = (at = '2026-03-05T09:00:00.000Z'): InspectionCommand => ({
      type: 'StartReinspection',
      inspectionId: 'insp-1',
      reinspectionId: 'insp-2',
      at,
    });
    const next = {
      previousInspectionId: 'insp-1',
      reinspectionId: 'insp-2',
      productId: 'course-sales',
      sectionId: 'section-layout',
      authorId: 'emp-author',
      templateId: 'landing',
    };

    it('claims a failed inspection for the next attempt of its chain', () => {
      given(failedHistory).when(claim()).then([reinspectionStarted()]);
    });

    it('gives the chain position after the failed inspection', () => {
      expect(chainLink(stateAfter(failedHistory), next)).toEqual({
        chainId: 'insp-1',
        attempt: 2,
        previousInspectionId: 'insp-1',
        chainStartedAt: STARTED_AT,
      });
    });

    it('keeps the chain id and start across attempts', () => {
      const chain = { chainId: 'insp-0', attempt: 2, previousInspectionId: 'insp-0', chainStartedAt: '2026-03-01T09:00:00.000Z' };
      const secondAttempt = [{ type: 'InspectionStarted', data: { ...started.data, chain } } as InspectionEvent, ...failedHistory.slice(1)];
      expect(chainLink(stateAfter(secondAttempt), next)).toEqual({
        chainId: 'insp-0',
        attempt: 3,
        previousInspectionId: 'insp-1',
        chainStartedAt: '2026-03-01T09:00:00.000Z',
      });
    });

    it('refuses to re-inspect a passed inspection', () => {
      given(passedHistory).when(claim()).thenThrows(DomainRuleError, 'INSPECTION_PASSED');
      expect(() => chainLink(stateAfter(passedHistory), next)).toThrow(expect.objectContaining({ rule: 'INSPECTION_PASSED' }));
    });

    it('refuses to re-inspect an inspection twice: only the latest attempt of a chain is re-inspected', () => {
      given([...failedHistory, reinspectionStarted()])
        .when({ type: 'StartReinspection', inspectionId: 'insp-1', reinspectionId: 'insp-3', at: '2026-03-06T09:00:00.000Z' })
        .thenThrows(DomainRuleError, 'ALREADY_REINSPECTED');
      expect(() => chainLink(stateAfter([...failedHistory, reinspectionStarted()]), { ...next, reinspectionId: 'insp-3' })).toThrow(
        expect.objectContaining({ rule: 'ALREADY_REINSPECTED' }),
      );
    });

    it('finds its own claim again on a retried start: the same chain position, and nothing appended', () => {
      const claimed = stateAfter([...failedHistory, reinspectionStarted()]);
      expect(chainLink(claimed, next)).toMatchObject({ chainId: 'insp-1', attempt: 2 });
      given([...failedHistory, reinspectionStarted()]).when(claim('2026-03-05T09:00:01.000Z')).then([]);
    });

    it('refuses to re-inspect an inspection still in progress', () => {
      given([started]).when(claim()).thenThrows(DomainRuleError, 'INSPECTION_IN_PROGRESS');
    });

    it('refuses to re-inspect while the verdict is disputed', () => {
      given([...failedHistory, disputed(['price'])]).when(claim()).thenThrows(DomainRuleError, 'DISPUTE_OPEN');
    });

    it('re-inspects once a dispute was rejected', () => {
      given([...failedHistory, disputed(['price']), resolved({})]).when(claim()).then([reinspectionStarted()]);
    });

    it('is not dated before the verdict', () => {
      given(failedHistory).when(claim('2026-03-02T10:59:00.000Z')).thenThrows(DomainRuleError, 'DATED_BEFORE_PREVIOUS_DECISION');
    });

    it('is not found for an unknown inspection', () => {
      given([]).when(claim()).thenThrows(NotFoundError);
      expect(() => chainLink(decider.initialState(), next)).toThrow(NotFoundError);
    });

    it.each([['productId'], ['sectionId'], ['authorId'], ['templateId']])('refuses a re-inspection of other work: another %s', (field) => {
      expect(() => chainLink(stateAfter(failedHistory), { ...next, [field]: 'other' })).toThrow(
        expect.objectContaining({ rule: 'CHAIN_MISMATCH', details: expect.objectContaining({ mismatched: [field] }) }),
      );
    });
  });

  describe('disputes', () => {
    it('lets the author contest every failed criterion', () => {
      given(failedHistory).when(disputeBy('emp-author')).then([disputed(['price'])]);
    });

    it('lets the author contest named failed criteria, kept in template order', () => {
      const twoFailed: InspectionEvent[] = [
        started,
        recorded([pass('mobile'), fail('price'), fail('fonts')]),
        { type: 'ChecklistFailed', data: completion({ score: 0.5, criticalFailed: false, failedCriteria: ['price', 'fonts'] }) },
      ];
      given(twoFailed).when(disputeBy('emp-author', { criterionIds: ['fonts', 'price'] })).then([disputed(['price', 'fonts'])]);
      given(twoFailed).when(disputeBy('emp-author', { criterionIds: ['fonts'] })).then([disputed(['fonts'])]);
    });

    it('lets the author dispute a passing score', () => {
      given(passedHistory).when(disputeBy('emp-author')).then([disputed(['fonts'])]);
    });

    it('refuses anyone but the author, and a key that belongs to no employee', () => {
      given(failedHistory).when(disputeBy('emp-someone')).thenThrows(DomainRuleError, 'NOT_THE_AUTHOR');
      given(failedHistory).when(disputeBy(undefined)).thenThrows(DomainRuleError, 'NOT_THE_AUTHOR');
    });

    it('allows one open dispute at a time, and another after the resolution', () => {
      given([...failedHistory, disputed(['price'])]).when(disputeBy('emp-author')).thenThrows(DomainRuleError, 'DISPUTE_OPEN');
      given([...failedHistory, disputed(['price']), resolved({})])
        .when(disputeBy('emp-author', { at: '2026-03-05T09:00:00.000Z' }))
        .then([disputed(['price'], 2, '2026-03-05T09:00:00.000Z')]);
    });

    it('refuses a dispute before the verdict', () => {
      given([started]).when(disputeBy('emp-author')).thenThrows(DomainRuleError, 'INSPECTION_IN_PROGRESS');
    });

    it('refuses a dispute of a verdict whose rework is already re-inspected', () => {
      given([...failedHistory, reinspectionStarted()]).when(disputeBy('emp-author', { at: '2026-03-06T09:00:00.000Z' })).thenThrows(
        DomainRuleError,
        'ALREADY_REINSPECTED',
      );
    });

    it('refuses to contest a criterion that did not fail', () => {
      given(failedHistory).when(disputeBy('emp-author', { criterionIds: ['mobile'] })).thenThrows(DomainRuleError, 'CRITERION_NOT_FAILED');
    });

    it('refuses a dispute of a verdict on which nothing failed', () => {
      const flawless: InspectionEvent[] = [
        started,
        recorded([pass('mobile'), pass('price'), pass('fonts')]),
        { type: 'ChecklistPassed', data: completion({ score: 1, criticalFailed: false, failedCriteria: [] }) },
      ];
      given(flawless).when(disputeBy('emp-author')).thenThrows(DomainRuleError, 'NOTHING_TO_DISPUTE');
    });

    it('is not dated before the verdict', () => {
      given(failedHistory).when(disputeBy('emp-author', { at: '2026-03-02T10:00:00.000Z' })).thenThrows(DomainRuleError, 'DATED_BEFORE_PREVIOUS_DECISION');
    });

    it.each<[string, Partial<DisputeVerdict>, string]>([
      ['a blank comment', { comment: ' ' }, 'comment'],
      ['a missing comment', { comment: undefined as never }, 'comment'],
      ['a criterion of another template', { criterionIds: ['footer'] }, 'criterionIds.0'],
      ['a criterion named twice', { criterionIds: ['price', 'price'] }, 'criterionIds.1'],
      ['an empty list of criteria', { criterionIds: [] }, 'criterionIds'],
    ])('rejects %s, naming the field', (_name, change, field) => {
      given(failedHistory).when(disputeBy('emp-author', change)).thenRejects([field]);
    });
  });

  describe('resolving a dispute', () => {
    const disputedHistory = [...failedHistory, disputed(['price'])];

    it('accepts it: the contested criteria pass and the verdict is recomputed, 4/6 failed becoming 6/6 passed', () => {
      given(disputedHistory)
        .when(resolveAs('accepted'))
        .then([
          resolved({
            outcome: 'accepted',
            revisedResults: [pass('price')],
            verdict: 'passed',
            score: 1,
            failedCriteria: [],
          }),
        ]);
    });

    it('accepts it partly: new results for named contested criteria, scored by the same formula', () => {
      const twoFailed: InspectionEvent[] = [
        started,
        recorded([pass('mobile'), fail('price'), fail('fonts')]),
        { type: 'ChecklistFailed', data: completion({ score: 0.5, criticalFailed: false, failedCriteria: ['price', 'fonts'] }) },
        disputed(['price', 'fonts']),
      ];
      // fonts becomes n/a: 3 of the 5 applicable weight passed, 3/5 = 0.6, still failed.
      given(twoFailed)
        .when(resolveAs('partly-accepted', { revisedResults: [notApplicable('fonts')] }))
        .then([
          resolved({
            outcome: 'partly-accepted',
            revisedResults: [notApplicable('fonts')],
            previous: { verdict: 'failed', score: 0.5 },
            verdict: 'failed',
            score: 3 / 5,
            failedCriteria: ['price'],
          }),
        ]);
    });

    it('rejects it: the verdict stands', () => {
      given(disputedHistory).when(resolveAs('rejected')).then([resolved({})]);
    });

    it('keeps the revised results for the next dispute and the next resolution', () => {
      const afterPartly = [
        ...failedHistory,
        disputed(['price']),
        resolved({ outcome: 'partly-accepted', revisedResults: [fail('price', 'Too small')] }),
      ];
      const state = stateAfter(afterPartly);
      expect(state).toMatchObject({ results: { price: fail('price', 'Too small') }, verdict: { verdict: 'failed' } });
      expect(state).not.toHaveProperty('openDispute');
    });

    it('refuses a resolution without an open dispute', () => {
      given(failedHistory).when(resolveAs('rejected')).thenThrows(DomainRuleError, 'NO_OPEN_DISPUTE');
      given([...disputedHistory, resolved({})]).when(resolveAs('rejected')).thenThrows(DomainRuleError, 'NO_OPEN_DISPUTE');
      given([started]).when(resolveAs('rejected')).thenThrows(DomainRuleError, 'NO_OPEN_DISPUTE');
    });

    it.each<[string, ResolveDispute['resolver']]>([
      ['the same key as the inspector', { actorId: 'apiKey:inspector-1', employeeId: 'emp-other' }],
      ['another key of the inspecting employee', { actorId: 'apiKey:inspector-9', employeeId: 'emp-inspector' }],
      ['a key of the author', { actorId: 'apiKey:author-2', employeeId: 'emp-author' }],
    ])('refuses a resolution by %s', (_name, resolver) => {
      given(disputedHistory).when(resolveAs('accepted', { resolver })).thenThrows(DomainRuleError, 'RESOLVER_NOT_INDEPENDENT');
    });

    it('refuses a resolution by a key that names no employee: it could be the author or the inspector', () => {
      given(disputedHistory).when(resolveAs('rejected', { resolver: { actorId: 'apiKey:inspector-3' } })).thenThrows(DomainRuleError, 'ACTOR_NOT_AN_EMPLOYEE');
    });

    it('revises contested criteria only', () => {
      given(disputedHistory)
        .when(resolveAs('partly-accepted', { revisedResults: [pass('fonts')] }))
        .thenThrows(DomainRuleError, 'CRITERION_NOT_DISPUTED');
    });

    it('refuses a revision that leaves nothing applicable', () => {
      const onlyPriceApplies: InspectionEvent[] = [
        started,
        recorded([notApplicable('mobile'), fail('price'), notApplicable('fonts')]),
        { type: 'ChecklistFailed', data: completion({ score: 0, criticalFailed: false, failedCriteria: ['price'] }) },
        disputed(['price']),
      ];
      given(onlyPriceApplies)
        .when(resolveAs('partly-accepted', { revisedResults: [notApplicable('price')] }))
        .thenThrows(DomainRuleError, 'NO_APPLICABLE_CRITERIA');
    });

    it('is not dated before the dispute', () => {
      given(disputedHistory).when(resolveAs('rejected', { at: '2026-03-03T08:00:00.000Z' })).thenThrows(DomainRuleError, 'DATED_BEFORE_PREVIOUS_DECISION');
    });

    it.each<[string, Partial<ResolveDispute>, string]>([
      ['an unknown outcome', { outcome: 'withdrawn' as never }, 'outcome'],
      ['a partial acceptance without results', { outcome: 'partly-accepted' }, 'revisedResults'],
      ['results with an acceptance', { outcome: 'accepted', revisedResults: [pass('price')] }, 'revisedResults'],
      ['results with a rejection', { outcome: 'rejected', revisedResults: [pass('price')] }, 'revisedResults'],
      ['a revised fail without a comment', { outcome: 'partly-accepted', revisedResults: [{ criterionId: 'price', result: 'fail' }] }, 'revisedResults.0.comment'],
      ['a revised criterion of another template', { outcome: 'partly-accepted', revisedResults: [pass('footer')] }, 'revisedResults.0.criterionId'],
      ['a blank comment', { outcome: 'rejected', comment: '' }, 'comment'],
    ])('rejects %s, naming the field', (_name, change, field) => {
      given(disputedHistory).when(resolveAs('rejected', change)).thenRejects([field]);
    });
  });
});

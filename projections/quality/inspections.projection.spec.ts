import type { FactInput } from '#kernel';
import { decidedHistory, projectionSpec } from '#kernel/testing.js';
import { inspectionDecider, type CriterionResultEntry, type InspectionCommand, type Inspector } from '#domain/quality/index.js';
import { fail, landingInspector, landingTemplate, pass, startLandingInspection } from '#domain/quality/testing.js';
import { CRITERION_RESULTS_METRIC, INSPECTIONS_METRIC, inspections, type InspectionDocument } from './inspections.projection.js';

const template = landingTemplate;
const inspector = landingInspector;
const secondInspector: Inspector = { actorId: 'apiKey:inspector-2' };
/** A resolver is independent only when its key names its employee. */
const resolver: Inspector = { actorId: 'apiKey:inspector-3', employeeId: 'emp-resolver' };
const AUTHOR_KEY = 'apiKey:author';

const startFirst: InspectionCommand = startLandingInspection;
const record = (inspectionId: string, results: CriterionResultEntry[], at: string): InspectionCommand => ({
  type: 'RecordInspectionResults',
  inspectionId,
  results,
  at,
});
const complete = (inspectionId: string, at: string): InspectionCommand => ({ type: 'CompleteInspection', inspectionId, at });

/** insp-1 fails at 4/6 on the price, on March 2 at 11:00. */
const failedFirstAttempt: [string, InspectionCommand][] = [
  [inspector.actorId, startFirst],
  [inspector.actorId, record('insp-1', [pass('mobile'), fail('price'), pass('fonts')], '2026-03-02T10:00:00.000Z')],
  [inspector.actorId, complete('insp-1', '2026-03-02T11:00:00.000Z')],
];

const dispute: InspectionCommand = {
  type: 'DisputeVerdict',
  inspectionId: 'insp-1',
  employeeId: 'emp-author',
  comment: 'The price is in the footer',
  at: '2026-03-03T09:00:00.000Z',
};
const resolve = (outcome: 'accepted' | 'rejected'): InspectionCommand => ({
  type: 'ResolveDispute',
  inspectionId: 'insp-1',
  outcome,
  comment: 'Checked the footer',
  resolver,
  at: '2026-03-04T09:00:00.000Z',
});

/** The events the decider appends for these commands, across inspection streams, by the caller given, recorded as the store would. */
const recordedHistory = (steps: readonly [actorId: string, command: InspectionCommand][]) =>
  decidedHistory(inspectionDecider(), { streamOf: (command) => `inspection-${command.inspectionId}`, roles: ['quality-inspector'] }, steps);

const dims = {
  sectionId: 'section-layout',
  productId: 'course-sales',
  templateId: 'landing',
  templateVersion: '2',
  inspectorId: 'emp-inspector',
  authorId: 'emp-author',
};
const FAILED_AT = '2026-03-02T11:00:00.000Z';

const inspectionFact = (occurredAt: string, measures: Partial<FactInput['measures']>, factDims = dims): FactInput => ({
  metric: INSPECTIONS_METRIC,
  occurredAt,
  dims: factDims,
  measures: {
    inspections: 1,
    passed: 0,
    score: 0,
    firstAttempts: 0,
    firstAttemptsPassed: 0,
    reinspectionsBeforePass: 0,
    secondsToPass: 0,
    ...measures,
  },
});
const criterionFact = (
  occurredAt: string,
  criterionId: string,
  critical: boolean,
  measures: { checked: number; applicable: number; failed: number },
): FactInput => ({
  metric: CRITERION_RESULTS_METRIC,
  occurredAt,
  dims: { ...dims, criterionId, critical: String(critical) },
  measures,
});

const failedFacts: FactInput[] = [
  inspectionFact(FAILED_AT, { score: 4 / 6, firstAttempts: 1 }),
  criterionFact(FAILED_AT, 'mobile', true, { checked: 1, applicable: 1, failed: 0 }),
  criterionFact(FAILED_AT, 'price', false, { checked: 1, applicable: 1, failed: 1 }),
  criterionFact(FAILED_AT, 'fonts', false, { checked: 1, applicable: 1, failed: 0 }),
];

/** The sums of one metric's measures over the facts known, as `aggregateFacts` gives them without grouping. */
function totals(facts: readonly FactInput[], metric: string): Record<string, number> {
  const sums: Record<string, number> = {};
  for (const fact of facts.filter((candidate) => candidate.metric === metric)) {
    for (const [measure, value] of Object.entries(fact.measures)) sums[measure] = (sums[measure] ?? 0) + value;
  }
  return sums;
}

describe('inspections projection', () => {
  it('keeps a document per started inspection, with the criteria of its template version and no verdict yet', () => {
    const expected: InspectionDocument = {
      id: 'insp-1',
      status: 'in-progress',
      deliverable: { kind: 'landing-page', reference: 'https://example.org/spring-sale' },
      productId: 'course-sales',
      sectionId: 'section-layout',
      authorId: 'emp-author',
      inspectorId: 'emp-inspector',
      template: { templateId: 'landing', version: 2, passMark: 0.8 },
      chainId: 'insp-1',
      attempt: 1,
      previousInspectionId: null,
      reinspectionId: null,
      chainStartedAt: '2026-03-02T09:00:00.000Z',
      startedAt: '2026-03-02T09:00:00.000Z',
      completedAt: null,
      criteria: template.criteria.map((criterion) => ({ ...criterion, result: null, comment: null, revised: null })),
      verdict: null,
      score: null,
      original: null,
      revised: null,
      disputes: [],
    };
    projectionSpec(inspections)
      .given(recordedHistory([[inspector.actorId, startFirst]]))
      .thenDocuments({ 'insp-1': expected })
      .thenFacts([]);
  });

  it('names the inspector by the key subject when the key belongs to no employee', () => {
    const { documents } = projectionSpec(inspections).given(recordedHistory([[secondInspector.actorId, { ...startFirst, inspector: secondInspector }]]));
    expect(documents.get('insp-1')!.inspectorId).toBe('apiKey:inspector-2');
  });

  it('shows the recorded results, the latest recording of a criterion winning', () => {
    const { documents } = projectionSpec(inspections).given(
      recordedHistory([
        [inspector.actorId, startFirst],
        [inspector.actorId, record('insp-1', [fail('price'), pass('mobile')], '2026-03-02T10:00:00.000Z')],
        [inspector.actorId, record('insp-1', [{ criterionId: 'price', result: 'n/a' }], '2026-03-02T10:30:00.000Z')],
      ]),
    );
    expect(documents.get('insp-1')!.criteria.map(({ criterionId, result, comment }) => [criterionId, result, comment])).toEqual([
      ['mobile', 'pass', null],
      ['price', 'n/a', null],
      ['fonts', null, null],
    ]);
  });

  it('completes the inspection with its verdict and counts the verdict and every criterion on the business date', () => {
    const spec = projectionSpec(inspections).given(recordedHistory(failedFirstAttempt));
    expect(spec.documents.get('insp-1')).toMatchObject({
      status: 'completed',
      completedAt: FAILED_AT,
      verdict: 'failed',
      score: 4 / 6,
      original: { verdict: 'failed', score: 4 / 6, criticalFailed: false, failedCriteria: ['price'] },
      revised: null,
    });
    spec.thenFacts(failedFacts);
  });

  it('leaves n/a criteria out of the applicable count', () => {
    const facts = projectionSpec(inspections).given(
      recordedHistory([
        [inspector.actorId, startFirst],
        [inspector.actorId, record('insp-1', [pass('mobile'), pass('price'), { criterionId: 'fonts', result: 'n/a' }], '2026-03-02T10:00:00.000Z')],
        [inspector.actorId, complete('insp-1', FAILED_AT)],
      ]),
    ).facts;
    expect(facts[0]!.measures).toMatchObject({ inspections: 1, passed: 1, score: 1, firstAttempts: 1, firstAttemptsPassed: 1 });
    expect(facts[3]).toEqual(criterionFact(FAILED_AT, 'fonts', false, { checked: 1, applicable: 0, failed: 0 }));
  });

  describe('a re-inspection chain', () => {
    const reinspection: [string, InspectionCommand][] = [
      [inspector.actorId, { type: 'StartReinspection', inspectionId: 'insp-1', reinspectionId: 'insp-2', at: '2026-03-05T09:00:00.000Z' }],
      [
        secondInspector.actorId,
        {
          ...startFirst,
          inspectionId: 'insp-2',
          inspector: secondInspector,
          chain: { chainId: 'insp-1', attempt: 2, previousInspectionId: 'insp-1', chainStartedAt: '2026-03-02T09:00:00.000Z' },
          at: '2026-03-05T09:00:00.000Z',
        },
      ],
      [secondInspector.actorId, record('insp-2', [pass('mobile'), pass('price'), pass('fonts')], '2026-03-05T11:00:00.000Z')],
      [secondInspector.actorId, complete('insp-2', '2026-03-05T12:00:00.000Z')],
    ];

    it('links both attempts', () => {
      const { documents } = projectionSpec(inspections).given(recordedHistory([...failedFirstAttempt, ...reinspection]));
      expect(documents.get('insp-1')).toMatchObject({ chainId: 'insp-1', attempt: 1, reinspectionId: 'insp-2', previousInspectionId: null });
      expect(documents.get('insp-2')).toMatchObject({ chainId: 'insp-1', attempt: 2, reinspectionId: null, previousInspectionId: 'insp-1' });
    });

    it('counts the pass of attempt 2 as one re-inspection until pass, 75 hours after the chain started', () => {
      const { facts } = projectionSpec(inspections).given(recordedHistory([...failedFirstAttempt, ...reinspection]));
      expect(facts[4]).toEqual(
        inspectionFact(
          '2026-03-05T12:00:00.000Z',
          { passed: 1, score: 1, reinspectionsBeforePass: 1, secondsToPass: 75 * 3600 },
          { ...dims, inspectorId: 'apiKey:inspector-2' },
        ),
      );
    });
  });

  describe('a dispute', () => {
    it('shows the open dispute and counts nothing for it', () => {
      const spec = projectionSpec(inspections).given(recordedHistory([...failedFirstAttempt, [AUTHOR_KEY, dispute]]));
      expect(spec.documents.get('insp-1')).toMatchObject({
        status: 'disputed',
        disputes: [{ disputeNumber: 1, criterionIds: ['price'], comment: 'The price is in the footer', disputedAt: '2026-03-03T09:00:00.000Z', resolution: null }],
      });
      spec.thenFacts(failedFacts);
    });

    it('accepted: shows the revised verdict next to the original, which stays', () => {
      const { documents } = projectionSpec(inspections).given(
        recordedHistory([...failedFirstAttempt, [AUTHOR_KEY, dispute], [resolver.actorId, resolve('accepted')]]),
      );
      const document = documents.get('insp-1')!;
      expect(document).toMatchObject({
        status: 'completed',
        verdict: 'passed',
        score: 1,
        original: { verdict: 'failed', score: 4 / 6, criticalFailed: false, failedCriteria: ['price'] },
        revised: { verdict: 'passed', score: 1, criticalFailed: false, failedCriteria: [] },
      });
      expect(document.criteria[1]).toMatchObject({ criterionId: 'price', result: 'fail', comment: 'price needs rework', revised: { result: 'pass', comment: null } });
      expect(document.disputes[0]!.resolution).toEqual({
        outcome: 'accepted',
        comment: 'Checked the footer',
        revisedResults: [pass('price')],
        verdict: 'passed',
        score: 1,
        resolvedAt: '2026-03-04T09:00:00.000Z',
        resolvedBy: 'emp-resolver',
      });
    });

    it('accepted: takes the failed verdict back and counts the pass, both on the date of the original verdict', () => {
      projectionSpec(inspections)
        .given(recordedHistory([...failedFirstAttempt, [AUTHOR_KEY, dispute], [resolver.actorId, resolve('accepted')]]))
        .thenFacts([
          ...failedFacts,
          inspectionFact(FAILED_AT, { inspections: -1, score: -4 / 6, firstAttempts: -1 }),
          inspectionFact(FAILED_AT, { passed: 1, score: 1, firstAttempts: 1, firstAttemptsPassed: 1, secondsToPass: 2 * 3600 }),
          criterionFact(FAILED_AT, 'price', false, { checked: -1, applicable: -1, failed: -1 }),
          criterionFact(FAILED_AT, 'price', false, { checked: 1, applicable: 1, failed: 0 }),
        ]);
    });

    it('stays reproducible as known before the resolution, and changes as known after it', () => {
      const history = recordedHistory([...failedFirstAttempt, [AUTHOR_KEY, dispute], [resolver.actorId, resolve('accepted')]]);
      const beforeResolution = projectionSpec(inspections).given(history.slice(0, -1)).facts;
      const afterResolution = projectionSpec(inspections).given(history).facts;
      expect(totals(beforeResolution, INSPECTIONS_METRIC)).toMatchObject({ inspections: 1, passed: 0, firstAttemptsPassed: 0 });
      expect(totals(afterResolution, INSPECTIONS_METRIC)).toMatchObject({ inspections: 1, passed: 1, firstAttemptsPassed: 1, score: 1 });
      expect(totals(beforeResolution, CRITERION_RESULTS_METRIC)).toEqual({ checked: 3, applicable: 3, failed: 1 });
      expect(totals(afterResolution, CRITERION_RESULTS_METRIC)).toEqual({ checked: 3, applicable: 3, failed: 0 });
    });

    it('rejected: records the resolution, keeps the verdict and counts nothing new', () => {
      const spec = projectionSpec(inspections).given(
        recordedHistory([...failedFirstAttempt, [AUTHOR_KEY, dispute], [resolver.actorId, resolve('rejected')]]),
      );
      expect(spec.documents.get('insp-1')).toMatchObject({
        status: 'completed',
        verdict: 'failed',
        score: 4 / 6,
        revised: null,
        disputes: [{ resolution: { outcome: 'rejected', revisedResults: [], verdict: 'failed' } }],
      });
      spec.thenFacts(failedFacts);
    });

    it('partly accepted with the score changed but not the verdict: corrects the score and the criterion', () => {
      const twoFailed: [string, InspectionCommand][] = [
        [inspector.actorId, startFirst],
        [inspector.actorId, record('insp-1', [pass('mobile'), fail('price'), fail('fonts')], '2026-03-02T10:00:00.000Z')],
        [inspector.actorId, complete('insp-1', FAILED_AT)],
      ];
      const partly: InspectionCommand = {
        type: 'ResolveDispute',
        inspectionId: 'insp-1',
        outcome: 'partly-accepted',
        revisedResults: [pass('fonts')],
        comment: 'The fonts are fine, the price is not there',
        resolver,
        at: '2026-03-04T09:00:00.000Z',
      };
      const { facts } = projectionSpec(inspections).given(recordedHistory([...twoFailed, [AUTHOR_KEY, dispute], [resolver.actorId, partly]]));
      // 3/6 failed becomes 4/6 failed: one inspection taken back and counted again, with the better score.
      expect(facts.slice(4)).toEqual([
        inspectionFact(FAILED_AT, { inspections: -1, score: -3 / 6, firstAttempts: -1 }),
        inspectionFact(FAILED_AT, { score: 4 / 6, firstAttempts: 1 }),
        criterionFact(FAILED_AT, 'fonts', false, { checked: -1, applicable: -1, failed: -1 }),
        criterionFact(FAILED_AT, 'fonts', false, { checked: 1, applicable: 1, failed: 0 }),
      ]);
    });
  });
});

import type { FactGroup } from '#kernel';
import { surveyMetricsQuery, surveyMetricsReport, surveyTagsQuery, surveyTagsReport, type SurveyMetricsGroupBy } from './survey-metrics.report.js';
import { SURVEY_RESPONSE_MEASURES, SURVEY_RESPONSES_METRIC, SURVEY_TAGS_METRIC, type SurveyResponseMeasure } from './surveys.projection.js';

const zero = Object.fromEntries(SURVEY_RESPONSE_MEASURES.map((measure) => [measure, 0])) as Record<SurveyResponseMeasure, number>;

const group = (dims: Record<string, string | null>, sums: Partial<Record<SurveyResponseMeasure, number>>, period?: string): FactGroup => ({
  ...(period && { period }),
  dims,
  facts: 1,
  sums: { ...zero, ...sums },
});

/*
 * January, computed by hand:
 *   clients-bought: 4 responses of a wave that invited 10; CSAT 4 answers, 3 of them 4-5;
 *                   NPS 4 answers: 1 promoter, 1 passive, 2 detractors; CES 4 answers summing to 10.
 *   employees:      6 responses of a wave without invitations; NPS 6 answers: 4 promoters, 2 passives.
 *   Together: NPS 10 answers, 5 promoters, 3 passives, 2 detractors -> 50 % - 20 % = 30;
 *             eNPS (employees only) 4 promoters of 6, no detractor -> 66.67; CSAT 3/4; CES 10/4 = 2.5;
 *             response rate 4 responses of invited waves / 10 invited = 0.4.
 * February: all-employees, 2 responses, both NPS detractors -> NPS and eNPS -100; no CSAT, no CES.
 */
const monthly = [
  group(
    { audience: 'clients-bought' },
    {
      responses: 4,
      invited: 10,
      invitedResponses: 4,
      csatAnswers: 4,
      csatSatisfied: 3,
      npsAnswers: 4,
      npsPromoters: 1,
      npsPassives: 1,
      npsDetractors: 2,
      cesAnswers: 4,
      cesScoreSum: 10,
    },
    '2026-01-01',
  ),
  group({ audience: 'all-employees' }, { responses: 2, npsAnswers: 2, npsDetractors: 2 }, '2026-02-01'),
  group({ audience: 'employees' }, { responses: 6, npsAnswers: 6, npsPromoters: 4, npsPassives: 2 }, '2026-01-01'),
];

describe('survey metrics report', () => {
  describe('the queries', () => {
    it('sum every measure per audience over the whole range by default', () => {
      expect(surveyMetricsQuery({})).toEqual({
        metric: SURVEY_RESPONSES_METRIC,
        groupBy: { dims: ['audience'] },
        measures: SURVEY_RESPONSE_MEASURES,
      });
    });

    it('group by a period, filter by survey, wave, audience and product, and answer as of a position', () => {
      expect(
        surveyMetricsQuery({
          from: '2026-01-01',
          to: '2026-03-01',
          groupBy: 'week',
          surveyId: 'survey-1',
          wave: 2,
          audience: 'employees',
          productId: 'course-sales',
          asOf: 42n,
        }),
      ).toEqual({
        metric: SURVEY_RESPONSES_METRIC,
        from: '2026-01-01',
        to: '2026-03-01',
        where: { surveyId: 'survey-1', wave: '2', audience: 'employees', productId: 'course-sales' },
        groupBy: { period: 'week', dims: ['audience'] },
        measures: SURVEY_RESPONSE_MEASURES,
        asOf: 42n,
      });
    });

    it.each<[SurveyMetricsGroupBy, string[]]>([
      ['survey', ['surveyId', 'audience']],
      ['wave', ['surveyId', 'wave', 'audience']],
      ['audience', ['audience']],
      ['product', ['productId', 'audience']],
    ])('group by %s through the dims %j', (groupBy, dims) => {
      expect(surveyMetricsQuery({ groupBy }).groupBy).toEqual({ dims });
    });

    it('ask for the tag counts per tag', () => {
      expect(surveyTagsQuery({ groupBy: 'month', surveyId: 'survey-1' })).toEqual({
        metric: SURVEY_TAGS_METRIC,
        where: { surveyId: 'survey-1' },
        groupBy: { period: 'month', dims: ['tag'] },
        measures: ['answers'],
      });
    });

    it('reject an unknown grouping, naming the field', () => {
      expect(() => surveyMetricsQuery({ groupBy: 'year' as SurveyMetricsGroupBy })).toThrow(
        expect.objectContaining({ code: 'VALIDATION_FAILED', errors: [expect.objectContaining({ field: 'groupBy' })] }),
      );
    });
  });

  describe('the scores', () => {
    it('compute CSAT, NPS, eNPS, CES and the response rate per month', () => {
      expect(surveyMetricsReport(monthly, 'month')).toEqual([
        {
          group: { period: '2026-01-01' },
          responses: 10,
          invited: 10,
          responseRate: 0.4,
          csat: { answers: 4, satisfied: 3, share: 0.75 },
          nps: { answers: 10, promoters: 5, passives: 3, detractors: 2, score: 30 },
          enps: { answers: 6, promoters: 4, passives: 2, detractors: 0, score: 200 / 3 },
          ces: { answers: 4, mean: 2.5 },
        },
        {
          group: { period: '2026-02-01' },
          responses: 2,
          invited: null,
          responseRate: null,
          csat: { answers: 0, satisfied: 0, share: null },
          nps: { answers: 2, promoters: 0, passives: 0, detractors: 2, score: -100 },
          enps: { answers: 2, promoters: 0, passives: 0, detractors: 2, score: -100 },
          ces: { answers: 0, mean: null },
        },
      ]);
    });

    it('keep the audiences apart when grouped by audience, with no eNPS for clients', () => {
      const byAudience = [
        group({ audience: 'employees' }, { responses: 6, npsAnswers: 6, npsPromoters: 4, npsPassives: 2 }),
        group({ audience: 'clients-bought' }, { responses: 4, npsAnswers: 4, npsPromoters: 1, npsPassives: 1, npsDetractors: 2 }),
      ];
      const rows = surveyMetricsReport(byAudience, 'audience');
      expect(rows.map((row) => [row.group, row.nps.score, row.enps.score])).toEqual([
        [{ audience: 'clients-bought' }, -25, null],
        [{ audience: 'employees' }, 200 / 3, 200 / 3],
      ]);
    });

    it('order waves by number, and surveys about no product last', () => {
      const byWave = [
        group({ surveyId: 'survey-1', wave: '10', audience: 'employees' }, { responses: 1 }),
        group({ surveyId: 'survey-1', wave: '2', audience: 'employees' }, { responses: 2 }),
        group({ surveyId: 'survey-0', wave: '3', audience: 'employees' }, { responses: 3 }),
      ];
      expect(surveyMetricsReport(byWave, 'wave').map((row) => row.group)).toEqual([
        { surveyId: 'survey-0', wave: 3 },
        { surveyId: 'survey-1', wave: 2 },
        { surveyId: 'survey-1', wave: 10 },
      ]);
      const byProduct = [group({ productId: null, audience: 'employees' }, { responses: 1 }), group({ productId: 'webinar', audience: 'clients-bought' }, { responses: 1 })];
      expect(surveyMetricsReport(byProduct, 'product').map((row) => row.group)).toEqual([{ productId: 'webinar' }, { productId: null }]);
    });

    it('have no rows when nothing was answered', () => {
      expect(surveyMetricsReport([], 'month')).toEqual([]);
    });
  });

  describe('the tag frequencies', () => {
    it('count the tagged answers per tag, listing every tag', () => {
      const groups: FactGroup[] = [
        { period: '2026-01-01', dims: { tag: 'objection' }, facts: 3, sums: { answers: 4 } },
        { period: '2026-01-01', dims: { tag: 'idea' }, facts: 1, sums: { answers: 1 } },
        { period: '2026-02-01', dims: { tag: 'training-wish' }, facts: 2, sums: { answers: 2 } },
      ];
      expect(surveyTagsReport(groups, 'month')).toEqual([
        { group: { period: '2026-01-01' }, tags: { objection: 4, problem: 0, idea: 1, 'training-wish': 0 }, total: 5 },
        { group: { period: '2026-02-01' }, tags: { objection: 0, problem: 0, idea: 0, 'training-wish': 2 }, total: 2 },
      ]);
    });
  });
});

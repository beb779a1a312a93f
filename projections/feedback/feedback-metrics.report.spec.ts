import type { FactGroup } from '#kernel';
import { FEEDBACK_METRIC } from './feedback.projection.js';
import { feedbackMetricsQuery, feedbackMetricsReport, type FeedbackMetricsGroupBy } from './feedback-metrics.report.js';

const MEASURES = ['thanks', 'complaints', 'closed', 'upheld', 'rejected', 'resolved'];

const group = (dims: Record<string, string>, sums: Partial<Record<string, number>>, period?: string): FactGroup => ({
  ...(period && { period }),
  dims,
  facts: 1,
  sums: { thanks: 0, complaints: 0, closed: 0, upheld: 0, rejected: 0, resolved: 0, ...sums } as Record<string, number>,
});

describe('feedback metrics report', () => {
  describe('the query', () => {
    it('sums every measure over the whole range by default', () => {
      expect(feedbackMetricsQuery({})).toEqual({ metric: FEEDBACK_METRIC, measures: MEASURES });
    });

    it('groups by a period, filters by subject and answers as of a position', () => {
      expect(feedbackMetricsQuery({ from: '2026-01-01', to: '2026-04-01', groupBy: 'month', employeeId: 'agent-7', asOf: 42n })).toEqual({
        metric: FEEDBACK_METRIC,
        from: '2026-01-01',
        to: '2026-04-01',
        where: { employeeId: 'agent-7' },
        groupBy: { period: 'month' },
        measures: MEASURES,
        asOf: 42n,
      });
    });

    it.each<[FeedbackMetricsGroupBy, string]>([
      ['employee', 'employeeId'],
      ['product', 'productId'],
      ['section', 'sectionId'],
    ])('groups by %s through the %s dim, keeping only the feedback about one', (groupBy, dim) => {
      expect(feedbackMetricsQuery({ groupBy })).toEqual({
        metric: FEEDBACK_METRIC,
        where: { subjectKind: groupBy },
        groupBy: { dims: [dim] },
        measures: MEASURES,
      });
    });

    it('rejects an unknown grouping, naming the field', () => {
      expect(() => feedbackMetricsQuery({ groupBy: 'client' as FeedbackMetricsGroupBy })).toThrow(
        expect.objectContaining({ code: 'VALIDATION_FAILED', errors: [expect.objectContaining({ field: 'groupBy' })] }),
      );
    });
  });

  describe('the rows', () => {
    it('gives thanks, complaints, closings and their outcomes per group, ordered by period then id', () => {
      const rows = feedbackMetricsReport([
        group({ employeeId: 'agent-9' }, { complaints: 2, closed: 2, upheld: 1, resolved: 1 }, '2026-03-01'),
        group({ employeeId: 'agent-7' }, { thanks: 3, closed: 1, rejected: 1 }, '2026-03-01'),
        group({ employeeId: 'agent-7' }, { thanks: 1 }, '2026-02-01'),
      ]);
      expect(rows).toEqual([
        { group: { period: '2026-02-01', employeeId: 'agent-7' }, thanks: 1, complaints: 0, complaintsClosed: 0, outcomes: { upheld: 0, rejected: 0, resolved: 0 } },
        { group: { period: '2026-03-01', employeeId: 'agent-7' }, thanks: 3, complaints: 0, complaintsClosed: 1, outcomes: { upheld: 0, rejected: 1, resolved: 0 } },
        { group: { period: '2026-03-01', employeeId: 'agent-9' }, thanks: 0, complaints: 2, complaintsClosed: 2, outcomes: { upheld: 1, rejected: 0, resolved: 1 } },
      ]);
    });

    it('has no rows when nothing happened', () => {
      expect(feedbackMetricsReport([])).toEqual([]);
    });
  });
});

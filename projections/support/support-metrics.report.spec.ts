import { distributionFromValueGroups, type FactGroup } from '#kernel';
import { SUPPORT_FIRST_RESPONSE_METRIC, SUPPORT_RESOLUTION_METRIC, SUPPORT_TICKETS_METRIC } from './support-metrics.projection.js';
import { supportMetricsQueries, supportMetricsReport, type SupportGroupBy, type SupportMetricsParams, type SupportMetricsRow } from './support-metrics.report.js';
import { DEFAULT_SUPPORT_TARGETS, type SupportTargets } from './support-targets.js';

const TICKET_MEASURES = ['tickets', 'repeats', 'closed', 'escalated', 'rated', 'excellent', 'satisfied'];

const ticketGroup = (dims: Record<string, string | null>, sums: Record<string, number>, period?: string): FactGroup => ({
  ...(period && { period }),
  dims,
  facts: sums.tickets!,
  sums: { tickets: 0, repeats: 0, closed: 0, escalated: 0, rated: 0, excellent: 0, satisfied: 0, ...sums },
});
const durationGroup = (dims: Record<string, string | null>, seconds: number, count: number, period?: string): FactGroup => ({
  ...(period && { period }),
  dims: { ...dims, seconds: String(seconds) },
  facts: count,
  sums: { count },
});
/** The fact groups of the ticket counts, and of each duration one per value, as `valueGroupsQuery` reads them. */
interface ValueGroups {
  readonly tickets: readonly FactGroup[];
  readonly firstResponse: readonly FactGroup[];
  readonly resolution: readonly FactGroup[];
}
const noGroups: ValueGroups = { tickets: [], firstResponse: [], resolution: [] };

/** The rows, from the durations' distributions as every read store must answer them for these value groups. */
function report(groups: ValueGroups, params: SupportMetricsParams, targets: SupportTargets): SupportMetricsRow[] {
  const queries = supportMetricsQueries(params, targets);
  return supportMetricsReport(
    {
      tickets: groups.tickets,
      firstResponse: distributionFromValueGroups(queries.firstResponse, groups.firstResponse),
      resolution: distributionFromValueGroups(queries.resolution, groups.resolution),
    },
    params,
  );
}

describe('support metrics report', () => {
  describe('the queries', () => {
    it('ask for the ticket counts and the distribution of each duration, against its target, over the whole range by default', () => {
      const distribution = { groupBy: { dims: [] }, value: 'seconds', weight: 'count', percentiles: [50, 90] };
      expect(supportMetricsQueries({}, { ...DEFAULT_SUPPORT_TARGETS, firstResponseSeconds: 90, resolutionSeconds: 7200 })).toEqual({
        tickets: { metric: SUPPORT_TICKETS_METRIC, groupBy: { dims: [] }, measures: TICKET_MEASURES },
        firstResponse: { metric: SUPPORT_FIRST_RESPONSE_METRIC, ...distribution, atMost: [90] },
        resolution: { metric: SUPPORT_RESOLUTION_METRIC, ...distribution, atMost: [7200] },
      });
    });

    it('group by a period within the range, as of a position', () => {
      const queries = supportMetricsQueries({ from: '2026-01-01', to: '2027-01-01', groupBy: 'week', asOf: 42n }, DEFAULT_SUPPORT_TARGETS);
      expect(queries.tickets).toEqual({
        metric: SUPPORT_TICKETS_METRIC,
        from: '2026-01-01',
        to: '2027-01-01',
        groupBy: { period: 'week', dims: [] },
        measures: TICKET_MEASURES,
        asOf: 42n,
      });
      expect(queries.resolution).toMatchObject({ from: '2026-01-01', to: '2027-01-01', groupBy: { period: 'week', dims: [] }, asOf: 42n });
    });

    it.each<[SupportGroupBy, string]>([
      ['employee', 'employeeId'],
      ['line', 'line'],
      ['channel', 'channel'],
      ['product', 'productId'],
    ])('group by %s through the %s dim', (groupBy, dim) => {
      const queries = supportMetricsQueries({ groupBy }, DEFAULT_SUPPORT_TARGETS);
      expect(queries.tickets.groupBy).toEqual({ dims: [dim] });
      expect(queries.firstResponse.groupBy).toEqual({ dims: [dim] });
    });

    it('rejects an unknown grouping, naming the field', () => {
      expect(() => supportMetricsQueries({ groupBy: 'year' as SupportGroupBy }, DEFAULT_SUPPORT_TARGETS)).toThrow(
        expect.objectContaining({ code: 'VALIDATION_FAILED', errors: [expect.objectContaining({ field: 'groupBy' })] }),
      );
    });
  });

  describe('the rows', () => {
    /*
     * Ten tickets opened in the week of 2026-03-02, by hand:
     *   first responses (s): 30, 60, 60, 90, 100, 120, 150, 200, 400, and one taken back (a value at 0 net)
     *   resolutions (s): 3600 x3, 14400, 20000
     *   ratings: 6, of which 4 rated 5 and 1 rated 4; 1 repeat; 8 closed; 1 escalated
     */
    const week = '2026-03-02';
    const groups: ValueGroups = {
      tickets: [ticketGroup({}, { tickets: 10, repeats: 1, closed: 8, escalated: 1, rated: 6, excellent: 4, satisfied: 5 }, week)],
      firstResponse: [
        ...[30, 90, 100, 120, 150, 200, 400].map((seconds) => durationGroup({}, seconds, 1, week)),
        durationGroup({}, 60, 2, week),
        durationGroup({}, 45, 0, week),
      ],
      resolution: [durationGroup({}, 3600, 3, week), durationGroup({}, 14400, 1, week), durationGroup({}, 20000, 1, week)],
    };

    it('computes every figure of a period with exact nearest-rank percentiles and the shares within target', () => {
      expect(report(groups, { groupBy: 'week' }, DEFAULT_SUPPORT_TARGETS)).toEqual([
        {
          group: { period: week },
          tickets: 10,
          contactsPerDay: 10 / 7,
          firstResponseSeconds: { mean: 1210 / 9, p50: 100, p90: 400 },
          firstResponseWithinTarget: 6 / 9,
          resolutionSeconds: { mean: (3 * 3600 + 14400 + 20000) / 5, p50: 3600, p90: 20000 },
          resolvedWithinTarget: 4 / 5,
          excellentShare: 4 / 6,
          csat: 5 / 6,
          repeatContactShare: 0.1,
          closedShare: 0.8,
          escalationShare: 0.1,
        },
      ]);
    });

    it('judges within target by the targets given', () => {
      const [row] = report(groups, { groupBy: 'week' }, { ...DEFAULT_SUPPORT_TARGETS, firstResponseSeconds: 60, resolutionSeconds: 20000 });
      expect(row).toMatchObject({ firstResponseWithinTarget: 3 / 9, resolvedWithinTarget: 1 });
    });

    it('counts the days of a period within the range only', () => {
      const [row] = report(groups, { groupBy: 'week', from: '2026-03-05', to: '2026-03-07' }, DEFAULT_SUPPORT_TARGETS);
      expect(row!.contactsPerDay).toBe(5);
    });

    it('counts the days of a month by its calendar', () => {
      const february = { ...noGroups, tickets: [ticketGroup({}, { tickets: 56 }, '2026-02-01')] };
      expect(report(february, { groupBy: 'month' }, DEFAULT_SUPPORT_TARGETS)[0]!.contactsPerDay).toBe(2);
    });

    it('gives no rate per day to a row of an unbounded range, and the range rate to one with bounds', () => {
      const all = { ...noGroups, tickets: [ticketGroup({}, { tickets: 30 })] };
      expect(report(all, {}, DEFAULT_SUPPORT_TARGETS)[0]!.contactsPerDay).toBeNull();
      expect(report(all, { from: '2026-03-01', to: '2026-03-11' }, DEFAULT_SUPPORT_TARGETS)[0]!.contactsPerDay).toBe(3);
    });

    it('leaves the figures of what did not happen null rather than 0', () => {
      const [row] = report({ ...noGroups, tickets: [ticketGroup({}, { tickets: 2 })] }, {}, DEFAULT_SUPPORT_TARGETS);
      expect(row).toMatchObject({
        firstResponseSeconds: null,
        firstResponseWithinTarget: null,
        resolutionSeconds: null,
        resolvedWithinTarget: null,
        excellentShare: null,
        csat: null,
        closedShare: 0,
      });
    });

    it('gives a row to an employee who only answered tickets assigned to others, ordered with nulls last and lines as numbers', () => {
      const byEmployee: ValueGroups = {
        tickets: [ticketGroup({ employeeId: null }, { tickets: 1 }), ticketGroup({ employeeId: 'agent-a' }, { tickets: 2 })],
        firstResponse: [durationGroup({ employeeId: 'agent-b' }, 50, 1)],
        resolution: [],
      };
      const rows = report(byEmployee, { groupBy: 'employee' }, DEFAULT_SUPPORT_TARGETS);
      expect(rows.map((row) => [row.group, row.tickets, row.firstResponseSeconds])).toEqual([
        [{ employeeId: 'agent-a' }, 2, null],
        [{ employeeId: 'agent-b' }, 0, { mean: 50, p50: 50, p90: 50 }],
        [{ employeeId: null }, 1, null],
      ]);
      const byLine = { ...noGroups, tickets: [ticketGroup({ line: '2' }, { tickets: 1 }), ticketGroup({ line: '1' }, { tickets: 1 })] };
      expect(report(byLine, { groupBy: 'line' }, DEFAULT_SUPPORT_TARGETS).map((row) => row.group)).toEqual([{ line: 1 }, { line: 2 }]);
    });
  });
});

import { useMemo } from 'preact/hooks';
import { getJson, indicatorCatalogue } from './api.js';
import type { ChartSpec } from './chart.js';
import { formatValue } from './format.js';
import { useLoad } from './load.js';
import { groupingsOf } from './metric-routes.js';
import { fieldOf } from './metric-table.js';
import { Status } from './status.js';
import { Chart } from './trend-chart.js';
import type { CatalogueIndicator, MetricAnswer, MetricsPack, PackIndicator } from './types.js';

const WEEKS = 12;
const DAY_MS = 86_400_000;

/** The weekly answers of the metric routes that compute the pack's indicators, by route. */
interface Trends {
  readonly catalogue: ReadonlyMap<string, CatalogueIndicator>;
  readonly weekly: ReadonlyMap<string, MetricAnswer>;
}

/**
 * Each indicator of the pack over the twelve complete weeks before the meeting, beside its target, as
 * known at the pack's position: what the council could have seen when the meeting opened. One request
 * per metric route, whatever the number of its indicators.
 */
export function PackTrends({ pack }: { pack: MetricsPack }) {
  const mondays = useMemo(() => weeksBefore(pack), [pack]);
  // A pack recorded before anything was is read as of its moment, never as of now.
  const asOf = pack.then.asOf.position ?? pack.recordedAt;
  const range = { groupBy: 'week', from: mondays[0]!, to: addDays(mondays.at(-1)!, 7), asOf };
  const trends = useLoad(async (): Promise<Trends> => {
    const catalogue = new Map((await indicatorCatalogue()).map((indicator) => [indicator.id, indicator]));
    const routes = new Set(pack.then.indicators.flatMap((indicator) => catalogue.get(indicator.indicator)?.source.route ?? []));
    const weeklyRoutes = [...routes].filter((route) => groupingsOf(route).includes('week'));
    const weekly = new Map(await Promise.all(weeklyRoutes.map(async (route) => [route, await getJson<MetricAnswer>(route, range)] as const)));
    return { catalogue, weekly };
  }, [pack.meetingId, asOf]);
  return (
    <section aria-labelledby="trends-title">
      <h3 id="trends-title">
        Twelve weeks before the meeting ({range.from} to {range.to}, exclusive)
      </h3>
      <Status loaded={trends}>{(value) => <TrendList indicators={pack.then.indicators} trends={value} mondays={mondays} />}</Status>
    </section>
  );
}

function TrendList({ indicators, trends, mondays }: { indicators: readonly PackIndicator[]; trends: Trends; mondays: readonly string[] }) {
  const weeklyOf = (indicator: PackIndicator) => {
    const catalogued = trends.catalogue.get(indicator.indicator);
    const answer = catalogued && trends.weekly.get(catalogued.source.route);
    return catalogued && answer && { indicator, catalogued, answer };
  };
  const weeklies = indicators.map((indicator) => ({ indicator, weekly: weeklyOf(indicator) }));
  const charted = weeklies.flatMap(({ weekly }) => weekly ?? []);
  const uncharted = weeklies.filter(({ weekly }) => weekly === undefined).map(({ indicator }) => indicator.indicator);
  return (
    <>
      {uncharted.length > 0 && <p data-testid="no-trend">No weekly trend (their metric route cannot group by week): {uncharted.join(', ')}.</p>}
      <ul class="trends">
        {charted.map((trend) => (
          <Trend key={trend.indicator.indicator} {...trend} mondays={mondays} />
        ))}
      </ul>
    </>
  );
}

interface TrendProps {
  readonly indicator: PackIndicator;
  readonly catalogued: CatalogueIndicator;
  readonly answer: MetricAnswer;
  readonly mondays: readonly string[];
}

function Trend({ indicator, catalogued, answer, mondays }: TrendProps) {
  const spec = useMemo(() => trendOf(indicator, catalogued, answer, mondays), [indicator, catalogued, answer, mondays]);
  const weeksWithData = spec.lines[0]!.values.filter((value) => value !== null).length;
  const target = indicator.target === null ? 'no target' : `target ${formatValue(indicator.target, indicator.unit)}`;
  return (
    <li class="trend" data-indicator={indicator.indicator}>
      <h4>{catalogued.name}</h4>
      <p class="legend">
        <span class="legend-value">● weekly value</span> {indicator.target !== null && <span class="legend-target">- - {target}</span>}
      </p>
      <Chart spec={spec} summary={`${catalogued.name}: ${weeksWithData} of ${mondays.length} weeks with data, ${target}`} />
    </li>
  );
}

/** The indicator per week (its field over `divideBy`, in the indicator's unit), a gap where a week has no value. */
function trendOf(indicator: PackIndicator, { source }: CatalogueIndicator, answer: MetricAnswer, mondays: readonly string[]): ChartSpec {
  const byWeek = new Map(answer.rows.map((row) => [String(fieldOf(row, 'group.period')), fieldOf(row, source.field)]));
  const values = mondays.map((monday) => {
    const value = byWeek.get(monday);
    return typeof value === 'number' ? value / (source.divideBy ?? 1) : null;
  });
  const xs = mondays.map((monday) => Date.parse(`${monday}T00:00:00Z`) / 1000);
  const target = indicator.target;
  return {
    xs,
    lines: [
      { label: indicator.indicator, values, kind: 'points' },
      ...(target === null ? [] : [{ label: 'target', values: mondays.map(() => target), kind: 'target' as const }]),
    ],
  };
}

/**
 * The Mondays of the twelve complete ISO weeks before the meeting: up to the pack's week where the pack
 * looks at the last complete one, else up to the week the meeting opened in.
 */
function weeksBefore(pack: MetricsPack): string[] {
  const end = [pack.periods.current.to, mondayOf(pack.recordedAt.slice(0, 10))].sort()[0]!;
  return Array.from({ length: WEEKS }, (_unused, index) => addDays(end, 7 * (index - WEEKS)));
}

function mondayOf(day: string): string {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return addDays(day, -((weekday + 6) % 7));
}

function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

import { useMemo, useState } from 'preact/hooks';
import { getJson, indicatorCatalogue } from './api.js';
import type { ChartSpec } from './chart.js';
import { csvOf, type Cell } from './csv.js';
import { useLoad } from './load.js';
import { groupingsOf, METRIC_GROUPINGS, PERIODS } from './metric-routes.js';
import { go, type MetricQuery } from './place.js';
import { groupLabelOf, tableOf, type MetricTable } from './metric-table.js';
import { saveCsv } from './save-file.js';
import { Status } from './status.js';
import { Chart } from './trend-chart.js';
import type { CatalogueIndicator, MetricAnswer } from './types.js';

/** Every metric route, grouped and bounded as asked, as known at the moment; a route's catalogued indicators are charted first. */
export function MetricsView({ query, asOf }: { query: MetricQuery | undefined; asOf: string | undefined }) {
  const catalogue = useLoad(indicatorCatalogue, []);
  return (
    <section aria-labelledby="metrics-title">
      <h2 id="metrics-title">Metrics explorer</h2>
      <Status loaded={catalogue}>{(indicators) => <Explorer indicators={indicators} query={query ?? FIRST_QUERY} asOf={asOf} />}</Status>
    </section>
  );
}

const ROUTES = Object.keys(METRIC_GROUPINGS);
const FIRST_QUERY: MetricQuery = { route: ROUTES[0]!, groupBy: 'week', from: '', to: '' };

/** The query lives in the URL, as the moment does, so that a link shows the table and chart its sender saw. */
function Explorer({ indicators, query, asOf }: { indicators: readonly CatalogueIndicator[]; query: MetricQuery; asOf: string | undefined }) {
  const { route, groupBy, from, to } = query;
  const ask = (next: MetricQuery) => go({ view: { kind: 'metrics', query: next }, asOf }, { replace: true });
  const answer = useLoad(
    () => getJson<MetricAnswer>(route, { groupBy: groupBy || undefined, from: from || undefined, to: to || undefined, asOf }),
    [route, groupBy, from, to, asOf],
  );
  const charted = indicators.filter((indicator) => indicator.source.route === route).map((indicator) => indicator.source.field);
  return (
    <>
      <QueryForm routes={ROUTES} query={query} onChange={ask} />
      <Status loaded={answer}>{(value) => <MetricResult answer={value} query={query} indicatorFields={charted} />}</Status>
    </>
  );
}

function QueryForm({ routes, query, onChange }: { routes: readonly string[]; query: MetricQuery; onChange: (query: MetricQuery) => void }) {
  const groupings = groupingsOf(query.route);
  // A grouping the next route lacks falls back to one row rather than asking for a 400.
  const onRoute = (route: string) => onChange({ ...query, route, groupBy: groupingsOf(route).includes(query.groupBy) ? query.groupBy : '' });
  return (
    <form class="metric-query" onSubmit={(event) => event.preventDefault()}>
      <label>
        Metric
        <select id="metric-route" value={query.route} onChange={(event) => onRoute(event.currentTarget.value)}>
          {routes.map((route) => (
            <option key={route} value={route}>
              {route.replace('/metrics/', '')}
            </option>
          ))}
        </select>
      </label>
      <label>
        Group by
        <select id="metric-group-by" value={query.groupBy} onChange={(event) => onChange({ ...query, groupBy: event.currentTarget.value })}>
          <option value="">nothing (one row)</option>
          {groupings.map((grouping) => (
            <option key={grouping} value={grouping}>
              {grouping}
            </option>
          ))}
        </select>
      </label>
      <label>
        From
        <input id="metric-from" type="date" value={query.from} onChange={(event) => onChange({ ...query, from: event.currentTarget.value })} />
      </label>
      <label>
        To (exclusive)
        <input id="metric-to" type="date" value={query.to} onChange={(event) => onChange({ ...query, to: event.currentTarget.value })} />
      </label>
    </form>
  );
}

function MetricResult({ answer, query, indicatorFields }: { answer: MetricAnswer; query: MetricQuery; indicatorFields: readonly string[] }) {
  const table = useMemo(() => tableOf(answer.rows), [answer]);
  const plottable = table.columns.filter((column, index) => !column.startsWith('group.') && table.rows.some((row) => typeof row[index] === 'number'));
  const [field, setField] = useState<string | undefined>();
  const chosen = field !== undefined && plottable.includes(field) ? field : (indicatorFields.find((name) => plottable.includes(name)) ?? plottable[0]);
  const spec = useMemo(() => chosen && chartOf(answer, table, chosen, query.groupBy), [answer, table, chosen, query.groupBy]);
  if (answer.rows.length === 0) return <p>No rows: nothing was recorded for this range by then.</p>;
  return (
    <>
      <p>
        {answer.rows.length} row(s) as of position {answer.asOf.position ?? 'none (before anything was recorded)'}.{' '}
        <button type="button" onClick={() => saveCsv(csvFileName(query), csvOf(table.columns, table.rows))}>
          Download CSV
        </button>
      </p>
      {spec && chosen && (
        <figure class="metric-chart">
          <figcaption>
            <label>
              Chart of
              <select id="metric-field" value={chosen} onChange={(event) => setField(event.currentTarget.value)}>
                {plottable.map((column) => (
                  <option key={column} value={column}>
                    {column}
                  </option>
                ))}
              </select>
            </label>
          </figcaption>
          <Chart spec={spec} summary={`${chosen} per ${query.groupBy || 'whole range'}, ${answer.rows.length} row(s); the values are in the table below`} />
        </figure>
      )}
      <ResultTable table={table} />
    </>
  );
}

/** Periods on a time axis with a point per period; anything else one bar per group. */
function chartOf(answer: MetricAnswer, table: MetricTable, field: string, groupBy: string): ChartSpec {
  const column = table.columns.indexOf(field);
  const values = table.rows.map((row) => (typeof row[column] === 'number' ? (row[column] as number) : null));
  if (PERIODS.includes(groupBy)) {
    const xs = answer.rows.map((row) => Date.parse(String((row['group'] as { period: string }).period)) / 1000);
    return { xs, lines: [{ label: field, values, kind: 'points' }] };
  }
  return { xs: values.map((_value, index) => index), categories: answer.rows.map(groupLabelOf), lines: [{ label: field, values, kind: 'bars' }] };
}

function ResultTable({ table }: { table: MetricTable }) {
  return (
    <div class="table-scroll" role="region" aria-label="Metric rows" tabIndex={0}>
      <table class="metric-table">
        <caption class="visually-hidden">The metric's rows, one per group</caption>
        <thead>
          <tr>
            {table.columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row, index) => (
            <tr key={index}>
              {row.map((cell, column) => (
                <td key={column} data-value={cell ?? ''} class={typeof cell === 'number' ? 'number' : undefined}>
                  {shownCell(cell)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Fractions to four decimals on screen; the CSV and `data-value` keep every digit the API gave. */
function shownCell(cell: Cell): string {
  if (cell === null) return '—';
  if (typeof cell === 'number' && !Number.isInteger(cell)) return String(Math.round(cell * 10_000) / 10_000);
  return String(cell);
}

function csvFileName({ route, groupBy, from, to }: MetricQuery): string {
  const parts = [route.replace('/metrics/', '').replaceAll('/', '-'), groupBy || 'all', from, to].filter(Boolean);
  return `${parts.join('_')}.csv`;
}

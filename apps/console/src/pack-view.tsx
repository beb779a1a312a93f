import { getJson } from './api.js';
import { formatDeviation, formatMoment, formatValue } from './format.js';
import { useLoad } from './load.js';
import { PackTrends } from './pack-trends.js';
import { Status } from './status.js';
import type { ComparedIndicator, MetricsPack, PackIndicator } from './types.js';

/** A meeting's metrics pack as recorded, beside the same periods as known now (or at the moment travelled to). */
export function PackView({ meetingId, asOf }: { meetingId: string; asOf: string | undefined }) {
  const pack = useLoad(
    () => getJson<MetricsPack>(`/council/meetings/${encodeURIComponent(meetingId)}/pack`, { compare: 'now', asOf }),
    [meetingId, asOf],
  );
  return (
    <section aria-labelledby="pack-title">
      <h2 id="pack-title">Metrics pack of {meetingId}</h2>
      <Status loaded={pack}>
        {(value) => (
          <>
            <PackTiles pack={value} asOf={asOf} />
            <PackTrends pack={value} />
          </>
        )}
      </Status>
    </section>
  );
}

function PackTiles({ pack, asOf }: { pack: MetricsPack; asOf: string | undefined }) {
  const known = new Map((pack.now?.indicators ?? []).map((indicator) => [indicator.indicator, indicator]));
  const knownLabel = asOf === undefined ? 'As known now' : `As known at ${formatMoment(asOf)}`;
  return (
    <>
      <p>
        Week {pack.periods.current.from} to {pack.periods.current.to} (exclusive), recorded {formatMoment(pack.recordedAt)} at
        position {pack.then.asOf.position}.
      </p>
      <ul class="tiles">
        {pack.then.indicators.map((indicator) => (
          <Tile key={indicator.indicator} recorded={indicator} known={known.get(indicator.indicator)} knownLabel={knownLabel} />
        ))}
      </ul>
    </>
  );
}

function Tile({ recorded, known, knownLabel }: { recorded: PackIndicator; known: ComparedIndicator | undefined; knownLabel: string }) {
  const { current, unit, target } = recorded;
  const differs = known !== undefined && (known.changes.length > 0 || known.current.value !== current.value);
  const standing = current.onTarget === null ? 'no-target' : current.onTarget ? 'on-target' : 'off-target';
  return (
    <li class={`tile ${standing}${differs ? ' differs' : ''}`} data-indicator={recorded.indicator}>
      <h3>{recorded.indicator}</h3>
      <p class="value">
        <span class="visually-hidden">Recorded value: </span>
        <span data-testid="recorded" data-value={current.value ?? ''}>
          {formatValue(current.value, unit)}
        </span>
      </p>
      <dl>
        <dt>Target</dt>
        <dd>{target === null ? 'none' : formatValue(target, unit)}</dd>
        <dt>Deviation</dt>
        <dd data-testid="deviation">
          {formatDeviation(current.deviation, unit) || '—'} {standingText(standing)}
        </dd>
        <dt>Sample</dt>
        <dd data-testid="sample" data-value={current.sample ?? ''}>
          {sampleText(current.sample, recorded.sampleOf)}
        </dd>
        <dt>Week before</dt>
        <dd>{formatValue(recorded.previous.value, unit)}</dd>
        {known && (
          <>
            <dt>{knownLabel}</dt>
            <dd data-testid="known" data-value={known.current.value ?? ''}>
              {formatValue(known.current.value, unit)}
              {known.current.sample !== null && ` (${sampleText(known.current.sample, known.sampleOf)})`}
              {differs && <strong class="difference"> differs: {known.changes.join(', ') || 'value'}</strong>}
            </dd>
          </>
        )}
      </dl>
    </li>
  );
}

function sampleText(sample: number | null, sampleOf: string | null): string {
  return sample === null ? 'not recorded' : `${sample.toLocaleString('en')} ${sampleOf ?? ''}`.trim();
}

function standingText(standing: 'no-target' | 'on-target' | 'off-target'): string {
  return { 'no-target': '', 'on-target': '(meets target)', 'off-target': '(misses target)' }[standing];
}

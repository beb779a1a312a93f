import { useEffect, useState } from 'preact/hooks';
import { formatMoment } from './format.js';

const HOUR_MS = 3_600_000;
/** How near a snap point the slider must come to land on it, as a share of the whole history. */
const SNAP_SHARE = 0.015;

interface TimeTravelProps {
  /** When the log's first event was recorded. */
  readonly start: string;
  /** The moments the council met (each meeting's opening, when its pack was recorded), earliest first. */
  readonly meetingMoments: readonly string[];
  readonly asOf: string | undefined;
  /** Undefined: back to now. */
  readonly onMove: (asOf: string | undefined) => void;
}

/**
 * A slider over the log's history, from its first event to now, snapping to the meetings and to month
 * ends; `[`/`]` and PageDown/PageUp step from meeting to meeting.
 */
export function TimeTravel({ start, meetingMoments, asOf, onMove }: TimeTravelProps) {
  const [now] = useState(() => Date.now());
  const from = Date.parse(start);
  const committed = asOf === undefined ? now : Date.parse(asOf);
  const [draft, setDraft] = useState(committed);
  useEffect(() => setDraft(committed), [committed]);

  const snaps = [...meetingMoments.map(Date.parse), ...monthEnds(from, now)].sort((a, b) => a - b);
  const move = (moment: number) => onMove(moment >= now ? undefined : new Date(moment).toISOString());
  const stepMeeting = (direction: 1 | -1) => {
    const meetings = meetingMoments.map(Date.parse);
    const next = direction === 1 ? meetings.find((moment) => moment > committed) : meetings.findLast((moment) => moment < committed);
    if (next !== undefined) move(next);
    else if (direction === 1) move(now);
  };
  useMeetingKeys(stepMeeting);

  const snapped = (value: number) => nearest(snaps, value, (now - from) * SNAP_SHARE) ?? value;
  return (
    <section class="time-travel" aria-label="Time travel">
      <label for="as-of">As known at</label>
      <input
        id="as-of"
        type="range"
        min={from}
        max={now}
        step={HOUR_MS}
        value={draft}
        aria-valuetext={draft >= now ? 'now' : formatMoment(new Date(draft).toISOString())}
        onInput={(event) => setDraft(snapped(Number(event.currentTarget.value)))}
        onChange={() => move(draft)}
        onKeyDown={(event) => {
          const direction = meetingStepOf(event.key);
          if (direction === undefined) return;
          event.preventDefault();
          stepMeeting(direction);
        }}
      />
      <output for="as-of" data-testid="moment">
        {draft >= now ? 'now' : formatMoment(new Date(draft).toISOString())}
      </output>
      <button type="button" disabled={asOf === undefined} onClick={() => onMove(undefined)}>
        Now
      </button>
      <p class="hint">Keys: [ and ] (or PageDown and PageUp on the slider) step from meeting to meeting.</p>
    </section>
  );
}

function meetingStepOf(key: string): 1 | -1 | undefined {
  if (key === ']' || key === 'PageUp') return 1;
  if (key === '[' || key === 'PageDown') return -1;
  return undefined;
}

/** `[` and `]` anywhere but in a text field. */
function useMeetingKeys(step: (direction: 1 | -1) => void): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (target?.tagName === 'INPUT' || target?.tagName === 'TEXTAREA') return;
      if (event.key === ']' || event.key === '[') step(event.key === ']' ? 1 : -1);
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  });
}

/** The last millisecond of each month between the two moments. */
function monthEnds(from: number, to: number): number[] {
  const ends: number[] = [];
  const month = new Date(from);
  for (let next = Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + 1); next <= to; ) {
    ends.push(next - 1);
    const at = new Date(next);
    next = Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1);
  }
  return ends;
}

function nearest(points: readonly number[], value: number, within: number): number | undefined {
  let best: number | undefined;
  for (const point of points) {
    if (Math.abs(point - value) <= within && (best === undefined || Math.abs(point - value) < Math.abs(best - value))) best = point;
  }
  return best;
}

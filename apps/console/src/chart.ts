import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/** Loaded only when a chart is drawn, so the first load of the console stays small. */

interface ChartLine {
  readonly label: string;
  readonly values: readonly (number | null)[];
  /** `points`: a value per period, gaps where none; `bars`: one bar per category; `target`: a dashed level. */
  readonly kind: 'points' | 'bars' | 'target';
}

export interface ChartSpec {
  /** Seconds since the epoch of each period's first day, or the index of each category. */
  readonly xs: readonly number[];
  /** Categories: the names the x axis shows; absent: the xs are times. */
  readonly categories?: readonly string[];
  readonly lines: readonly ChartLine[];
}

const HEIGHT = 240;
const FALLBACK_WIDTH = 640;
const COLOURS = { points: '#0b4f8a', bars: '#0b4f8a', target: '#b3261e' } as const;

/** Draws the chart into the element; the answer removes it again. */
export function drawChart(into: HTMLElement, spec: ChartSpec): () => void {
  const options: uPlot.Options = {
    width: into.clientWidth || FALLBACK_WIDTH,
    height: HEIGHT,
    // The view names what is drawn beside the chart, and the table or a summary gives the values.
    legend: { show: false },
    cursor: { show: false },
    scales: { x: spec.categories ? { time: false, range: (_chart, min, max) => [min - 0.5, max + 0.5] } : { time: true } },
    axes: [xAxisOf(spec), { stroke: '#1b1b1b' }],
    series: [{}, ...spec.lines.map(seriesOf)],
  };
  const chart = new uPlot(options, [[...spec.xs], ...spec.lines.map((line) => [...line.values])] as uPlot.AlignedData, into);
  return () => chart.destroy();
}

function xAxisOf({ xs, categories }: ChartSpec): uPlot.Axis {
  if (!categories) return { stroke: '#1b1b1b' };
  return { stroke: '#1b1b1b', splits: () => [...xs], values: (_chart, splits) => splits.map((split) => categories[split] ?? '') };
}

function seriesOf(line: ChartLine): uPlot.Series {
  const stroke = COLOURS[line.kind];
  if (line.kind === 'target') return { label: line.label, stroke, dash: [6, 4], width: 2, points: { show: false } };
  if (line.kind === 'bars') {
    return { label: line.label, stroke, fill: '#9ec5e8', paths: uPlot.paths.bars!({ size: [0.6, 64] }), points: { show: false } };
  }
  return { label: line.label, stroke, width: 2, points: { show: true, size: 7, fill: stroke } };
}

import { useEffect, useRef } from 'preact/hooks';
import type { ChartSpec } from './chart.js';

/**
 * A chart drawn by the chart module, fetched the first time one is shown. A canvas says nothing to a
 * screen reader, so the element is an image named by `summary`; `points` is how many values it plots.
 */
export function Chart({ spec, summary }: { spec: ChartSpec; summary: string }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let shown = true;
    let remove: (() => void) | undefined;
    void import('./chart.js').then(({ drawChart }) => {
      if (shown && box.current) remove = drawChart(box.current, spec);
    });
    return () => {
      shown = false;
      remove?.();
    };
  }, [spec]);
  const points = spec.lines.filter((line) => line.kind !== 'target').flatMap((line) => line.values.filter((value) => value !== null)).length;
  return <div ref={box} class="chart" role="img" aria-label={summary} data-points={points} />;
}

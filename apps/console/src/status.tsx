import type { ComponentChildren } from 'preact';
import type { Loaded } from './load.js';

/** The loaded value, or what stands for it while loading or after a refusal. */
export function Status<T>({ loaded, children }: { loaded: Loaded<T>; children: (value: T) => ComponentChildren }) {
  if (loaded.state === 'loading') return <p aria-busy="true">Loading…</p>;
  if (loaded.state === 'failed') {
    return (
      <p class="problem" role="alert">
        {loaded.problem.message} <span class="code">({loaded.problem.code})</span>
      </p>
    );
  }
  return <>{children(loaded.value)}</>;
}

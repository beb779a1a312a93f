import type { ComponentChildren } from 'preact';
import type { ApiProblem } from './api.js';
import type { Loaded } from './load.js';

/** A refusal or a failure, as every view shows it. */
export function ProblemNote({ problem }: { problem: ApiProblem }) {
  return (
    <p class="problem" role="alert">
      {problem.message} <span class="code">({problem.code})</span>
    </p>
  );
}

/** The loaded value, or what stands for it while loading or after a refusal. */
export function Status<T>({ loaded, children }: { loaded: Loaded<T>; children: (value: T) => ComponentChildren }) {
  if (loaded.state === 'loading') return <p aria-busy="true">Loading…</p>;
  if (loaded.state === 'failed') return <ProblemNote problem={loaded.problem} />;
  return <>{children(loaded.value)}</>;
}

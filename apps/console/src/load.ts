import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiProblem } from './api.js';

export type Loaded<T> =
  | { readonly state: 'loading' }
  | { readonly state: 'failed'; readonly problem: ApiProblem }
  | { readonly state: 'loaded'; readonly value: T };

/** Loads again whenever one of the keys changes; an answer to an earlier key is dropped. */
export function useLoad<T>(load: () => Promise<T>, keys: readonly unknown[]): Loaded<T> {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'loading' });
  useEffect(() => {
    let current = true;
    setLoaded({ state: 'loading' });
    load().then(
      (value) => current && setLoaded({ state: 'loaded', value }),
      (error: unknown) => current && setLoaded({ state: 'failed', problem: asProblem(error) }),
    );
    return () => {
      current = false;
    };
  }, keys);
  return loaded;
}

export function asProblem(error: unknown): ApiProblem {
  return error instanceof ApiProblem ? error : new ApiProblem(0, 'NETWORK', error instanceof Error ? error.message : String(error));
}

/** One page of a list, and where the next starts; null after the last. */
export interface ListPage<T, C> {
  readonly items: readonly T[];
  readonly next: C | null;
}

export interface Pages<T> {
  readonly items: readonly T[];
  readonly loading: boolean;
  readonly problem?: ApiProblem;
  /** Whether a next page exists and none is loading. */
  readonly hasMore: boolean;
  /** Loads the next page, if there is one and none is loading. */
  readonly more: () => void;
}

interface PagesState<T, C> {
  readonly items: readonly T[];
  readonly next: C | null;
  readonly loading: boolean;
  readonly problem?: ApiProblem;
}

/**
 * A list read page by page: the first page again whenever one of the keys changes, the next on `more`.
 * A page answered for earlier keys is dropped; a failed page can be asked for again.
 */
export function usePages<T, C>(page: (cursor: C | undefined) => Promise<ListPage<T, C>>, keys: readonly unknown[]): Pages<T> {
  const [state, setState] = useState<PagesState<T, C>>({ items: [], next: null, loading: true });
  const generation = useRef(0);
  const load = (cursor: C | undefined, earlier: readonly T[]) => {
    const current = generation.current;
    setState({ items: earlier, next: null, loading: true });
    page(cursor).then(
      (answer) => current === generation.current && setState({ items: [...earlier, ...answer.items], next: answer.next, loading: false }),
      (error: unknown) => current === generation.current && setState({ items: earlier, next: cursor ?? null, loading: false, problem: asProblem(error) }),
    );
  };
  useEffect(() => {
    generation.current += 1;
    load(undefined, []);
  }, keys);
  const hasMore = state.next !== null && !state.loading;
  return { items: state.items, loading: state.loading, problem: state.problem, hasMore, more: () => hasMore && load(state.next!, state.items) };
}

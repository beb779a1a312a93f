/** A store under contract test, and how to dispose of what the test created. */
export interface StoreFixture<S> {
  readonly store: S;
  cleanup(): Promise<void>;
}

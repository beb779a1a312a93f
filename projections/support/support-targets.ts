/**
 * The targets of the seven support indicators. Durations are in seconds and shares are fractions, as
 * the report gives its figures, so that each figure can be read beside its target.
 */
export interface SupportTargets {
  /** Mean time from opening to the first response. */
  readonly firstResponseSeconds: number;
  /** Mean time from opening to the resolution. */
  readonly resolutionSeconds: number;
  /** Share of rated tickets rated "excellent" (5): at least this. */
  readonly excellentShare: number;
  /** Tickets opened per calendar day. */
  readonly contactsPerDay: number;
  /** Share of tickets that repeat an earlier contact on the same problem: at most this. */
  readonly repeatContactShare: number;
  /** Share of tickets closed: at least this. */
  readonly closedShare: number;
  /** Share of tickets escalated to a higher line: at most this. */
  readonly escalationShare: number;
}

/** The targets the support desk was set up with; configuration may change each of them. */
export const DEFAULT_SUPPORT_TARGETS: SupportTargets = {
  firstResponseSeconds: 120,
  resolutionSeconds: 4 * 60 * 60,
  excellentShare: 0.9,
  contactsPerDay: 100,
  repeatContactShare: 0.05,
  closedShare: 0.95,
  escalationShare: 0.02,
};

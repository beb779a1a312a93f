import { DomainRuleError, type Decider } from '#kernel';
import { validAdoptMotivationRuleVersion, type AdoptMotivationRuleVersion, type MotivationRuleCommand } from './motivation.commands.js';
import { MOTIVATION_RULE_VERSION_ADOPTED, type MotivationRuleEvent, type MotivationRuleVersionAdoptedData } from './motivation.events.js';

/** The company's motivation rule: every version adopted, oldest first. */
export interface MotivationRuleState {
  readonly versions: readonly MotivationRuleVersionAdoptedData[];
}

export type MotivationRuleDecider = Decider<MotivationRuleCommand, MotivationRuleEvent, MotivationRuleState>;

/**
 * The motivation rule. Each version is adopted on an adopted council decision (`DECISION_NOT_ADOPTED`),
 * one version per decision (`DECISION_ALREADY_USED`), and takes effect from a month after the previous
 * version's (`RULE_VERSION_OUT_OF_ORDER`) that the ledger has not closed (`MONTH_CLOSED`): a closed
 * month keeps the version its statements name.
 */
export const motivationRuleDecider: MotivationRuleDecider = {
  initialState: () => ({ versions: [] }),

  decide(command, state) {
    return adopt(validAdoptMotivationRuleVersion(command), state);
  },

  evolve(state, event) {
    return { versions: [...state.versions, event.data] };
  },
};

function adopt(command: AdoptMotivationRuleVersion, state: MotivationRuleState): MotivationRuleEvent[] {
  const { decision, effectiveFrom, lastClosedMonth, weights, attainmentCap, bands, coefficientWithoutData, at } = command;
  if (decision.outcome !== 'adopted') {
    throw new DomainRuleError('DECISION_NOT_ADOPTED', 'a rule version is adopted on an adopted decision only', { decisionId: decision.decisionId });
  }
  if (state.versions.some((version) => version.decisionId === decision.decisionId)) {
    throw new DomainRuleError('DECISION_ALREADY_USED', `decision ${decision.decisionId} adopted a rule version already`, { decisionId: decision.decisionId });
  }
  const latest = state.versions.at(-1);
  if (latest !== undefined && effectiveFrom <= latest.effectiveFrom) {
    throw new DomainRuleError('RULE_VERSION_OUT_OF_ORDER', `version ${latest.version} takes effect from ${latest.effectiveFrom}: a new version takes effect later`, {
      effectiveFrom: latest.effectiveFrom,
    });
  }
  if (lastClosedMonth !== null && effectiveFrom <= lastClosedMonth) {
    throw new DomainRuleError('MONTH_CLOSED', `${effectiveFrom} is closed: its statements keep their rule version`, { lastClosedMonth });
  }
  const version = (latest?.version ?? 0) + 1;
  return [
    {
      type: MOTIVATION_RULE_VERSION_ADOPTED,
      data: { version, decisionId: decision.decisionId, effectiveFrom, weights, attainmentCap, bands, coefficientWithoutData, adoptedAt: at },
    },
  ];
}

/** The version that computes a month's statements: the last one taking effect by then. */
export function ruleVersionFor(rule: MotivationRuleState, month: string): MotivationRuleVersionAdoptedData | undefined {
  return rule.versions.filter((version) => version.effectiveFrom <= month).at(-1);
}

import { DomainRuleError, NotFoundError, ValidationError, type Decider } from '#kernel';

/** A minimal aggregate for testing the kernel: a tally that is opened, counted up and closed. */
export type TallyCommand =
  | { type: 'OpenTally'; tallyId: string; name: string }
  | { type: 'CountUp'; tallyId: string; by: number }
  | { type: 'CloseTally'; tallyId: string };

export type TallyEvent =
  | { type: 'TallyOpened'; data: { tallyId: string; name: string } }
  | { type: 'CountedUp'; data: { tallyId: string; by: number; total: number } }
  | { type: 'TallyClosed'; data: { tallyId: string; total: number } };

export type TallyState =
  | { status: 'absent' }
  | { status: 'open' | 'closed'; total: number };

export const tally: Decider<TallyCommand, TallyEvent, TallyState> = {
  initialState: () => ({ status: 'absent' }),

  decide(command, state) {
    switch (command.type) {
      case 'OpenTally':
        if (state.status !== 'absent') throw new DomainRuleError('TALLY_EXISTS', 'the tally is already open');
        return [{ type: 'TallyOpened', data: { tallyId: command.tallyId, name: command.name } }];
      case 'CountUp': {
        if (state.status === 'absent') throw new NotFoundError('tally', command.tallyId);
        if (state.status === 'closed') throw new DomainRuleError('TALLY_CLOSED', 'a closed tally does not count');
        if (!Number.isInteger(command.by) || command.by < 1) {
          throw new ValidationError('by must be a positive integer', [{ field: 'by', message: 'must be >= 1' }]);
        }
        return [{ type: 'CountedUp', data: { tallyId: command.tallyId, by: command.by, total: state.total + command.by } }];
      }
      case 'CloseTally':
        if (state.status === 'absent') throw new NotFoundError('tally', command.tallyId);
        if (state.status === 'closed') return [];
        return [{ type: 'TallyClosed', data: { tallyId: command.tallyId, total: state.total } }];
    }
  },

  evolve(_state, event) {
    switch (event.type) {
      case 'TallyOpened':
        return { status: 'open', total: 0 };
      case 'CountedUp':
        return { status: 'open', total: event.data.total };
      case 'TallyClosed':
        return { status: 'closed', total: event.data.total };
    }
  },
};

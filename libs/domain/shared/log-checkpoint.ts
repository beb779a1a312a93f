import { integer, patterned } from './fields.schemas.js';

/**
 * The ledger's tree over the log up to some event: its size and root hash (base64), as a checkpoint
 * states them. Recorded with what was read from the log (the minutes of a meeting, the statements of a
 * month), it lets anyone later prove that the log it covered was not rewritten since (a consistency
 * proof to any later checkpoint) and that an event is in it (an inclusion proof).
 */
export interface LogCheckpoint {
  readonly treeSize: number;
  readonly rootHash: string;
}

/** The JSON Schema fields of a `LogCheckpoint`, for the events that record one. */
export const LOG_CHECKPOINT_FIELDS = {
  treeSize: integer(0, 16670),
  rootHash: patterned('^[A-Za-z0-9+/]{43}=$', 'CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I='),
};

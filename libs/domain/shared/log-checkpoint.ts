import { integer, patterned } from './fields.schemas.js';
import { invalid, requireNumber, requireRecord } from './validation.js';

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

/** A log position as events record it: the decimal text of a whole number. */
export const LOG_POSITION = /^[0-9]{1,20}$/;
const ROOT_HASH = /^[A-Za-z0-9+/]{43}=$/;

/** The JSON Schema of a log position, for the events that record one. */
export const LOG_POSITION_SCHEMA = patterned(LOG_POSITION.source, '1042');

/** The JSON Schema fields of a `LogCheckpoint`, for the events that record one. */
export const LOG_CHECKPOINT_FIELDS = {
  treeSize: integer(0, 16670),
  rootHash: patterned(ROOT_HASH.source, 'CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I='),
};

export function requireLogPosition(value: unknown, field: string): string {
  if (typeof value !== 'string' || !LOG_POSITION.test(value)) throw invalid(field, 'must be a position: a whole number as a decimal string');
  return value;
}

/**
 * A checkpoint the command service read from the ledger, checked by the decider all the same: the
 * event keeps it forever, and a proof against it must be possible.
 */
export function validLogCheckpoint(value: unknown, field: string): LogCheckpoint {
  const checkpoint = requireRecord(value, field, '{ treeSize, rootHash }');
  const treeSize = requireNumber(checkpoint.treeSize, `${field}.treeSize`, { whole: true, atLeast: 0 });
  const rootHash = checkpoint.rootHash;
  if (typeof rootHash !== 'string' || !ROOT_HASH.test(rootHash)) throw invalid(`${field}.rootHash`, 'must be the base64 of a SHA-256 digest');
  return { treeSize, rootHash };
}

import {
  verifyLedger,
  type LeafRangeCheck,
  type Ledger,
  type Position,
  type VerificationProgress,
  type VerificationReport,
} from '#kernel';
import { NoteError, openCheckpoint, toBase64, type Checkpoint, type NoteVerifierKey } from '#ledger';
import { ProgressBar } from '../progress.js';

/** The exit codes of `verify`: intact, tampered, or unable to tell. */
export const VERIFY_EXIT = { intact: 0, tampered: 1, error: 2 } as const;

/** A trusted checkpoint that cannot be used: the verification cannot say anything about the log. */
export class UnusableCheckpointError extends Error {
  readonly exitCode = VERIFY_EXIT.error;
}

export interface VerifyCommand {
  readonly ledger: Ledger;
  /** Where the leaves are recomputed: worker threads where there are compiled ones. */
  readonly checkLeaves?: LeafRangeCheck;
  readonly key: NoteVerifierKey;
  /** The text of a checkpoint kept outside the system: its note, or the JSON `GET /ledger/checkpoint` answers. */
  readonly trustedCheckpoint?: string;
  readonly from?: Position;
  readonly progress?: (progress: VerificationProgress) => void;
  readonly signal?: AbortSignal;
}

/**
 * Opens a trusted checkpoint with the log's key. A saved `GET /ledger/checkpoint` answer is read for
 * its `note`, so that whatever an auditor saved works as it is.
 */
export function trustedCheckpointOf(text: string, key: NoteVerifierKey): Checkpoint {
  let note = text;
  if (text.trimStart().startsWith('{')) {
    try {
      note = String((JSON.parse(text) as { note?: unknown }).note ?? '');
    } catch {
      throw new UnusableCheckpointError('the checkpoint file is neither a signed note nor the JSON of GET /ledger/checkpoint');
    }
  }
  try {
    return openCheckpoint(note, key);
  } catch (error) {
    if (error instanceof NoteError) throw new UnusableCheckpointError(`the trusted checkpoint does not verify with the log's key ${key.name}: ${error.message}`);
    throw error;
  }
}

/** Runs a verification and prints its outcome; answers the exit code. */
export async function runVerify(command: VerifyCommand, print: (line: string) => void): Promise<number> {
  const trusted = command.trustedCheckpoint === undefined ? undefined : trustedCheckpointOf(command.trustedCheckpoint, command.key);
  const report = await verifyLedger(command.ledger, {
    key: command.key,
    ...(trusted ? { trusted } : {}),
    ...(command.from !== undefined ? { from: command.from } : {}),
    ...(command.progress ? { onProgress: command.progress } : {}),
    ...(command.signal ? { signal: command.signal } : {}),
    ...(command.checkLeaves ? { checkLeaves: command.checkLeaves } : {}),
  });
  for (const line of describeReport(report)) print(line);
  return report.intact ? VERIFY_EXIT.intact : VERIFY_EXIT.tampered;
}

export function describeReport(report: VerificationReport): string[] {
  const scope = report.fromIndex > 0 ? `leaves ${report.fromIndex} to ${report.treeSize - 1}` : `${report.eventsChecked} events`;
  if (report.tampering) {
    const { kind, position, detail } = report.tampering;
    return [`TAMPERED at position ${position ?? '(before the first event)'}: ${kind}`, `  ${detail}`, `  (checked ${report.eventsChecked} events before it)`];
  }
  const trusted = report.trustedCheckpoint
    ? `; the trusted checkpoint of tree size ${report.trustedCheckpoint.treeSize} (root ${toBase64(report.trustedCheckpoint.rootHash)}) holds`
    : '';
  return [`INTACT: ${scope} recomputed, tree size ${report.treeSize}, ${report.checkpointsChecked} signed checkpoints checked${trusted}`];
}

/** Verification with a progress bar on a terminal. */
export async function verifyWithProgress(command: Omit<VerifyCommand, 'progress'>, print: (line: string) => void): Promise<number> {
  const bar = new ProgressBar('verify', 'events');
  try {
    return await runVerify({ ...command, progress: ({ checked, total }) => bar.update(checked, total) }, print);
  } finally {
    bar.stop();
  }
}

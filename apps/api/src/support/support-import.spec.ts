import { DomainRuleError, type CommandResult, type DomainEvent, type SequencedOutcome } from '#kernel';
import { importedTicketId } from '#domain/support/index.js';
import { importLines, type SupportImportLine } from './support-import.js';

const at = (minute: number) => `2026-03-02T09:${String(minute).padStart(2, '0')}:00Z`;
const opened = (externalId: string, clientId: string, minute: number) => ({ externalId, event: 'opened', occurredAt: at(minute), clientId, channel: 'chat', topic: 'Login' });
const responded = (externalId: string, minute: number) => ({ externalId, event: 'first-response', occurredAt: at(minute), employeeId: 'agent-7' });
const closed = (externalId: string, minute: number) => ({ externalId, event: 'closed', occurredAt: at(minute) });

function appended(events: number, replayed = false): SequencedOutcome<DomainEvent> {
  const result: CommandResult = { streamId: 'ticket', revision: 0, position: 1n, events: Array.from({ length: events }, () => ({ type: 'Some', data: {}, eventId: 'e' })), replayed };
  return { result };
}

/** Records the runs it is given, answering each line as `answer` says. */
function recordingRuns(answer: (line: SupportImportLine) => SequencedOutcome<DomainEvent> = () => appended(1)) {
  const runs: string[][] = [];
  const runTicket = async (lines: readonly SupportImportLine[]) => {
    runs.push(lines.map((line) => `${line.externalId} ${line.event}`));
    return lines.map(answer);
  };
  return { runs, runTicket };
}

const fileOf = (...lines: readonly (object | string)[]) => lines.map((line) => (typeof line === 'string' ? line : JSON.stringify(line))).join('\n');

describe('importLines', () => {
  it("hands a ticket's consecutive lines over as one run, starting a new run at an opening and at another ticket", async () => {
    const { runs, runTicket } = recordingRuns();
    const file = fileOf(
      opened('HD-1', 'client-1', 0),
      responded('HD-1', 1),
      closed('HD-1', 2),
      opened('HD-1', 'client-1', 3),
      closed('HD-1', 4),
      opened('HD-2', 'client-1', 5),
      responded('HD-2', 6),
      closed('HD-1', 7),
      responded('HD-3', 8),
      closed('HD-3', 9),
    );

    await importLines(file, runTicket, 'req-1');

    expect(runs).toEqual(
      expect.arrayContaining([
        ['HD-1 opened', 'HD-1 first-response', 'HD-1 closed'],
        ['HD-1 opened', 'HD-1 closed'],
        ['HD-2 opened', 'HD-2 first-response'],
        ['HD-1 closed'],
        ['HD-3 first-response', 'HD-3 closed'],
      ]),
    );
    expect(runs).toHaveLength(5);
    // One client's lines keep their order: the runs of HD-1 and HD-2 are taken as the file has them.
    const contactRuns = runs.filter((run) => !run[0]!.startsWith('HD-3'));
    expect(contactRuns.map((run) => run[0])).toEqual(['HD-1 opened', 'HD-1 opened', 'HD-2 opened', 'HD-1 closed']);
  });

  it('keeps a line whose own fields are bad out of its run, and reports every line in file order', async () => {
    const { runs, runTicket } = recordingRuns((line) =>
      line.event === 'first-response' ? { refusal: new DomainRuleError('FIRST_RESPONSE_GIVEN', 'given') } : appended(line.event === 'closed' ? 0 : 1),
    );
    const file = fileOf(opened('HD-1', 'client-1', 0), { externalId: 'HD-1', event: 'merged', occurredAt: at(1) }, responded('HD-1', 2), '', closed('HD-1', 3));

    const report = await importLines(file, runTicket, 'req-1');

    expect(runs).toEqual([['HD-1 opened', 'HD-1 first-response', 'HD-1 closed']]);
    const ticketId = importedTicketId('HD-1');
    expect(report.accepted).toEqual([
      { line: 1, externalId: 'HD-1', event: 'opened', ticketId, duplicate: false },
      { line: 5, externalId: 'HD-1', event: 'closed', ticketId, duplicate: true },
    ]);
    expect(report.rejected.map(({ line, event, problem }) => [line, event, problem.code])).toEqual([
      [2, 'merged', 'VALIDATION_FAILED'],
      [3, 'first-response', 'FIRST_RESPONSE_GIVEN'],
    ]);
  });

  it('counts a line that found what it appended before as a duplicate', async () => {
    const { runTicket } = recordingRuns(() => appended(1, true));
    const report = await importLines(fileOf(opened('HD-1', 'client-1', 0)), runTicket, 'req-1');
    expect(report.accepted).toEqual([expect.objectContaining({ line: 1, duplicate: true })]);
  });

  it('ends the import at an unexpected failure, taking no further run', async () => {
    const lines = Array.from({ length: 2000 }, (_, index) => opened(`HD-${index}`, `client-${index}`, index % 60));
    let taken = 0;
    const runTicket = async (run: readonly SupportImportLine[]) => {
      taken += 1;
      await Promise.resolve();
      return run.map((): SequencedOutcome<DomainEvent> => ({ refusal: new TypeError('a defect') }));
    };

    await expect(importLines(fileOf(...lines), runTicket, 'req-1')).rejects.toBeInstanceOf(TypeError);
    expect(taken).toBeLessThan(lines.length);
  });
});

import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type {
  AssignSupportTicket,
  CloseSupportTicket,
  EscalateSupportTicket,
  GiveFirstResponse,
  OpenSupportTicket,
  RateSupportTicket,
  ReopenSupportTicket,
  ResolveSupportTicket,
} from '#domain/support/index.js';
import { invalid, requireId, requireOneOf, requireUtcInstant } from '#domain/shared/validation.js';
import { importedTicketId, supportContactId } from '#domain/support/index.js';
import type { CommandResult, DomainEvent, SequencedOutcome } from '#kernel';
import type { RequestOf } from '../platform/command-requests.js';
import { isUnexpected, toProblem, type Problem } from '../platform/problem-details.js';
import { MAX_JSON_DEPTH, nestsDeeperThan } from '../platform/request-limits.js';

/*
 * The helpdesk import: a file of NDJSON lines, one ticket event each, named by the helpdesk's ticket id
 * and dated by the helpdesk's time. Each line is validated and decided on its own, like a request of
 * the route of its event, so that a bad line costs only itself.
 */

export const SUPPORT_IMPORT_CONTENT_TYPE = 'application/x-ndjson';

/** The most lines one import takes; a larger file is split by the caller. */
export const MAX_IMPORT_LINES = 50_000;

/** Room for the longest file of the most lines: a line holds at most a few texts of 2,000 characters. */
export const MAX_IMPORT_BYTES = 64 * 1024 * 1024;

export const SUPPORT_IMPORT_EVENTS = ['opened', 'assigned', 'first-response', 'escalated', 'resolved', 'reopened', 'closed', 'rated'] as const;
export type SupportImportEvent = (typeof SUPPORT_IMPORT_EVENTS)[number];

/** A line as the helpdesk writes it: the fields of the route of its event, with the time required. */
type ImportLineOf<E extends SupportImportEvent, R> = Omit<R, 'occurredAt'> & {
  readonly externalId: string;
  readonly event: E;
  readonly occurredAt: string;
};

export type SupportImportLine =
  | ImportLineOf<'opened', RequestOf<OpenSupportTicket, 'ticketId' | 'repeatOf' | 'externalId'>>
  | ImportLineOf<'assigned', RequestOf<AssignSupportTicket, 'ticketId'>>
  | ImportLineOf<'first-response', RequestOf<GiveFirstResponse, 'ticketId'>>
  | ImportLineOf<'escalated', RequestOf<EscalateSupportTicket, 'ticketId'>>
  | ImportLineOf<'resolved', RequestOf<ResolveSupportTicket, 'ticketId'>>
  | ImportLineOf<'reopened', RequestOf<ReopenSupportTicket, 'ticketId'>>
  | ImportLineOf<'closed', RequestOf<CloseSupportTicket, 'ticketId'>>
  | ImportLineOf<'rated', RequestOf<RateSupportTicket, 'ticketId'>>;

const COMMON_FIELDS = ['externalId', 'event', 'occurredAt'];

/** The fields of each event's line besides the common ones: any other is refused, as a request's would be. */
const EVENT_FIELDS: Readonly<Record<SupportImportEvent, readonly string[]>> = {
  opened: ['clientId', 'channel', 'topic', 'productId'],
  assigned: ['employeeId', 'line'],
  'first-response': ['employeeId'],
  escalated: ['toLine', 'reason'],
  resolved: ['employeeId'],
  reopened: ['reason'],
  closed: [],
  rated: ['score', 'comment'],
};

/** What became of one line that was taken. */
export interface ImportedLine {
  readonly line: number;
  readonly externalId: string;
  readonly event: SupportImportEvent;
  readonly ticketId: string;
  /** True when the line was taken before: nothing was appended for it now. */
  readonly duplicate: boolean;
}

/** A line refused, with the problem its request would have got; nothing was appended for it. */
export interface RejectedLine {
  readonly line: number;
  readonly externalId: string | null;
  readonly event: string | null;
  readonly problem: Pick<Problem, 'status' | 'code' | 'detail' | 'errors'>;
}

export interface SupportImportReport {
  readonly accepted: readonly ImportedLine[];
  readonly rejected: readonly RejectedLine[];
}

/** What became of each line of one ticket's run, in the run's order: its command's result, or its refusal. */
export type TicketRunOutcomes = readonly SequencedOutcome<DomainEvent>[];

/** Lets the import route take its file as text; the rest of the API takes JSON only. */
export function acceptImportFiles(fastify: FastifyInstance): void {
  fastify.addContentTypeParser(SUPPORT_IMPORT_CONTENT_TYPE, { parseAs: 'string', bodyLimit: MAX_IMPORT_BYTES }, (_request, body, done) => {
    done(null, body);
  });
}

/**
 * The text of an NDJSON body; any other body is refused. A full file takes minutes, during which the
 * connection carries no byte: it is given that long before it counts as idle, for this request only.
 */
export const ImportFile = createParamDecorator((_data: unknown, context: ExecutionContext): string => {
  const http = context.switchToHttp();
  const request = http.getRequest<FastifyRequest>();
  if (typeof request.body !== 'string') throw invalid('body', `must be ${SUPPORT_IMPORT_CONTENT_TYPE}: one JSON object per line`);
  giveTheImportTime(request, http.getResponse<FastifyReply>());
  return request.body;
});

/** How long an import's connection may carry no byte: far more than the largest file takes. */
const IMPORT_IDLE_TIMEOUT_MS = 30 * 60_000;

function giveTheImportTime(request: FastifyRequest, reply: FastifyReply): void {
  const { socket } = request.raw;
  const idleTimeout = socket.timeout ?? 0;
  socket.setTimeout(IMPORT_IDLE_TIMEOUT_MS);
  reply.raw.once('finish', () => socket.setTimeout(idleTimeout));
}

/**
 * How many lanes of a file run at once. Lines of different tickets and contacts do not wait for each
 * other's commits, so their appends share commits and the read models take them in batches. A day's
 * file of a busy desk holds a few hundred tickets: 256 lanes load the demo's two years of 100 a day
 * about 15 % faster than 32 did.
 */
const IMPORT_LANES = 256;

/** A line of the file, parsed once: undefined when it holds no JSON object. */
interface NumberedLine {
  readonly number: number;
  readonly raw: Record<string, unknown> | undefined;
}

/** A line whose own fields are valid, ready for its ticket's command. */
interface TakenLine extends NumberedLine {
  readonly line: SupportImportLine;
}

type LineReport = { readonly accepted: ImportedLine } | { readonly rejected: RejectedLine };

/**
 * Takes the lines of a file in lanes: every line of one ticket, and every opening of one client on
 * one topic, in file order, so that a ticket's events meet it in the order the helpdesk wrote them and
 * a repeat contact finds the ticket before it. Lanes run side by side. Within a lane, the lines of one
 * ticket that follow each other go to `runTicket` together, as a run that only its first line may
 * open; each line is still decided on its own. The report lists the lines in file order; blank lines
 * are skipped, and line numbers count every line.
 */
export async function importLines(
  file: string,
  runTicket: (lines: readonly SupportImportLine[]) => Promise<TicketRunOutcomes>,
  requestId: string,
): Promise<SupportImportReport> {
  const reports = new Map<number, LineReport>();
  // An unexpected failure ends the import as it ended the line: the other lanes take no further line.
  let failed = false;
  const refused = ({ number, raw }: NumberedLine, error: unknown): LineReport => {
    if (isUnexpected(error)) throw error;
    const { status, code, detail, errors } = toProblem(error, requestId);
    return { rejected: { line: number, externalId: textOf(raw?.externalId), event: textOf(raw?.event), problem: { status, code, detail, ...(errors ? { errors } : {}) } } };
  };
  const takeRun = async (run: readonly TakenLine[]) => {
    const outcomes = await runTicket(run.map(({ line }) => line));
    run.forEach((taken, index) => {
      const outcome = outcomes[index]!;
      reports.set(taken.number, 'refusal' in outcome ? refused(taken, outcome.refusal) : accepted(taken, outcome.result));
    });
  };
  const takeLane = async (lane: readonly NumberedLine[]) => {
    let run: TakenLine[] = [];
    for (const numbered of lane) {
      if (failed) return;
      let line: SupportImportLine;
      try {
        line = importLine(numbered.raw);
      } catch (error) {
        reports.set(numbered.number, refused(numbered, error));
        continue;
      }
      const last = run[run.length - 1];
      if (last !== undefined && (last.line.externalId !== line.externalId || line.event === 'opened')) {
        await takeRun(run);
        run = [];
      }
      run.push({ ...numbered, line });
    }
    if (run.length > 0 && !failed) await takeRun(run);
  };
  const lanes = [...lanesOf(numberedLines(file)).values()];
  const runLanes = async () => {
    for (let lane = lanes.shift(); lane !== undefined && !failed; lane = lanes.shift()) {
      try {
        await takeLane(lane);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: IMPORT_LANES }, runLanes));
  const inFileOrder = [...reports].sort(([a], [b]) => a - b).map(([, report]) => report);
  return {
    accepted: inFileOrder.flatMap((report) => ('accepted' in report ? [report.accepted] : [])),
    rejected: inFileOrder.flatMap((report) => ('rejected' in report ? [report.rejected] : [])),
  };
}

/** A taken line: a duplicate when it found what it appended before, or had nothing to add. */
function accepted({ number, line }: TakenLine, result: CommandResult): LineReport {
  const { externalId, event } = line;
  const duplicate = result.replayed || result.events.length === 0;
  return { accepted: { line: number, externalId, event, ticketId: importedTicketId(externalId), duplicate } };
}

/**
 * The lanes of a file: an opening joins the lane of its client and topic, and a ticket's later lines
 * follow its opening; a ticket opened in an earlier file has a lane of its own, and so has a line too
 * broken to name its ticket. A ticket keeps the lane of its first line, so its lines never overtake
 * each other.
 */
function lanesOf(lines: readonly NumberedLine[]): Map<string, NumberedLine[]> {
  const lanes = new Map<string, NumberedLine[]>();
  const laneOfTicket = new Map<string, string>();
  for (const line of lines) {
    const { raw } = line;
    const externalId = textOf(raw?.externalId);
    const contact = raw?.event === 'opened' && typeof raw.clientId === 'string' && typeof raw.topic === 'string' ? supportContactId(raw.clientId, raw.topic) : undefined;
    const known = externalId === null ? undefined : laneOfTicket.get(externalId);
    const lane = known ?? (contact !== undefined ? `contact:${contact}` : externalId === null ? `line:${line.number}` : `ticket:${externalId}`);
    if (externalId !== null && !laneOfTicket.has(externalId)) laneOfTicket.set(externalId, lane);
    (lanes.get(lane) ?? lanes.set(lane, []).get(lane)!).push(line);
  }
  return lanes;
}

function numberedLines(file: string): NumberedLine[] {
  const lines = file
    .split('\n')
    .map((text, index) => ({ number: index + 1, text: text.trim() }))
    .filter(({ text }) => text.length > 0);
  if (lines.length === 0) throw invalid('body', 'must hold at least one line');
  if (lines.length > MAX_IMPORT_LINES) throw invalid('body', `must hold at most ${MAX_IMPORT_LINES} lines`);
  return lines.map(({ number, text }) => ({ number, raw: parsedObject(text) }));
}

/** The object a line holds, or undefined; nested no deeper than any JSON body, as the API's parser requires. */
function parsedObject(text: string): Record<string, unknown> | undefined {
  if (nestsDeeperThan(text, MAX_JSON_DEPTH)) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The line's own fields, checked; the fields of its event are checked by the decider, as a request's. */
function importLine(raw: Record<string, unknown> | undefined): SupportImportLine {
  if (raw === undefined) throw invalid('line', 'must be one JSON object');
  const event = requireOneOf(raw.event, 'event', SUPPORT_IMPORT_EVENTS);
  const unknown = Object.keys(raw).find((field) => !COMMON_FIELDS.includes(field) && !EVENT_FIELDS[event].includes(field));
  if (unknown !== undefined) throw invalid(unknown, `is not a field of a line of the event ${event}`);
  requireId(raw.externalId, 'externalId');
  requireUtcInstant(raw.occurredAt, 'occurredAt');
  return raw as unknown as SupportImportLine;
}

function textOf(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

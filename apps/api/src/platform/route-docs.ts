import { applyDecorators, Header, HttpCode, HttpStatus, UseInterceptors, type Type } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPreconditionFailedResponse,
  ApiServiceUnavailableResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Role } from '#domain/access/index.js';
import { Roles } from '../auth/access.decorators.js';
import { CommandResponse } from './command-runner.service.js';
import { IdempotencyInterceptor } from './idempotency.interceptor.js';
import { ProblemDto } from './problem.dto.js';
import { ReadModel } from './read-model.interceptor.js';
import type { ReadModelName } from './read-pipeline.service.js';

/*
 * Who may call a route and what it answers, as one decorator per kind of route, so that every
 * context's routes say the same thing the same way in the OpenAPI document.
 */

/** The start of an operation's description: who may call it. */
export function rolesNote(roles: readonly Role[]): string {
  return `Roles: ${roles.join(', ')}.`;
}

export const COMMAND_NOTE =
  'Answers `{id, revision, position}`. With an `Idempotency-Key` (the caller\'s own, per route), the same request again ' +
  'appends nothing and gets the first answer again, with `Idempotent-Replayed: true`; another request with the key gets ' +
  '422 (IDEMPOTENCY_KEY_REUSED), and a retry while the first attempt runs 409 (IDEMPOTENCY_KEY_IN_USE). ' +
  '`If-Match: <revision>` pins the revision the client saw (412 when the entity moved on).';

/** For a list read a page at a time. */
export const PAGE_NOTE = 'Follow `nextCursor`; pass the same `asOf` on every page to page through one moment.';

/** For a command whose answer cannot be replayed, such as a secret shown once. */
export const NON_IDEMPOTENT_COMMAND_NOTE =
  'No `Idempotency-Key`: a retry could not answer the first result again. ' +
  '`If-Match: <revision>` pins the revision the client saw (412 when the entity moved on).';

/** On a controller: every route may answer 400 for bad input; `also` names what else the routes refuse. */
export const InvalidRequest = (also?: string) =>
  ApiBadRequestResponse({
    type: ProblemDto,
    description: ['Invalid body, parameter or header; unknown fields are refused.', also].filter((part) => part !== undefined).join(' '),
  });

export const RevisionMoved = () =>
  ApiPreconditionFailedResponse({ type: ProblemDto, description: 'If-Match names a revision the entity is no longer at.' });

export const ReadModelBehind = () =>
  ApiServiceUnavailableResponse({ type: ProblemDto, description: 'The read model did not reach minPosition or asOf in time.' });

export interface CommandRouteDoc {
  readonly summary: string;
  /** What else the caller should know, between the roles and the command note. */
  readonly description?: string;
  /** True for a command that creates its entity: 201 rather than 200. */
  readonly creates?: boolean;
  /** The domain rules that answer 409, by code. */
  readonly conflicts?: string;
  /** What a 404 means, for a command on an entity that may not exist. */
  readonly notFound?: string;
  /** True when the command reads a read model first, which may be behind (503). */
  readonly readsModels?: boolean;
  /** The answer, for a command that says more than `{id, revision, position}`. */
  readonly answers?: Type;
  /** False for a command whose answer cannot be replayed: it takes no `Idempotency-Key`. */
  readonly idempotent?: false;
}

const KEY_IN_USE = 'A first request with this `Idempotency-Key` still runs (IDEMPOTENCY_KEY_IN_USE): retry after `Retry-After` seconds.';

/**
 * A command that takes an `Idempotency-Key`: the interceptor that keeps and replays its answers, the
 * header, and the answers the key adds. `conflicts` names the command's own 409s, which share the
 * status with the key in use.
 */
export function IdempotentCommand(conflicts?: string): MethodDecorator {
  return applyDecorators(
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description: 'The same request again with the same key appends nothing and gets the first answer again.',
    }),
    ApiConflictResponse({ type: ProblemDto, description: [conflicts, KEY_IN_USE].filter((part) => part !== undefined).join(' ') }),
    ApiUnprocessableEntityResponse({
      type: ProblemDto,
      description: 'The `Idempotency-Key` was sent before with another request to this route (IDEMPOTENCY_KEY_REUSED); nothing was done.',
    }),
  );
}

/** A command route: its roles, status, and documented answers. */
export function CommandRoute(roles: [Role, ...Role[]], doc: CommandRouteDoc): MethodDecorator {
  const idempotent = doc.idempotent !== false;
  const note = idempotent ? COMMAND_NOTE : NON_IDEMPOTENT_COMMAND_NOTE;
  const description = [rolesNote(roles), doc.description, note].filter((part) => part !== undefined).join(' ');
  const answer = { type: doc.answers ?? CommandResponse };
  return applyDecorators(
    Roles(...roles),
    HttpCode(doc.creates ? HttpStatus.CREATED : HttpStatus.OK),
    ApiOperation({ summary: doc.summary, description }),
    doc.creates ? ApiCreatedResponse(answer) : ApiOkResponse(answer),
    ...(idempotent ? [IdempotentCommand(doc.conflicts)] : []),
    ...(!idempotent && doc.conflicts ? [ApiConflictResponse({ type: ProblemDto, description: doc.conflicts })] : []),
    ...(doc.notFound ? [ApiNotFoundResponse({ type: ProblemDto, description: doc.notFound })] : []),
    ...(doc.readsModels ? [ReadModelBehind()] : []),
    RevisionMoved(),
  );
}

export interface ReadRouteDoc {
  readonly summary: string;
  readonly description: string;
  readonly type: Type;
  /**
   * The projection the answer comes from, whose moment `asOf` names, or `EVERY_READ_MODEL` for an
   * answer that only waits for `minPosition`.
   */
  readonly reads: ReadModelName;
  /** What a 404 means, for a read of one entity. */
  readonly notFound?: string;
  /** The domain rules that answer 409, by code, for a read some entities refuse. */
  readonly conflicts?: string;
}

/** A read route: its roles, its read model (which `minPosition` and `asOf` wait for) and documented answers. */
export function ReadRoute(roles: [Role, ...Role[]], doc: ReadRouteDoc): MethodDecorator {
  return readRoute(roles, doc, ApiOkResponse({ type: doc.type }));
}

export interface FileReadRouteDoc extends Omit<ReadRouteDoc, 'type'> {
  /** What the file holds, as its 200 answer says. */
  readonly file: string;
}

/**
 * A read route that answers a file of `mediaType`, UTF-8 text, rather than JSON, declared as `ReadRoute`
 * declares a read. Only the file is documented and sent as `mediaType`: its refusals stay problem
 * details.
 */
export function FileReadRoute(roles: [Role, ...Role[]], mediaType: string, doc: FileReadRouteDoc): MethodDecorator {
  return readRoute(
    roles,
    doc,
    ApiOkResponse({ description: doc.file, content: { [mediaType]: { schema: { type: 'string' } } } }),
    Header('content-type', `${mediaType}; charset=utf-8`),
  );
}

function readRoute(roles: [Role, ...Role[]], doc: Omit<ReadRouteDoc, 'type'>, ...answer: MethodDecorator[]): MethodDecorator {
  return applyDecorators(
    Roles(...roles),
    ReadModel(doc.reads),
    ApiOperation({ summary: doc.summary, description: `${rolesNote(roles)} ${doc.description}` }),
    ...answer,
    ...(doc.notFound ? [ApiNotFoundResponse({ type: ProblemDto, description: doc.notFound })] : []),
    ...(doc.conflicts ? [ApiConflictResponse({ type: ProblemDto, description: doc.conflicts })] : []),
    ReadModelBehind(),
  );
}

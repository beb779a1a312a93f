import { applyDecorators, HttpCode, HttpStatus, type Type } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPreconditionFailedResponse,
  ApiServiceUnavailableResponse,
} from '@nestjs/swagger';
import type { Role } from '#libs/domain/access/index.js';
import { Roles } from '../auth/access.decorators.js';
import { CommandResponse } from './command-runner.js';
import { ProblemDto } from './problem.dto.js';

/*
 * Who may call a route and what it answers, as one decorator per kind of route, so that every
 * context's routes say the same thing the same way in the OpenAPI document.
 */

/** The start of an operation's description: who may call it. */
export function rolesNote(roles: readonly Role[]): string {
  return `Roles: ${roles.join(', ')}.`;
}

export const COMMAND_NOTE =
  'Answers `{id, revision, position}`. `Idempotency-Key` makes a retry append nothing and answer the first result; ' +
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

/** A command route: its roles, status, and documented answers. */
export function CommandRoute(roles: [Role, ...Role[]], doc: CommandRouteDoc): MethodDecorator {
  const note = doc.idempotent === false ? NON_IDEMPOTENT_COMMAND_NOTE : COMMAND_NOTE;
  const description = [rolesNote(roles), doc.description, note].filter((part) => part !== undefined).join(' ');
  const answer = { type: doc.answers ?? CommandResponse };
  return applyDecorators(
    Roles(...roles),
    HttpCode(doc.creates ? HttpStatus.CREATED : HttpStatus.OK),
    ApiOperation({ summary: doc.summary, description }),
    doc.creates ? ApiCreatedResponse(answer) : ApiOkResponse(answer),
    ...(doc.conflicts ? [ApiConflictResponse({ type: ProblemDto, description: doc.conflicts })] : []),
    ...(doc.notFound ? [ApiNotFoundResponse({ type: ProblemDto, description: doc.notFound })] : []),
    ...(doc.readsModels ? [ReadModelBehind()] : []),
    RevisionMoved(),
  );
}

export interface ReadRouteDoc {
  readonly summary: string;
  readonly description: string;
  readonly type: Type;
  /** What a 404 means, for a read of one entity. */
  readonly notFound?: string;
  /** The domain rules that answer 409, by code, for a read some entities refuse. */
  readonly conflicts?: string;
}

/** A read route: its roles and documented answers; reads wait for `minPosition` and `asOf`. */
export function ReadRoute(roles: [Role, ...Role[]], doc: ReadRouteDoc): MethodDecorator {
  return applyDecorators(
    Roles(...roles),
    ApiOperation({ summary: doc.summary, description: `${rolesNote(roles)} ${doc.description}` }),
    ApiOkResponse({ type: doc.type }),
    ...(doc.notFound ? [ApiNotFoundResponse({ type: ProblemDto, description: doc.notFound })] : []),
    ...(doc.conflicts ? [ApiConflictResponse({ type: ProblemDto, description: doc.conflicts })] : []),
    ReadModelBehind(),
  );
}

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

/** On a controller: every route may answer 400 for bad input. */
export const InvalidRequest = () =>
  ApiBadRequestResponse({ type: ProblemDto, description: 'Invalid body, parameter or header; unknown fields are refused.' });

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
}

/** A command route: its roles, status, and documented answers. */
export function CommandRoute(roles: [Role, ...Role[]], doc: CommandRouteDoc): MethodDecorator {
  const description = [rolesNote(roles), doc.description, COMMAND_NOTE].filter((part) => part !== undefined).join(' ');
  return applyDecorators(
    Roles(...roles),
    HttpCode(doc.creates ? HttpStatus.CREATED : HttpStatus.OK),
    ApiOperation({ summary: doc.summary, description }),
    doc.creates ? ApiCreatedResponse({ type: CommandResponse }) : ApiOkResponse({ type: CommandResponse }),
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
}

/** A read route: its roles and documented answers; reads wait for `minPosition` and `asOf`. */
export function ReadRoute(roles: [Role, ...Role[]], doc: ReadRouteDoc): MethodDecorator {
  return applyDecorators(
    Roles(...roles),
    ApiOperation({ summary: doc.summary, description: `${rolesNote(roles)} ${doc.description}` }),
    ApiOkResponse({ type: doc.type }),
    ...(doc.notFound ? [ApiNotFoundResponse({ type: ProblemDto, description: doc.notFound })] : []),
    ReadModelBehind(),
  );
}

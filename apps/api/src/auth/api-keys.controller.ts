import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { AppCommand } from '../platform/entity-commands.js';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPreconditionFailedResponse,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { CommandCtx, NonIdempotentCommandCtx } from '../platform/command-context.js';
import type { RequestCommandContext } from '../platform/command-runner.service.js';
import { ProblemDto } from '../platform/problem.dto.js';
import { ReadModel } from '../platform/read-model.interceptor.js';
import { EVERY_READ_MODEL } from '../platform/read-pipeline.service.js';
import { MinPositionQuery } from '../platform/read-your-writes.js';
import { IdempotentCommand } from '../platform/route-docs.js';
import { ROLES } from '#domain/access/index.js';
import { Roles } from './access.decorators.js';
import { Caller } from './caller.decorator.js';
import type { Principal } from './principal.js';
import {
  ApiKeyIdParams,
  ApiKeyList,
  IssueApiKeyRequest,
  IssuedApiKeyResponse,
  OwnApiKeyView,
  RotateApiKeyRequest,
  RotatedApiKeyResponse,
} from './api-keys.dto.js';
import { ApiKeysService } from './api-keys.service.js';

@ApiTags('api-keys')
@Controller('api-keys')
@Roles('admin')
@ApiBadRequestResponse({ type: ProblemDto, description: 'Invalid body, parameter or header; unknown fields are refused.' })
export class ApiKeysController {
  constructor(
    private readonly bus: CommandBus<AppCommand>,
    private readonly apiKeys: ApiKeysService,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Issue an API key; its secret is in this response only' })
  @ApiCreatedResponse({ type: IssuedApiKeyResponse })
  issue(
    @Body() body: IssueApiKeyRequest,
    @NonIdempotentCommandCtx() context: RequestCommandContext,
  ): Promise<IssuedApiKeyResponse> {
    return this.bus.execute(this.apiKeys.issue(body, context));
  }

  @Post(':id/rotation')
  @ApiOperation({
    summary: 'Rotate an API key: issue its successor, whose secret is in this response only, and end the key after a grace period',
    description:
      'The successor has the same name, roles and employee. The rotated key keeps working for `graceSeconds` (never past its own ' +
      'expiry), so that the new secret can be deployed first. No `Idempotency-Key`: a retry could not show the secret again.',
  })
  @ApiCreatedResponse({ type: RotatedApiKeyResponse })
  @ApiNotFoundResponse({ type: ProblemDto, description: 'No such key.' })
  @ApiConflictResponse({
    type: ProblemDto,
    description:
      'The key is revoked (API_KEY_REVOKED), expired (API_KEY_EXPIRED) or was rotated already (API_KEY_ALREADY_ROTATED), or its ' +
      'roles need an employee it does not name (API_KEY_WITHOUT_EMPLOYEE).',
  })
  @ApiPreconditionFailedResponse({ type: ProblemDto, description: 'If-Match names a revision the key is no longer at.' })
  async rotate(
    @Param() params: ApiKeyIdParams,
    @Body() body: RotateApiKeyRequest,
    @NonIdempotentCommandCtx() context: RequestCommandContext,
  ): Promise<RotatedApiKeyResponse> {
    return this.bus.execute(await this.apiKeys.rotate(params.id, body, context));
  }

  @Get()
  @ApiOperation({ summary: 'Every API key, oldest first, without secrets or hashes' })
  @ApiOkResponse({ type: ApiKeyList })
  @ApiServiceUnavailableResponse({ type: ProblemDto, description: 'The read model did not reach minPosition in time.' })
  @ReadModel(EVERY_READ_MODEL)
  async list(@Query() _query: MinPositionQuery): Promise<ApiKeyList> {
    return { items: await this.apiKeys.list() };
  }

  @Get('me')
  @Roles(...ROLES)
  @ApiOperation({
    summary: "The caller's own key: its id, name, roles and employee",
    description: 'Roles: any. What a client shows follows the roles. No secret or hash.',
  })
  @ApiOkResponse({ type: OwnApiKeyView })
  me(@Caller() principal: Principal): Promise<OwnApiKeyView> {
    return this.apiKeys.own(principal);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Revoke an API key; it stops working in every api process before this answers' })
  @ApiNoContentResponse({ description: 'Revoked.' })
  @ApiNotFoundResponse({ type: ProblemDto, description: 'No such key.' })
  @IdempotentCommand('The key is already revoked (API_KEY_ALREADY_REVOKED).')
  @ApiPreconditionFailedResponse({ type: ProblemDto, description: 'If-Match names a revision the key is no longer at.' })
  async revoke(@Param() params: ApiKeyIdParams, @CommandCtx() context: RequestCommandContext): Promise<void> {
    await this.bus.execute(this.apiKeys.revoke(params.id, context));
  }
}

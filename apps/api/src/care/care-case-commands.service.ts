import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '#config';
import {
  CARE_CASE_CATEGORY,
  careCaseDecider,
  type AssignCareCase,
  type CareCaseCommand,
  type CareCaseEvent,
  type CareCaseState,
  type IssueRefund,
  type OpenCareCase,
  type ResolveCareCase,
  type RetainClient,
} from '#domain/care/index.js';
import { APP_CONFIG } from '#persistence';
import type { RequestOf, WithOptional } from '../platform/command-requests.js';
import { CommandRunner, type RequestCommandContext } from '../platform/command-runner.service.js';
import type { EntityCommand } from '../platform/entity-commands.js';
import { EntityStreams } from '../platform/entity-streams.js';

/** Names the case ids derived from idempotency keys; fixed forever, or retries would open new cases. */
const CASE_ID_NAMESPACE = 'd8d7d0d8-ab61-42dd-80f3-56a18ba07ef1';

type CareCaseBusCommand = EntityCommand<CareCaseCommand, CareCaseEvent, CareCaseState>;

/**
 * The care case commands, built from requests for the command bus, for the HTTP controller and for
 * any other caller in the process (demo data, imports). Input is checked by the decider, whatever the caller.
 */
@Injectable()
export class CareCaseCommands {
  private readonly cases: EntityStreams<CareCaseCommand, CareCaseEvent, CareCaseState>;

  constructor(
    private readonly runner: CommandRunner,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.cases = new EntityStreams(runner, {
      decider: careCaseDecider({ observationWindowDays: config.careObservationWindowDays }),
      category: CARE_CASE_CATEGORY,
      idOf: (command) => command.caseId,
    });
  }

  /** Opens a case under `caseId`, or under a new UUIDv7 when none is given. */
  open(input: WithOptional<RequestOf<OpenCareCase>, 'caseId'>, context: RequestCommandContext): CareCaseBusCommand {
    const caseId = input.caseId ?? this.runner.newEntityId(context, CASE_ID_NAMESPACE);
    const { clientId, productId, sectionId, kind, channel, summary } = input;
    const at = this.runner.businessTime(input.occurredAt);
    return this.cases.command({ type: 'OpenCareCase', caseId, clientId, productId, sectionId, kind, channel, summary, at }, context);
  }

  assign(caseId: string, input: RequestOf<AssignCareCase, 'caseId'>, context: RequestCommandContext): CareCaseBusCommand {
    const at = this.runner.businessTime(input.occurredAt);
    return this.cases.command({ type: 'AssignCareCase', caseId, employeeId: input.employeeId, at }, context);
  }

  refund(caseId: string, input: RequestOf<IssueRefund, 'caseId'>, context: RequestCommandContext): CareCaseBusCommand {
    const { amount, full, reason, scriptId } = input;
    const at = this.runner.businessTime(input.occurredAt);
    return this.cases.command({ type: 'IssueRefund', caseId, amount, full, reason, scriptId, at }, context);
  }

  retain(caseId: string, input: RequestOf<RetainClient, 'caseId'>, context: RequestCommandContext): CareCaseBusCommand {
    const { method, retained, scriptId, note } = input;
    const at = this.runner.businessTime(input.occurredAt);
    return this.cases.command({ type: 'RetainClient', caseId, method, retained, scriptId, note, at }, context);
  }

  resolve(caseId: string, input: RequestOf<ResolveCareCase, 'caseId'>, context: RequestCommandContext): CareCaseBusCommand {
    const at = this.runner.businessTime(input.occurredAt);
    return this.cases.command({ type: 'ResolveCareCase', caseId, outcome: input.outcome, note: input.note, at }, context);
  }
}


import { Injectable } from '@nestjs/common';
import { withoutAbsent } from '#domain/shared/objects.js';
import {
  TRAINING_SESSION_CATEGORY,
  trainingSessionDecider,
  WEBINAR_CATEGORY,
  webinarDecider,
  type AttendanceEntry,
  type CancelTrainingSession,
  type CorrectWebinarCounts,
  type RecordTrainingAttendance,
  type RecordWebinar,
  type ScheduleTrainingSession,
  type TrainingSessionCommand,
  type TrainingSessionEvent,
  type TrainingSessionState,
  type WebinarCommand,
  type WebinarEvent,
  type WebinarState,
} from '#domain/training/index.js';
import { OrganisationDirectory } from '../organisation/organisation-directory.service.js';
import type { RequestOf, WithOptional } from '../platform/command-requests.js';
import { CommandRunner, type RequestCommandContext } from '../platform/command-runner.service.js';
import type { EntityCommand } from '../platform/entity-commands.js';
import { EntityStreams } from '../platform/entity-streams.js';

/** A request names who attended; each attendee's section is looked up here. */
export type RecordAttendanceFields = RequestOf<RecordTrainingAttendance, 'sessionId' | 'attendance'> & {
  readonly attendance: readonly Omit<AttendanceEntry, 'sectionId'>[];
};

/** Fixed forever per kind of entity: retried creates must find the entity their first attempt created. */
const SESSION_ID_NAMESPACE = 'c4a8e2f6-1b3d-4e5f-8a7c-9d0e2f4b6a81';
const WEBINAR_ID_NAMESPACE = 'd5b9f3a7-2c4e-4f6a-9b8d-0e1f3a5c7b92';

/**
 * Group training: sessions for everyone (internal, by outside trainers, bought courses) with their
 * attendance, and the webinars trainers run. Trainers and attendees are looked up in the organisation
 * catalogue (400 naming the field when unknown); each attendee's section goes into the event, for the
 * metrics by section.
 */
@Injectable()
export class GroupTrainingCommands {
  private readonly sessions: EntityStreams<TrainingSessionCommand, TrainingSessionEvent, TrainingSessionState>;
  private readonly webinars: EntityStreams<WebinarCommand, WebinarEvent, WebinarState>;

  constructor(
    private readonly runner: CommandRunner,
    private readonly directory: OrganisationDirectory,
  ) {
    this.sessions = new EntityStreams(runner, {
      decider: trainingSessionDecider(),
      category: TRAINING_SESSION_CATEGORY,
      idOf: (command) => command.sessionId,
    });
    this.webinars = new EntityStreams(runner, {
      decider: webinarDecider(),
      category: WEBINAR_CATEGORY,
      idOf: (command) => command.webinarId,
    });
  }

  async schedule(input: WithOptional<RequestOf<ScheduleTrainingSession>, 'sessionId'>, context: RequestCommandContext): Promise<EntityCommand<TrainingSessionCommand, TrainingSessionEvent, TrainingSessionState>> {
    const sessionId = input.sessionId ?? this.runner.newEntityId(context, SESSION_ID_NAMESPACE);
    const { kind, title, trainerId, provider, startsAt, hours, cost, competencyIds } = input;
    const at = this.runner.businessTime(input.occurredAt);
    if (trainerId !== undefined) await this.directory.employee(trainerId, 'trainerId');
    return this.sessions.command(
      { type: 'ScheduleTrainingSession', sessionId, kind, title, trainerId, provider, startsAt, hours, cost, competencyIds, at },
      context,
    );
  }

  async recordAttendance(sessionId: string, input: RecordAttendanceFields, context: RequestCommandContext): Promise<EntityCommand<TrainingSessionCommand, TrainingSessionEvent, TrainingSessionState>> {
    const at = this.runner.businessTime(input.occurredAt);
    const attendance: AttendanceEntry[] = await Promise.all(
      input.attendance.map(async ({ employeeId, attended }, index) => {
        const employee = await this.directory.employee(employeeId, `attendance.${index}.employeeId`);
        return withoutAbsent({ employeeId, sectionId: employee.sectionId, attended });
      }),
    );
    return this.sessions.command({ type: 'RecordTrainingAttendance', sessionId, attendance, at }, context);
  }

  cancelSession(sessionId: string, input: RequestOf<CancelTrainingSession, 'sessionId'>, context: RequestCommandContext): EntityCommand<TrainingSessionCommand, TrainingSessionEvent, TrainingSessionState> {
    const at = this.runner.businessTime(input.occurredAt);
    return this.sessions.command({ type: 'CancelTrainingSession', sessionId, reason: input.reason, at }, context);
  }

  async recordWebinar(input: WithOptional<RequestOf<RecordWebinar>, 'webinarId'>, context: RequestCommandContext): Promise<EntityCommand<WebinarCommand, WebinarEvent, WebinarState>> {
    const webinarId = input.webinarId ?? this.runner.newEntityId(context, WEBINAR_ID_NAMESPACE);
    const { trainerId, title, attendees, buyers } = input;
    const at = this.runner.businessTime(input.occurredAt);
    await this.directory.employee(trainerId, 'trainerId');
    return this.webinars.command({ type: 'RecordWebinar', webinarId, trainerId, title, attendees, buyers, at }, context);
  }

  correctWebinar(webinarId: string, input: RequestOf<CorrectWebinarCounts, 'webinarId'>, context: RequestCommandContext): EntityCommand<WebinarCommand, WebinarEvent, WebinarState> {
    const { attendees, buyers, reason } = input;
    const at = this.runner.businessTime(input.occurredAt);
    return this.webinars.command({ type: 'CorrectWebinarCounts', webinarId, attendees, buyers, reason, at }, context);
  }
}

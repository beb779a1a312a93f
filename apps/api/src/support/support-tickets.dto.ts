import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsString } from 'class-validator';
import {
  MAX_RATING_COMMENT_LENGTH,
  MAX_SUPPORT_REASON_LENGTH,
  MAX_TOPIC_LENGTH,
  SUPPORT_CHANNELS,
  SUPPORT_LINES,
  SUPPORT_SCORES,
  type AssignSupportTicket,
  type CloseSupportTicket,
  type EscalateSupportTicket,
  type GiveFirstResponse,
  type OpenSupportTicket,
  type RateSupportTicket,
  type ReopenSupportTicket,
  type ResolveSupportTicket,
  type SupportChannel,
  type SupportLine,
  type SupportScore,
  type SupportTicketStatus,
} from '#domain/support/index.js';
import type { SupportTicketDocument, SupportTicketRating } from '#projections/support/support-tickets.projection.js';
import type { RequestOf } from '../platform/command-requests.js';
import { IdField, OccurredAtField, OptionalIdField } from '../platform/dto-fields.js';
import { Omittable } from '../platform/omittable.js';

const SUPPORT_TICKET_STATUSES: readonly SupportTicketStatus[] = ['open', 'resolved', 'closed'];

/** The ticket a new one repeats is found on the client's contact, and only an import gives a helpdesk id. */
export class OpenSupportTicketRequest implements RequestOf<OpenSupportTicket, 'ticketId' | 'repeatOf' | 'externalId'> {
  @OptionalIdField('The ticket id, when the client chooses it; default: a new UUIDv7.', '0190f5c2-7b1e-7c3a-9d2f-5a4b3c2d1e0f')
  readonly id?: string;

  @IdField('The client, by id only: never a name, an e-mail or a phone number.', 'client-4711')
  readonly clientId!: string;

  @ApiProperty({ enum: SUPPORT_CHANNELS, example: 'chat' })
  @IsIn(SUPPORT_CHANNELS)
  @IsString()
  readonly channel!: SupportChannel;

  @ApiProperty({
    maxLength: MAX_TOPIC_LENGTH,
    example: 'Cannot open the course video',
    description: 'What the contact is about: a later ticket of the client on the same topic (case aside) within `SUPPORT_REPEAT_WINDOW_DAYS` is a repeat contact.',
  })
  @IsString()
  readonly topic!: string;

  @OptionalIdField('The product the contact is about.', 'course-sales')
  readonly productId?: string;

  @OccurredAtField()
  readonly occurredAt?: string;
}

export class AssignSupportTicketRequest implements RequestOf<AssignSupportTicket, 'ticketId'> {
  @IdField('The employee who handles the ticket from now on.', 'agent-7')
  readonly employeeId!: string;

  @ApiProperty({ enum: SUPPORT_LINES, example: 1, description: 'The support line the employee works on.' })
  @IsIn(SUPPORT_LINES)
  @IsInt()
  readonly line!: SupportLine;

  @OccurredAtField()
  readonly occurredAt?: string;
}

export class GiveFirstResponseRequest implements RequestOf<GiveFirstResponse, 'ticketId'> {
  @IdField('The employee who answered.', 'agent-7')
  readonly employeeId!: string;

  @OccurredAtField()
  readonly occurredAt?: string;
}

export class EscalateSupportTicketRequest implements RequestOf<EscalateSupportTicket, 'ticketId'> {
  @ApiProperty({ enum: SUPPORT_LINES, example: 2, description: 'A higher line than the current one.' })
  @IsIn(SUPPORT_LINES)
  @IsInt()
  readonly toLine!: SupportLine;

  @ApiProperty({ maxLength: MAX_SUPPORT_REASON_LENGTH, example: 'Needs access to the payment system' })
  @IsString()
  readonly reason!: string;

  @OccurredAtField()
  readonly occurredAt?: string;
}

export class ResolveSupportTicketRequest implements RequestOf<ResolveSupportTicket, 'ticketId'> {
  @IdField('The employee who solved the problem.', 'agent-9')
  readonly employeeId!: string;

  @OccurredAtField()
  readonly occurredAt?: string;
}

export class ReopenSupportTicketRequest implements RequestOf<ReopenSupportTicket, 'ticketId'> {
  @ApiProperty({ maxLength: MAX_SUPPORT_REASON_LENGTH, example: 'The video still does not play' })
  @IsString()
  readonly reason!: string;

  @OccurredAtField()
  readonly occurredAt?: string;
}

export class CloseSupportTicketRequest implements RequestOf<CloseSupportTicket, 'ticketId'> {
  @OccurredAtField()
  readonly occurredAt?: string;
}

export class RateSupportTicketRequest implements RequestOf<RateSupportTicket, 'ticketId'> {
  @ApiProperty({ enum: SUPPORT_SCORES, example: 5, description: "The client's score, 1 to 5; 5 is excellent." })
  @IsIn(SUPPORT_SCORES)
  @IsInt()
  readonly score!: SupportScore;

  @ApiPropertyOptional({ maxLength: MAX_RATING_COMMENT_LENGTH, example: 'Quick and polite' })
  @Omittable()
  @IsString()
  readonly comment?: string;

  @OccurredAtField()
  readonly occurredAt?: string;
}

export class SupportTicketIdParams {
  @IdField('The ticket id.', '0190f5c2-7b1e-7c3a-9d2f-5a4b3c2d1e0f')
  readonly id!: string;
}

class SupportTicketRatingView implements SupportTicketRating {
  @ApiProperty({ enum: SUPPORT_SCORES })
  readonly score!: SupportScore;

  @ApiProperty({ type: String, nullable: true })
  readonly comment!: string | null;

  @ApiProperty({ format: 'date-time' })
  readonly ratedAt!: string;
}

export class SupportTicketView implements SupportTicketDocument {
  @ApiProperty()
  readonly id!: string;

  @ApiProperty()
  readonly clientId!: string;

  @ApiProperty({ enum: SUPPORT_CHANNELS })
  readonly channel!: SupportChannel;

  @ApiProperty()
  readonly topic!: string;

  @ApiProperty({ type: String, nullable: true })
  readonly productId!: string | null;

  @ApiProperty({ type: String, nullable: true, description: "The helpdesk's id of an imported ticket." })
  readonly externalId!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'The earlier ticket of the client on the topic that this one repeats.' })
  readonly repeatOf!: string | null;

  @ApiProperty({ enum: SUPPORT_TICKET_STATUSES })
  readonly status!: SupportTicketStatus;

  @ApiProperty({ enum: SUPPORT_LINES, description: 'The support line the ticket is on now.' })
  readonly line!: SupportLine;

  @ApiProperty({ type: String, nullable: true, description: 'The employee handling the ticket now.' })
  readonly employeeId!: string | null;

  @ApiProperty({ format: 'date-time' })
  readonly openedAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  readonly firstResponseAt!: string | null;

  @ApiProperty({ type: Number, nullable: true, description: 'Seconds from the opening to the first response.' })
  readonly firstResponseSeconds!: number | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'The resolution in force; null while open.' })
  readonly resolvedAt!: string | null;

  @ApiProperty({ type: Number, nullable: true, description: 'Seconds from the opening to the resolution in force.' })
  readonly resolutionSeconds!: number | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  readonly closedAt!: string | null;

  @ApiProperty({ description: 'How many times the ticket moved to a higher line.' })
  readonly escalations!: number;

  @ApiProperty({ description: 'How many times the ticket was reopened.' })
  readonly reopenings!: number;

  @ApiProperty({ type: SupportTicketRatingView, nullable: true, description: 'The latest rating: a new resolution may be rated again.' })
  readonly rating!: SupportTicketRatingView | null;

  @ApiProperty({ type: String, example: '42', description: 'Position of the event that wrote this version of the ticket.' })
  readonly position!: string;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsObject, IsString, ValidateNested } from 'class-validator';
import {
  COMPLAINT_LINK_KINDS,
  COMPLAINT_OUTCOMES,
  FEEDBACK_AUTHOR_KINDS,
  FEEDBACK_CHANNELS,
  FEEDBACK_SUBJECT_KINDS,
  MAX_CLOSING_NOTE_LENGTH,
  MAX_FEEDBACK_TEXT_LENGTH,
  type CloseComplaint,
  type ComplaintLink,
  type ComplaintLinkKind,
  type ComplaintOutcome,
  type FeedbackAuthor,
  type FeedbackAuthorKind,
  type FeedbackChannel,
  type FeedbackSubject,
  type FeedbackSubjectKind,
  type RecordComplaint,
  type RecordThanks,
} from '#domain/feedback/index.js';
import type { RequestOf } from '../platform/command-requests.js';
import { IdField, OccurredAtField, OptionalIdField } from '../platform/dto-fields.js';
import { Omittable } from '../platform/omittable.js';

export class FeedbackAuthorDto implements FeedbackAuthor {
  @ApiProperty({ enum: FEEDBACK_AUTHOR_KINDS, example: 'client' })
  @IsIn(FEEDBACK_AUTHOR_KINDS)
  @IsString()
  readonly kind!: FeedbackAuthorKind;

  @IdField('The client or the employee, by id only: never a name, an e-mail or a phone number.', 'client-4711')
  readonly id!: string;
}

export class FeedbackSubjectDto implements FeedbackSubject {
  @ApiProperty({ enum: FEEDBACK_SUBJECT_KINDS, example: 'employee' })
  @IsIn(FEEDBACK_SUBJECT_KINDS)
  @IsString()
  readonly kind!: FeedbackSubjectKind;

  @IdField('The employee, product or section the feedback is about.', 'agent-7')
  readonly id!: string;
}

export class ComplaintLinkDto implements ComplaintLink {
  @ApiProperty({ enum: COMPLAINT_LINK_KINDS, example: 'support-ticket' })
  @IsIn(COMPLAINT_LINK_KINDS)
  @IsString()
  readonly kind!: ComplaintLinkKind;

  @IdField('The care case or support ticket, as given: it is not looked up.', '0190f5c2-7b1e-7c3a-9d2f-5a4b3c2d1e0f')
  readonly id!: string;
}

/** What a thank-you and a complaint both say. */
class FeedbackRequest {
  @ApiProperty({ type: FeedbackAuthorDto, description: 'Who gave it: a client or a colleague.' })
  @ValidateNested()
  @Type(() => FeedbackAuthorDto)
  @IsObject()
  readonly author!: FeedbackAuthorDto;

  @ApiProperty({ type: FeedbackSubjectDto, description: 'What it is about: an employee (not the author), a product or a section.' })
  @ValidateNested()
  @Type(() => FeedbackSubjectDto)
  @IsObject()
  readonly subject!: FeedbackSubjectDto;

  @ApiProperty({ enum: FEEDBACK_CHANNELS, example: 'chat' })
  @IsIn(FEEDBACK_CHANNELS)
  @IsString()
  readonly channel!: FeedbackChannel;

  @ApiProperty({ maxLength: MAX_FEEDBACK_TEXT_LENGTH, description: 'What the author said; no e-mail address.', example: 'Anna solved it in five minutes' })
  @IsString()
  readonly text!: string;

  @OccurredAtField()
  readonly occurredAt?: string;
}

export class RecordThanksRequest extends FeedbackRequest implements RequestOf<RecordThanks, 'thanksId'> {
  @OptionalIdField('The id of the thank-you, when the client chooses it; default: a new UUIDv7.', 'thanks-0001')
  readonly id?: string;
}

export class RecordComplaintRequest extends FeedbackRequest implements RequestOf<RecordComplaint, 'complaintId'> {
  @OptionalIdField('The id of the complaint, when the client chooses it; default: a new UUIDv7.', 'complaint-0001')
  readonly id?: string;

  @ApiPropertyOptional({ type: ComplaintLinkDto, description: 'The care case or support ticket the complaint is about.' })
  @Omittable()
  @ValidateNested()
  @Type(() => ComplaintLinkDto)
  @IsObject()
  readonly linkedTo?: ComplaintLinkDto;
}

export class CloseComplaintRequest implements RequestOf<CloseComplaint, 'complaintId' | 'closer'> {
  @ApiProperty({
    enum: COMPLAINT_OUTCOMES,
    example: 'upheld',
    description: '`upheld`: the complaint was right; `rejected`: it was not; `resolved`: the problem was solved without a ruling.',
  })
  @IsIn(COMPLAINT_OUTCOMES)
  @IsString()
  readonly outcome!: ComplaintOutcome;

  @ApiPropertyOptional({ maxLength: MAX_CLOSING_NOTE_LENGTH, example: 'Apologised and called the client back' })
  @Omittable()
  @IsString()
  readonly note?: string;

  @OccurredAtField()
  readonly occurredAt?: string;
}

export class ComplaintIdParams {
  @IdField('The complaint id.', 'complaint-0001')
  readonly id!: string;
}

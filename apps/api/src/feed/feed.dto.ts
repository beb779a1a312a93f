import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { EventPageQuery, RecordedEventView } from '../history/history.dto.js';
import { POSITION } from '../platform/wire-patterns.js';

/** The filters of the event history, without its paging: the feed never ends. */
export class FeedQuery extends PickType(EventPageQuery, ['fromPosition', 'type', 'category'] as const) {
  @ApiPropertyOptional({
    type: String,
    pattern: POSITION.source,
    example: '42',
    description: 'Send the events after this position (exclusive). Absent: from the start of the log. `Last-Event-ID` wins over it.',
  })
  override readonly fromPosition?: string;
}

export class FeedEventFrame {
  @ApiProperty({ example: '42', description: 'The position: send it back as `Last-Event-ID` to resume after it.' })
  readonly id!: string;

  @ApiProperty({ example: 'RefundIssued', description: 'The event type.' })
  readonly event!: string;

  @ApiProperty({ type: RecordedEventView, description: 'The envelope, as JSON on one line.' })
  readonly data!: RecordedEventView;
}

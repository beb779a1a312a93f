import { ApiProperty } from '@nestjs/swagger';
import { SUPPORT_IMPORT_EVENTS, type ImportedLine, type RejectedLine, type SupportImportEvent, type SupportImportReport } from './support-import.js';

class ImportedLineView implements ImportedLine {
  @ApiProperty({ example: 1, description: 'The line number in the file, blank lines counted.' })
  readonly line!: number;

  @ApiProperty({ example: 'HD-10442' })
  readonly externalId!: string;

  @ApiProperty({ enum: SUPPORT_IMPORT_EVENTS })
  readonly event!: SupportImportEvent;

  @ApiProperty({ description: 'The id of the ticket here, the same for every import of the helpdesk ticket.' })
  readonly ticketId!: string;

  @ApiProperty({ description: 'True when the line was taken before, or had nothing to add: nothing was appended for it now.' })
  readonly duplicate!: boolean;
}

class LineProblemView {
  @ApiProperty({ example: 409, description: 'The status a request of the route of this event would have got.' })
  readonly status!: number;

  @ApiProperty({ example: 'FIRST_RESPONSE_GIVEN' })
  readonly code!: string;

  @ApiProperty()
  readonly detail!: string;

  @ApiProperty({ required: false, type: 'array', items: { type: 'object' }, description: 'The fields refused, for a 400.' })
  readonly errors?: RejectedLine['problem']['errors'];
}

class RejectedLineView implements RejectedLine {
  @ApiProperty({ example: 7 })
  readonly line!: number;

  @ApiProperty({ type: String, nullable: true })
  readonly externalId!: string | null;

  @ApiProperty({ type: String, nullable: true })
  readonly event!: string | null;

  @ApiProperty({ type: LineProblemView })
  readonly problem!: LineProblemView;
}

export class SupportImportReportView implements SupportImportReport {
  @ApiProperty({ type: [ImportedLineView], description: 'The lines taken, in file order.' })
  readonly accepted!: ImportedLineView[];

  @ApiProperty({ type: [RejectedLineView], description: 'The lines refused, in file order; nothing was appended for them.' })
  readonly rejected!: RejectedLineView[];
}

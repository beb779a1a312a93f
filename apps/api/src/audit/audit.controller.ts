import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Readable } from 'node:stream';
import type { Role } from '#domain/access/index.js';
import { AUDIT_TRAIL } from '#projections/audit/index.js';
import { Roles } from '../auth/access.decorators.js';
import type { ResolvedAsOf } from '../platform/as-of.js';
import { ReadModel, ReadMoment } from '../platform/read-model.interceptor.js';
import { InvalidRequest, PAGE_NOTE, ReadModelBehind, ReadRoute, rolesNote } from '../platform/route-docs.js';
import { AuditTrailQueries } from './audit-trail-queries.service.js';
import { AuditFilterQuery, AuditPage, AuditPageQuery, checkTimeRanges } from './audit.dto.js';

/** Auditors review everything; admins may too. */
const AUDITORS: [Role, ...Role[]] = ['auditor', 'admin'];

export const NDJSON = 'application/x-ndjson';

const FILTERS_NOTE =
  'Filters, each optional and all ANDed: `stream`, or `category` (repeatable) and `entityId`; `actor`; `type` (repeatable); ' +
  'business time `occurredFrom`/`occurredTo` and recorded time `recordedFrom`/`recordedTo` (start inclusive, end exclusive). ' +
  'Hashes of keys and tokens are left out (named in `redacted`); anonymous answers show the actor `anonymous`, nothing else of who ' +
  'answered, and their times to the day.';

/** The audit trail: who did what, when, why and on which evidence, over every context's events. */
@ApiTags('audit')
@Controller('audit')
@InvalidRequest('A time range that holds no instant is refused too.')
export class AuditController {
  constructor(
    private readonly trail: AuditTrailQueries,
  ) {}

  @Get()
  @ReadRoute(AUDITORS, {
    summary: 'The audit trail, filtered and paged by position',
    description: `${FILTERS_NOTE} Newest first unless \`order=oldest\`. ${PAGE_NOTE}`,
    type: AuditPage,
    reads: AUDIT_TRAIL,
  })
  page(@Query() query: AuditPageQuery, @ReadMoment() moment: ResolvedAsOf): Promise<AuditPage> {
    checkTimeRanges(query);
    return this.trail.page(query, moment);
  }

  @Get('export')
  @Roles(...AUDITORS)
  @ApiOperation({
    summary: 'Export a filtered slice of the audit trail as NDJSON',
    description:
      `${rolesNote(AUDITORS)} ${FILTERS_NOTE} One audit entry (as \`GET /audit\` lists them) per line, streamed as read: ` +
      'the slice is what was recorded up to `asOf` (default: what the trail held when the export began).',
  })
  @ApiProduces(NDJSON)
  @ApiOkResponse({ description: 'One JSON audit entry per line.', content: { [NDJSON]: { schema: { type: 'string' } } } })
  @ReadModelBehind()
  @ReadModel(AUDIT_TRAIL)
  export(@Query() query: AuditFilterQuery, @ReadMoment() moment: ResolvedAsOf): StreamableFile {
    checkTimeRanges(query);
    return new StreamableFile(Readable.from(this.trail.exportLines(query, moment)), { type: NDJSON });
  }
}

import { Module } from '@nestjs/common';
import { AuditTrailQueries } from './audit-trail-queries.service.js';
import { AuditController } from './audit.controller.js';

/** The audit trail for auditors: `GET /audit` and `GET /audit/export`. */
@Module({
  controllers: [AuditController],
  providers: [AuditTrailQueries],
})
export class AuditModule {}

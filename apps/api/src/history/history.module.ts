import { Module } from '@nestjs/common';
import { EventHistory } from './event-history.service.js';
import { HistoryController } from './history.controller.js';

/** Raw history for auditors: `GET /streams/{streamId}` and `GET /events`. */
@Module({
  controllers: [HistoryController],
  providers: [EventHistory],
})
export class HistoryModule {}

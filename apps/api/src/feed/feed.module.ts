import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { FeedController } from './feed.controller.js';
import { FeedStreams } from './feed-streams.service.js';

/** The live event feed, `GET /feed`, over Server-Sent Events. The platform module provides the stores, auth the key checks. */
@Module({
  imports: [AuthModule],
  controllers: [FeedController],
  providers: [FeedStreams],
})
export class FeedModule {}

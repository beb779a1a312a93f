import { Module } from '@nestjs/common';
import { FeedController } from './feed.controller.js';
import { FeedStreams } from './feed-streams.js';

/** The live event feed, `GET /feed`, over Server-Sent Events. The platform module provides the stores. */
@Module({
  controllers: [FeedController],
  providers: [FeedStreams],
})
export class FeedModule {}

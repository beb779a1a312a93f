import { Module } from '@nestjs/common';
import { CouncilModule } from '../council/council.module.js';
import { LedgerModule } from '../ledger/ledger.module.js';
import { ScorecardsModule } from '../scorecards/scorecards.module.js';
import { MotivationCommands } from './motivation-commands.service.js';
import { MotivationController } from './motivation.controller.js';
import { MotivationQueries } from './motivation-queries.service.js';

/** Motivation: the rule the council adopts, and the monthly statements hr closes from the scorecards. */
@Module({
  imports: [CouncilModule, LedgerModule, ScorecardsModule],
  controllers: [MotivationController],
  providers: [MotivationCommands, MotivationQueries],
})
export class MotivationModule {}

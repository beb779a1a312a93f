import { Module } from '@nestjs/common';
import { LedgerController } from './ledger.controller.js';
import { LedgerReader } from './ledger-reader.service.js';
import { CheckpointSigning, LEDGER_KEY, ledgerKeyProvider } from './checkpoint-signing.service.js';
import { LedgerVerifications } from './ledger-verifications.service.js';

/** The ledger over the log: its signing key, the checkpoints signed while the log grows, proofs and verifications. */
@Module({
  controllers: [LedgerController],
  providers: [ledgerKeyProvider(), CheckpointSigning, LedgerVerifications, LedgerReader],
  exports: [LEDGER_KEY, CheckpointSigning, LedgerVerifications, LedgerReader],
})
export class LedgerModule {}

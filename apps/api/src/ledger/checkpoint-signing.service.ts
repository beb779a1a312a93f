import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { AppConfig } from '#config';
import { CheckpointSigner, type Clock, type SignedCheckpoint } from '#kernel';
import { APP_CONFIG, CLOCK, loadLedgerKey, STORES, type LedgerKey, type Stores } from '#persistence';

export const LEDGER_KEY = Symbol('LEDGER_KEY');

/**
 * The signing key, loaded once at start. A key generated into the data folder is announced as a
 * warning: whoever can read that folder can also sign, so production keeps it elsewhere.
 */
export function ledgerKeyProvider() {
  return {
    provide: LEDGER_KEY,
    inject: [APP_CONFIG],
    useFactory: (config: AppConfig): LedgerKey => {
      const key = loadLedgerKey(config);
      if (key.generated) {
        new Logger('Ledger').warn(
          `FIRST START: generated the ledger's signing key at ${key.file}. Checkpoints of the log are signed with it as ${key.origin}. ` +
            'Keep a copy outside the data folder, and in production set LEDGER_SIGNING_KEY_FILE to a key kept apart from the data.',
        );
      }
      return key;
    },
  };
}

/** Signs a checkpoint of the ledger whenever the log grew, at most once per `LEDGER_CHECKPOINT_INTERVAL_MS`. */
@Injectable()
export class CheckpointSigning implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Ledger');
  private readonly signer: CheckpointSigner;

  constructor(
    @Inject(STORES) stores: Stores,
    @Inject(LEDGER_KEY) key: LedgerKey,
    @Inject(CLOCK) clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.signer = new CheckpointSigner({
      ledger: stores.ledger,
      origin: key.origin,
      sign: (checkpoint) => key.sign(checkpoint),
      clock,
      intervalMs: config.ledgerCheckpointIntervalMs,
      onError: (error) => this.logger.error({ msg: 'no checkpoint was signed', err: error }),
    });
  }

  /** Signs the tree as it is now, unless a checkpoint of its size exists. */
  signNow(): Promise<SignedCheckpoint | undefined> {
    return this.signer.signNow();
  }

  onApplicationBootstrap(): void {
    this.signer.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.signer.stop();
  }
}

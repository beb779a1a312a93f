import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { AppCommand } from '../platform/entity-commands.js';
import type { AppConfig } from '#config';
import type { ApiKeyIssued } from '#domain/access/index.js';
import { newId, type Actor } from '#kernel';
import { APP_CONFIG, STORES, type Stores } from '#persistence';
import { ApiKeysService } from './api-keys.service.js';

/** Where the first admin key is shown: the operator's terminal (stdout), never the log. */
export const OPERATOR_CONSOLE = Symbol('OPERATOR_CONSOLE');

export interface OperatorConsole {
  print(line: string): void;
}

export const stdoutConsole: OperatorConsole = { print: (line) => console.log(line) };

export const SYSTEM_ACTOR: Actor = { id: 'system', roles: ['admin'] };
export const FIRST_ADMIN_KEY_NAME = 'first admin (generated at first start)';
export const FIRST_ADMIN_KEY_NOTICE = 'FIRST START: generated an admin API key. It is shown only this once; store it now:';

/**
 * On a first start without `BOOTSTRAP_ADMIN_KEY`, issues an admin key through the ordinary command
 * path (an `ApiKeyIssued` event by the `system` actor) and prints it once. "First" is read from the
 * event log, which is authoritative, not from a read model that may still be catching up: once any
 * admin key was ever issued, nothing is generated again.
 */
@Injectable()
export class FirstAdminKey implements OnApplicationBootstrap {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(STORES) private readonly stores: Stores,
    private readonly bus: CommandBus<AppCommand>,
    private readonly apiKeys: ApiKeysService,
    @Inject(OPERATOR_CONSOLE) private readonly operator: OperatorConsole,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.bootstrapAdminKey === undefined) await this.issueIfFirst();
  }

  /** Issues and prints the key, dated by the app's clock, unless an admin key was ever issued. */
  async issueIfFirst(): Promise<void> {
    if (await this.anAdminKeyWasIssued()) return;
    const issued = await this.bus.execute(
      this.apiKeys.issue({ name: FIRST_ADMIN_KEY_NAME, roles: ['admin'] }, { actor: SYSTEM_ACTOR, correlationId: newId() }),
    );
    this.operator.print(`${FIRST_ADMIN_KEY_NOTICE} ${issued.key}`);
  }

  private async anAdminKeyWasIssued(): Promise<boolean> {
    for await (const event of this.stores.events.readAll({ filter: { types: ['ApiKeyIssued'] } })) {
      if ((event.data as ApiKeyIssued['data']).roles.includes('admin')) return true;
    }
    return false;
  }
}

import { Module } from '@nestjs/common';
import { APP_GUARD, DiscoveryModule } from '@nestjs/core';
import { ApiKeyDirectory } from './api-key-directory.service.js';
import { ApiKeyGuard } from './api-key.guard.js';
import { ApiKeysController } from './api-keys.controller.js';
import { ApiKeysService } from './api-keys.service.js';
import { FirstAdminKey, OPERATOR_CONSOLE, stdoutConsole } from './first-admin-key.service.js';
import { RouteAccessCheck } from './route-access-check.service.js';

/** API keys (issue, revoke, list), the guard every route passes, and the first admin key. */
@Module({
  imports: [DiscoveryModule],
  controllers: [ApiKeysController],
  providers: [
    ApiKeyDirectory,
    ApiKeysService,
    FirstAdminKey,
    RouteAccessCheck,
    { provide: APP_GUARD, useClass: ApiKeyGuard },
    { provide: OPERATOR_CONSOLE, useValue: stdoutConsole },
  ],
  exports: [ApiKeyDirectory],
})
export class AuthModule {}

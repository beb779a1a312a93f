import { ESLint } from 'eslint';

/** The layer rule lives in the lint configuration; these cases keep it from silently going away. */
describe('layer rule', () => {
  const eslint = new ESLint({ cwd: process.cwd() });

  async function violations(filePath: string, code: string): Promise<string[]> {
    const [result] = await eslint.lintText(code, { filePath });
    return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
  }

  it.each([
    ['projections/sample/sample.projection.ts', "import Database from 'better-sqlite3';\nexport const d = Database;\n"],
    ['libs/domain/care/care-case.decider.ts', "import { Injectable } from '@nestjs/common';\nexport const i = Injectable;\n"],
    ['libs/domain/care/care-case.decider.ts', "import { MongoClient } from 'mongodb';\nexport const m = MongoClient;\n"],
    ['libs/eventsourcing/src/sample.ts', "import { EventStoreDBClient } from '@eventstore/db-client';\nexport const e = EventStoreDBClient;\n"],
    ['libs/ledger/src/sample.ts', "import Database from 'better-sqlite3';\nexport const d = Database;\n"],
    ['projections/sample/sample.projection.ts', "import { SqliteReadStore } from '#stores/sqlite';\nexport const s = SqliteReadStore;\n"],
    ['libs/domain/care/care-case.decider.ts', "import { STORES } from '#persistence';\nexport const s = STORES;\n"],
  ])('rejects a framework or driver import in %s', async (filePath, code) => {
    expect(await violations(filePath, code)).toHaveLength(1);
  });

  it('lets adapters and apps use drivers and the kernel', async () => {
    expect(
      await violations('libs/store-sqlite/src/sample.ts', "import Database from 'better-sqlite3';\nexport const d = Database;\n"),
    ).toEqual([]);
    expect(
      await violations('projections/sample/sample.projection.ts', "import { newId } from '#kernel';\nexport const n = newId;\n"),
    ).toEqual([]);
  });

  it('keeps the console a browser app that shares types with the server, never code', async () => {
    const consoleViolations = async (code: string) => {
      const [result] = await eslint.lintText(code, { filePath: 'apps/console/src/sample.ts' });
      return result!.messages.filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports');
    };
    expect(await consoleViolations("import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n")).toHaveLength(1);
    expect(await consoleViolations("import { ROLES } from '../../../libs/domain/access/roles.js';\nexport const r = ROLES;\n")).toHaveLength(1);
    expect(await consoleViolations("import type { Role } from '../../../libs/domain/access/roles.js';\nexport type R = Role;\n")).toEqual([]);
  });
});

import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import Fastify, { type FastifyInstance } from 'fastify';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { get, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveConsole } from './console-files.js';

interface Answer {
  readonly statusCode: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  json(): unknown;
}

describe('the console files', () => {
  const folders: string[] = [];
  let fastify: FastifyInstance;

  async function serving(folder: string): Promise<{ inject(request: { url: string }): Promise<Answer> }> {
    fastify = Fastify();
    await serveConsole({ getHttpAdapter: () => ({ getInstance: () => fastify }) } as unknown as NestFastifyApplication, folder);
    await fastify.listen({ port: 0, host: '127.0.0.1' });
    const { port } = fastify.server.address() as AddressInfo;
    return { inject: ({ url }) => requested(port, url) };
  }

  /** A request with its path exactly as written: no client in between resolves `..` first. */
  function requested(port: number, path: string): Promise<Answer> {
    return new Promise((resolve, reject) => {
      get({ host: '127.0.0.1', port, path }, (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve({ statusCode: response.statusCode!, headers: response.headers, body, json: () => JSON.parse(body) }));
      }).on('error', reject);
    });
  }

  function builtFolder(): string {
    const folder = mkdtempSync(join(tmpdir(), 'console-build-'));
    folders.push(folder);
    mkdirSync(join(folder, 'assets'));
    writeFileSync(join(folder, 'index.html'), '<!doctype html><title>console</title>');
    writeFileSync(join(folder, 'assets', 'index-abc.js'), 'export {};');
    return folder;
  }

  afterEach(() => fastify.close());
  afterAll(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

  it('answers every console path with a problem saying to build it, when it is not built', async () => {
    const app = await serving(join(tmpdir(), 'no-console-build-here'));
    for (const url of ['/console', '/console/meetings/m-1', '/console/assets/index.js']) {
      const response = await app.inject({ url });
      expect({ url, status: response.statusCode, type: response.headers['content-type'] }).toEqual({
        url,
        status: 404,
        type: expect.stringMatching(/^application\/problem\+json/),
      });
      expect(response.json()).toMatchObject({ status: 404, code: 'CONSOLE_NOT_BUILT', detail: expect.stringContaining('npm run build') });
    }
  });

  it('serves the built files, and the app for any view below /console', async () => {
    const app = await serving(builtFolder());
    const asset = await app.inject({ url: '/console/assets/index-abc.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    for (const url of ['/console', '/console/', '/console/meetings/m-1?asOf=2026-01-01T00:00:00Z', '/console/index.html']) {
      const page = await app.inject({ url });
      expect({ url, status: page.statusCode, body: page.body, cache: page.headers['cache-control'] }).toEqual({
        url,
        status: 200,
        body: expect.stringContaining('<title>console</title>'),
        cache: 'no-cache',
      });
    }
  });

  it('answers a missing file, or a way out of the folder, with a problem rather than the app', async () => {
    const app = await serving(builtFolder());
    for (const url of ['/console/assets/missing.js', '/console/..%2F..%2Fetc%2Fpasswd.txt', '/console/../package.json']) {
      const response = await app.inject({ url });
      expect({ url, status: response.statusCode }).toEqual({ url, status: 404 });
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
  });
});

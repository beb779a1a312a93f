import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { existsSync, statSync } from 'node:fs';
import { basename, extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sendProblem } from './problem-details.filter.js';
import { PROBLEM_TYPE_BASE } from './problem-details.js';

/** Where the browser console is served; the security headers give these routes a policy of their own. */
export const CONSOLE_PATH = 'console';

const INDEX = 'index.html';

/**
 * The folder Vite builds the console into, `dist/console`: found from this module, which runs from the
 * sources (tests) or from `dist/` (`npm start`, the image), so that it does not depend on the working folder.
 */
export function consoleBuildFolder(): string {
  const root = fileURLToPath(new URL('../../../../', import.meta.url));
  const dist = basename(resolve(root)) === 'dist' ? root : join(root, 'dist');
  return join(dist, CONSOLE_PATH);
}

/**
 * The console at `/console`: its built files, and `index.html` for any other path below it, so that a
 * link into a view (`/console/meetings/m-1?asOf=...`) opens the app there. Without a build, every
 * console path answers a problem saying how to build it.
 */
export async function serveConsole(app: NestFastifyApplication, folder = consoleBuildFolder()): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  const built = existsSync(join(folder, INDEX));
  if (built) await fastify.register(fastifyStatic, { root: folder, serve: false });
  const handler = built ? (request: FastifyRequest, reply: FastifyReply) => sendConsoleFile(folder, request, reply) : notBuilt;
  fastify.get(`/${CONSOLE_PATH}`, handler);
  fastify.get(`/${CONSOLE_PATH}/*`, handler);
}

function sendConsoleFile(folder: string, request: FastifyRequest, reply: FastifyReply) {
  const wanted = (request.params as { '*'?: string })['*'] ?? '';
  const file = fileWithin(folder, wanted);
  if (file !== undefined && file !== INDEX) {
    // Vite names every asset by its content hash: a new build is a new name.
    reply.header('cache-control', 'public, max-age=31536000, immutable');
    return reply.sendFile(file, { cacheControl: false });
  }
  // A path with an extension names a file, which is missing; any other is a view of the app.
  if (file === undefined && extname(wanted) !== '') return answerProblem(request, reply, 'ROUTE_NOT_FOUND', 'route-not-found', 'No such file of the console.');
  reply.header('cache-control', 'no-cache');
  return reply.sendFile(INDEX, { cacheControl: false });
}

/** The path of an existing file below the folder, relative to it; none for anything else, including a way out of it. */
function fileWithin(folder: string, wanted: string): string | undefined {
  if (wanted === '') return undefined;
  const path = resolve(folder, wanted);
  if (!path.startsWith(resolve(folder) + sep)) return undefined;
  return existsSync(path) && statSync(path).isFile() ? relative(folder, path) : undefined;
}

function notBuilt(request: FastifyRequest, reply: FastifyReply) {
  const detail = 'The console is not built: run `npm run build` (or `npm start`, which builds it), then start the api again.';
  return answerProblem(request, reply, 'CONSOLE_NOT_BUILT', 'console-not-built', detail);
}

function answerProblem(request: FastifyRequest, reply: FastifyReply, code: string, kind: string, detail: string) {
  sendProblem(reply, { type: `${PROBLEM_TYPE_BASE}${kind}`, title: 'Not found', status: 404, detail, code, requestId: request.id });
  return reply;
}

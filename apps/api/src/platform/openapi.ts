import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { BEARER_AUTH } from '../auth/access.decorators.js';
import { ProblemDto } from './problem.dto.js';

export const DOCS_PATH = 'docs';

/** The version of the HTTP API, which the OpenAPI and AsyncAPI documents state. */
export const API_VERSION = '0.1.0';

/** Swagger UI at /docs and the document at /docs-json, generated from the controllers and DTOs. */
export function serveOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Quality Ledger')
    .setDescription(
      'The event-sourced system of record of the quality department. Errors are application/problem+json ' +
        '(RFC 9457); positions are decimal strings.',
    )
    .setVersion(API_VERSION)
    .addBearerAuth(
      { type: 'http', scheme: 'bearer', bearerFormat: 'API key', description: 'An API key: `Authorization: Bearer ql_...`' },
      BEARER_AUTH,
    )
    .build();
  SwaggerModule.setup(DOCS_PATH, app, () => SwaggerModule.createDocument(app, config, { extraModels: [ProblemDto] }), {
    jsonDocumentUrl: `${DOCS_PATH}-json`,
  });
}

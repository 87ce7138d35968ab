import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { ApplicationErrorCodes } from '@tally/inventory-application';
import { HttpErrorCodes } from '@tally/vendor-kit';

/** Builds the OpenAPI document of every route and schema. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Tally canonical API')
    .setDescription(
      'One model of stock (item × location) fed by every vendor dialect. Authenticate with `Authorization: Bearer <API key>`. ' +
        'Errors are `application/problem+json` with a stable `code`. Writes accept an `Idempotency-Key` header.',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An API key of the tenant.' })
    .build();
  return withTooManyRequests(SwaggerModule.createDocument(app, config));
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/**
 * Every operation may answer 429, whatever its controller declares: the failed-authentication
 * throttle (`${HttpErrorCodes.tooManyAuthFailures}`) and the tenant request rate
 * (`${ApplicationErrorCodes.rateLimited}`) stand in front of every route, and routes that queue
 * jobs add the job quotas (`${ApplicationErrorCodes.jobQuotaExceeded}`). An operation that
 * documents its own 429 (Marketplacer's per-key limit) keeps it.
 */
export function withTooManyRequests(document: OpenAPIObject): OpenAPIObject {
  for (const path of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = path[method];
      if (!operation || operation.responses['429']) continue;
      operation.responses['429'] = {
        description:
          `Too many requests: too many failed authentications (${HttpErrorCodes.tooManyAuthFailures}), the tenant's request rate ` +
          `(${ApplicationErrorCodes.rateLimited}) or, for routes that queue jobs, its job quotas (${ApplicationErrorCodes.jobQuotaExceeded}). ` +
          "Retry after the Retry-After seconds; the body is in the route's error shape.",
        headers: { 'Retry-After': { description: 'Seconds to wait before retrying.', schema: { type: 'integer', minimum: 1 } } },
      };
    }
  }
  return document;
}

/**
 * Serves Swagger UI at `/docs` and the document at `/docs-json`. A key typed into "Authorize"
 * lives in the page only: persisting it would leave it in localStorage on the console's origin,
 * readable by any script that ever runs there.
 */
export function setUpOpenApi(app: INestApplication, ui: boolean): void {
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app), {
    ui,
    jsonDocumentUrl: 'docs-json',
    yamlDocumentUrl: 'docs-yaml',
    swaggerOptions: { persistAuthorization: false },
  });
}

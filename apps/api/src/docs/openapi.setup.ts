import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';

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
  return SwaggerModule.createDocument(app, config);
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

import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import type { ProblemField } from '../problem/problem-details.model';
import { RequestValidationError } from './request-validation.error';
import { isJsonObject, nestsDeeperThan } from '@tally/vendor-kit';

const MAX_REPORTED_ERRORS = 100;
/** Deeper than any DTO goes; deeper input is refused before it reaches recursive transformers. */
const MAX_BODY_DEPTH = 16;

/**
 * The global pipe: DTOs are instantiated and validated, unknown fields are refused, and
 * every failure becomes one {@link RequestValidationError} listing each field.
 */
export class ApiValidationPipe extends ValidationPipe {
  /** @param skipBodies only for the `skip-body-validation` negative control (ADR 0020): bodies pass as parsed. */
  constructor(private readonly skipBodies = false) {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
      stopAtFirstError: true,
      transform: true,
      transformOptions: { enableImplicitConversion: false },
      validationError: { target: false, value: false },
      exceptionFactory: (errors) => new RequestValidationError(flattenValidationErrors(errors)),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (this.skipBodies && metadata.type === 'body') return value;
    const isDto = typeof metadata.metatype === 'function' && this.toValidate(metadata);
    if (isDto && metadata.type === 'body' && !isJsonObject(value)) {
      throw new RequestValidationError([{ field: 'body', message: 'the body must be a JSON object' }]);
    }
    if (isDto && nestsDeeperThan(value, MAX_BODY_DEPTH)) {
      throw new RequestValidationError([{ field: metadata.type, message: `nested deeper than ${MAX_BODY_DEPTH} levels` }]);
    }
    try {
      return await super.transform(value, metadata);
    } catch (error) {
      if (error instanceof RequestValidationError) throw error;
      // class-transformer trips over some shapes (a null where a discriminated object is
      // expected); the input is at fault, not the server.
      throw new RequestValidationError([{ field: metadata.type, message: 'does not have the expected shape' }]);
    }
  }
}

/** Flattens class-validator's tree into `lines[2].item.sku`-style fields, one per message. */
export function flattenValidationErrors(errors: readonly ValidationError[], parent = ''): ProblemField[] {
  const out: ProblemField[] = [];
  for (const error of errors) {
    const field = !parent ? error.property : /^\d+$/.test(error.property) ? `${parent}[${error.property}]` : `${parent}.${error.property}`;
    for (const message of Object.values(error.constraints ?? {})) {
      out.push({ field: field || 'body', message: message.replace(/^property /, '') });
    }
    if (error.children?.length) out.push(...flattenValidationErrors(error.children, field));
    if (out.length >= MAX_REPORTED_ERRORS) break;
  }
  return out.slice(0, MAX_REPORTED_ERRORS);
}

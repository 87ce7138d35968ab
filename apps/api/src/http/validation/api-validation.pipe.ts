import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import type { ProblemField } from '../problem/problem-details.model';
import { RequestValidationError } from './request-validation.error';
import { findUnsafeText, isJsonObject, nestsDeeperThan } from '@tally/vendor-kit';
import { textCheckedElsewhere } from './text-checked-elsewhere.decorator';

const MAX_REPORTED_ERRORS = 100;
/** Deeper than any DTO goes; deeper input is refused before it reaches recursive transformers. */
const MAX_BODY_DEPTH = 16;

/** What the reliability suite's negative controls switch off (ADR 0020); both false outside them. */
export interface UnsafeValidation {
  /** `skip-body-validation`: bodies pass as parsed. */
  readonly skipBodies?: boolean;
  /** `skip-text-safety`: texts with a NUL or a lone surrogate pass. */
  readonly skipTextSafety?: boolean;
}

/**
 * The global pipe: DTOs are instantiated and validated, unknown fields are refused, and
 * every failure becomes one {@link RequestValidationError} listing each field. Every text of a
 * DTO body must be safe (the kit's `unsafeTextReason`: no NUL, no lone surrogate), except the
 * properties marked {@link TextCheckedElsewhere}; query strings and path parameters are checked
 * by the `rejectUnsafeText` hook of every route, before this pipe.
 */
export class ApiValidationPipe extends ValidationPipe {
  private readonly skipBodies: boolean;
  private readonly skipTextSafety: boolean;

  constructor(unsafe: UnsafeValidation = {}) {
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
    this.skipBodies = unsafe.skipBodies ?? false;
    this.skipTextSafety = unsafe.skipTextSafety ?? false;
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
    if (isDto && metadata.type === 'body' && !this.skipTextSafety) {
      const unsafe = findUnsafeText(withoutKeys(value as Record<string, unknown>, textCheckedElsewhere(metadata.metatype)), '');
      if (unsafe) throw new RequestValidationError([unsafe]);
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

function withoutKeys(value: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  if (keys.length === 0) return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => !keys.includes(key)));
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

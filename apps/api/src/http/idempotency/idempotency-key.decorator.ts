import { createHash } from 'node:crypto';
import { applyDecorators, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { stableJson } from '@tally/inventory-domain';
import { RequestValidationError } from '../validation/request-validation.error';

/** Name of the request header. */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
/** Set on an answer that replays the original one. */
export const REPLAYED_HEADER = 'Idempotency-Replayed';

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/** What the write use case needs to make a request idempotent (its `render` is added by the caller). */
export interface IdempotencyContext {
  /** The route the key is valid for: the same key on another route is another request. */
  readonly scope: string;
  readonly key: string;
  /** SHA-256 of method, route and canonical JSON body: the same key with another body is refused. */
  readonly requestHash: string;
}

/** The digest that tells a retry (same request) from a reuse of the key (another request). */
export function hashRequest(method: string, route: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method} ${route}\n${stableJson(body ?? null)}`)
    .digest('hex');
}

interface RoutedRequest {
  method: string;
  url: string;
  body?: unknown;
  headers: Record<string, string | string[] | undefined>;
  routeOptions?: { url?: string };
}

/** Injects the request's {@link IdempotencyContext}, or null without an Idempotency-Key header. */
export const Idempotency = createParamDecorator((_data: unknown, context: ExecutionContext): IdempotencyContext | null => {
  const request = context.switchToHttp().getRequest<RoutedRequest>();
  const key = request.headers['idempotency-key'];
  if (key === undefined) return null;
  if (typeof key !== 'string' || !KEY_PATTERN.test(key)) {
    throw new RequestValidationError([{ field: IDEMPOTENCY_HEADER, message: 'must be 1 to 255 visible ASCII characters' }]);
  }
  const route = request.routeOptions?.url ?? request.url.split('?')[0];
  return { scope: `${request.method} ${route}`, key, requestHash: hashRequest(request.method, route, request.body) };
});

/** Documents the Idempotency-Key header of a write. */
export function ApiIdempotentWrite(): MethodDecorator {
  return applyDecorators(
    ApiHeader({
      name: IDEMPOTENCY_HEADER,
      required: false,
      description:
        'Makes the write safe to retry for 24 hours: a retry gets the original status and body with `Idempotency-Replayed: true`; ' +
        'the same key with another body gets 422 IDEMPOTENCY.KEY_REUSED.',
    }),
  );
}

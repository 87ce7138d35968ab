import { domainError, DomainErrorCodes, type DomainError } from '../common/domain-error.js';

/** How long an idempotency key is kept at least (docs/architecture.md §4.4). */
export const IDEMPOTENCY_RETENTION_MS = 24 * 60 * 60 * 1000;

/** A stored answer to a request made with an idempotency key. */
export interface IdempotencyRecord {
  readonly scope: string;
  readonly key: string;
  /** A digest of the request (method, route, body) the key was first used with. */
  readonly requestHash: string;
  readonly status: number;
  readonly body: unknown;
  readonly createdAt: string;
  readonly expiresAt: string;
}

/** What to do with a request that carries an idempotency key. */
export type IdempotencyDecision =
  { readonly kind: 'execute' } | { readonly kind: 'replay'; readonly record: IdempotencyRecord } | { readonly kind: 'reject'; readonly error: DomainError };

/** Decides between executing, replaying the original answer, and refusing a reused key. */
export function decideIdempotency(existing: IdempotencyRecord | null, requestHash: string, now: Date): IdempotencyDecision {
  if (!existing || Date.parse(existing.expiresAt) <= now.getTime()) return { kind: 'execute' };
  if (existing.requestHash === requestHash) return { kind: 'replay', record: existing };
  return {
    kind: 'reject',
    error: domainError(DomainErrorCodes.idempotencyMismatch, `Idempotency-Key ${existing.key} was already used with a different request`, 'Idempotency-Key'),
  };
}

/** When a record made now expires. */
export function idempotencyExpiry(now: Date): string {
  return new Date(now.getTime() + IDEMPOTENCY_RETENTION_MS).toISOString();
}

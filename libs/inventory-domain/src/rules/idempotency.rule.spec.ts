import { DomainErrorCodes } from '../common/domain-error.js';
import { decideIdempotency, IDEMPOTENCY_RETENTION_MS, idempotencyExpiry, type IdempotencyRecord } from './idempotency.rule.js';

const CREATED = new Date('2024-03-01T10:00:00.000Z');

function record(overrides: Partial<IdempotencyRecord> = {}): IdempotencyRecord {
  return {
    scope: 'tenant-1',
    key: 'key-1',
    requestHash: 'hash-A',
    status: 201,
    body: { accepted: 3 },
    createdAt: CREATED.toISOString(),
    expiresAt: idempotencyExpiry(CREATED),
    ...overrides,
  };
}

const later = (ms: number) => new Date(CREATED.getTime() + ms);

describe('IDEMPOTENCY_RETENTION_MS', () => {
  it('keeps keys at least 24 hours', () => {
    expect(IDEMPOTENCY_RETENTION_MS).toBeGreaterThanOrEqual(24 * 60 * 60 * 1000);
  });
});

describe('idempotencyExpiry', () => {
  it('is the retention period after now, as ISO-8601', () => {
    expect(idempotencyExpiry(CREATED)).toBe('2024-03-02T10:00:00.000Z');
  });
});

describe('decideIdempotency', () => {
  it('executes a request whose key was never seen', () => {
    expect(decideIdempotency(null, 'hash-A', CREATED)).toEqual({ kind: 'execute' });
  });

  it('replays the original answer for the same key and the same request', () => {
    const existing = record();
    const decision = decideIdempotency(existing, 'hash-A', later(60_000));
    expect(decision).toEqual({ kind: 'replay', record: existing });
  });

  it('still replays just before expiry', () => {
    expect(decideIdempotency(record(), 'hash-A', later(IDEMPOTENCY_RETENTION_MS - 1)).kind).toBe('replay');
  });

  it('rejects the same key with a different request', () => {
    const decision = decideIdempotency(record(), 'hash-B', later(1));
    expect(decision.kind).toBe('reject');
    if (decision.kind !== 'reject') return;
    expect(decision.error.code).toBe(DomainErrorCodes.idempotencyMismatch);
    expect(decision.error.field).toBe('Idempotency-Key');
    expect(decision.error.message).toContain('key-1');
  });

  it('executes again once the record has expired (at the expiry instant and after)', () => {
    expect(decideIdempotency(record(), 'hash-A', later(IDEMPOTENCY_RETENTION_MS))).toEqual({ kind: 'execute' });
    expect(decideIdempotency(record(), 'hash-B', later(IDEMPOTENCY_RETENTION_MS + 1))).toEqual({ kind: 'execute' });
  });

  it('honours the stored expiry rather than recomputing it', () => {
    const longLived = record({ expiresAt: '2024-03-10T00:00:00.000Z' });
    expect(decideIdempotency(longLived, 'hash-A', later(3 * IDEMPOTENCY_RETENTION_MS)).kind).toBe('replay');
  });
});

import type { DomainError } from './domain-error.js';

/** An expected outcome: either a value or a typed failure. Bugs throw; results do not. */
export type Result<T, E = DomainError> = Ok<T> | Err<E>;

/** The success arm of a {@link Result}. */
export interface Ok<T> {
  readonly ok: true;
  readonly value: T;
}

/** The failure arm of a {@link Result}. */
export interface Err<E> {
  readonly ok: false;
  readonly error: E;
}

/** Wraps a value as a successful {@link Result}. */
export const ok = <T>(value: T): Ok<T> => ({ ok: true, value });

/** Wraps an error as a failed {@link Result}. */
export const err = <E>(error: E): Err<E> => ({ ok: false, error });

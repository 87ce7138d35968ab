/**
 * Tells every process of a deployment that a credential changed: an API key revoked, a
 * connection rotated or revoked or its settings changed, issued tokens dropped. Processes that
 * keep authentication answers in memory ({@link CredentialCache}) forget them when told.
 */
export abstract class CredentialChanges {
  /**
   * Whether a change published by any process reaches this process's listeners now. While it is
   * false (a PostgreSQL listener not connected yet, or reconnecting), answers must not be kept.
   */
  abstract get live(): boolean;

  /**
   * Announces a change that has been committed, to every process (this one first, at once).
   * Call it after the write commits; a change announced before it commits may be read again.
   */
  abstract publish(): Promise<void>;

  /**
   * Calls `listener` after every change published anywhere, and whenever {@link live} changes
   * (changes may have been missed). Answers the function that unsubscribes.
   */
  abstract subscribe(listener: () => void): () => void;
}

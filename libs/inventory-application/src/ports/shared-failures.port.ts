/** A failed authentication as the API processes share it: never a secret. */
export interface SharedFailure {
  /** The client address it came from. */
  readonly address: string;
  /** The digest the throttle counts the presented credential by (never the credential); null when none was presented. */
  readonly credential: string | null;
  /** When it failed, epoch milliseconds. */
  readonly at: number;
}

/**
 * Failed authentications shared by the API processes of one database (ADR 0057), so that the
 * failed-authentication throttle's limit holds across them. Each process writes its own failures
 * in batches and pulls the others' about once a second into its memory, where every decision is
 * taken: no request reads this.
 */
export abstract class SharedFailures {
  /** Records this process's failures for the others, in one statement. */
  abstract record(failures: readonly SharedFailure[]): Promise<void>;

  /**
   * The failures other processes recorded since this instance's last pull (at the first pull,
   * those of the last `windowMs`), oldest first; each failure is answered once.
   */
  abstract pull(windowMs: number): Promise<SharedFailure[]>;

  /** Deletes failures recorded more than `windowMs` ago, at most `limit` of them; answers how many. */
  abstract sweep(windowMs: number, limit: number): Promise<number>;
}

/** The time source; a port so tests can pin it. */
export abstract class Clock {
  abstract now(): Date;
  /** Resolves after `ms` milliseconds of this clock (pauses between retries). */
  abstract sleep(ms: number): Promise<void>;
}

/** Generates unique ids (UUIDs in production). */
export abstract class IdGenerator {
  abstract newId(): string;
}

/** The time source; a port so tests can pin it. */
export abstract class Clock {
  abstract now(): Date;
}

/** Generates unique ids (UUIDs in production). */
export abstract class IdGenerator {
  abstract newId(): string;
}

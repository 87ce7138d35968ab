import { ChosenSecretHasher, ConnectionDialects, type ConnectionOptionProblem, Clock, IdGenerator, SecretHasher } from '@tally/inventory-application';

/** A clock that stands still until told to move. */
export class FixedClock extends Clock {
  constructor(private current = new Date('2026-01-01T00:00:00.000Z')) {
    super();
  }
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
  /** Moves the clock instead of waiting. */
  async sleep(ms: number): Promise<void> {
    this.advance(ms);
  }
}

/** Ids `id-1`, `id-2`, ... in order, so tests can predict them. */
export class SequentialIds extends IdGenerator {
  private next = 0;
  newId(): string {
    this.next += 1;
    return `id-${this.next}`;
  }
}

/** A reversible stand-in hasher for unit tests only: it marks, it does not protect. */
export class PlainTextHasher extends SecretHasher {
  private counter = 0;
  async hash(secret: string): Promise<string> {
    return `hashed:${secret}`;
  }
  async verify(secret: string, storedHash: string): Promise<boolean> {
    return storedHash === `hashed:${secret}`;
  }
  digest(token: string): string {
    return `digest:${token}`;
  }
  generate(bytes = 16): string {
    this.counter += 1;
    // As long as the real one's base64url, so generated keys have their real shape.
    return `s${this.counter}`.padEnd(Math.ceil((bytes * 4) / 3), 'x');
  }
}

/**
 * A reversible stand-in for the slow hasher of chosen secrets, for unit tests only. Its lookup
 * digests are marked by a key name, so a test can move to a new key (`keys` current first).
 */
export class PlainTextChosenHasher extends ChosenSecretHasher {
  constructor(public keys: readonly string[] = ['k1']) {
    super();
  }
  async hash(secret: string): Promise<string> {
    return `slow:${secret}`;
  }
  async verify(secret: string, storedHash: string): Promise<boolean> {
    return storedHash === `slow:${secret}`;
  }
  lookupDigests(secret: string): readonly string[] {
    return this.keys.map((key) => `lookup:${key}:${secret}`);
  }
}

/**
 * Dialects by name, for tests: every listed name is known; options are checked by the given
 * function (none refused by default).
 */
export class ListedDialects extends ConnectionDialects {
  constructor(
    private readonly listed: readonly string[] = ['canonical', 'retailops', 'comestri', 'kibo', 'crux', 'marketplacer'],
    private readonly check: (dialect: string, options: Readonly<Record<string, unknown>>) => readonly ConnectionOptionProblem[] = () => [],
  ) {
    super();
  }

  names(): readonly string[] {
    return this.listed;
  }

  checkOptions(dialect: string, options: Readonly<Record<string, unknown>>): readonly ConnectionOptionProblem[] {
    return this.check(dialect, options);
  }
}

import { randomFillSync } from 'node:crypto';
import { IdGenerator } from '@tally/inventory-application';

const POOL_SIZE = 16 * 512;
const HEX = Array.from({ length: 256 }, (_, n) => n.toString(16).padStart(2, '0'));

/**
 * Time-ordered UUIDs (RFC 9562 version 7): 48 bits of Unix milliseconds, a 12-bit counter
 * that keeps ids of one process increasing within a millisecond (§6.2, method 1), then 62
 * random bits. Ids created together sort together, so the rows and index entries of items
 * created by one refresh sit on neighbouring B-tree pages instead of one random page each,
 * which is what makes a chunk's commit cheap (ADR 0022). As unique and unguessable in
 * practice as version 4: 62 random bits per id plus the counter's random start.
 */
export class UuidV7IdGenerator extends IdGenerator {
  private readonly pool = Buffer.alloc(POOL_SIZE);
  private poolAt = POOL_SIZE;
  /** The id being written; formatted before the next one starts, so one buffer serves all. */
  private readonly bytes = Buffer.alloc(16);
  private lastMs = 0;
  private counter = 0;

  /** @param now the clock in milliseconds; a parameter so tests can pin it. */
  constructor(private readonly now: () => number = Date.now) {
    super();
  }

  newId(): string {
    const random = this.randomBytes();
    let ms = this.now();
    if (ms > this.lastMs) {
      this.lastMs = ms;
      // A random start below 2^11 leaves room for at least 2,048 ids in the same millisecond.
      this.counter = ((random[0] << 8) | random[1]) & 0x7ff;
    } else {
      this.counter += 1;
      if (this.counter > 0xfff) {
        // Counter exhausted, or the clock went back: borrow the next millisecond.
        this.lastMs += 1;
        this.counter = 0;
      }
      ms = this.lastMs;
    }
    const bytes = random;
    bytes[0] = Math.floor(ms / 2 ** 40) & 0xff;
    bytes[1] = Math.floor(ms / 2 ** 32) & 0xff;
    bytes[2] = (ms >>> 24) & 0xff;
    bytes[3] = (ms >>> 16) & 0xff;
    bytes[4] = (ms >>> 8) & 0xff;
    bytes[5] = ms & 0xff;
    bytes[6] = 0x70 | (this.counter >>> 8);
    bytes[7] = this.counter & 0xff;
    bytes[8] = 0x80 | (bytes[8] & 0x3f);
    return format(bytes);
  }

  private randomBytes(): Buffer {
    if (this.poolAt >= POOL_SIZE) {
      randomFillSync(this.pool);
      this.poolAt = 0;
    }
    this.pool.copy(this.bytes, 0, this.poolAt, this.poolAt + 16);
    this.poolAt += 16;
    return this.bytes;
  }
}

function format(b: Buffer): string {
  let text = '';
  for (let n = 0; n < 16; n++) {
    if (n === 4 || n === 6 || n === 8 || n === 10) text += '-';
    text += HEX[b[n]];
  }
  return text;
}

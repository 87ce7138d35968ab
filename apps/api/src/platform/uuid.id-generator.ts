import { randomUUID } from 'node:crypto';
import { IdGenerator } from '@tally/inventory-application';

/** Random v4 UUIDs. */
export class UuidIdGenerator extends IdGenerator {
  newId(): string {
    return randomUUID();
  }
}

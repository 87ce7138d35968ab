import { Clock } from '@tally/inventory-application';

/** The wall clock. */
export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

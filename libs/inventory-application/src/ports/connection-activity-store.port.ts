import type { ConnectionActivityRecord, ConnectionActivityUpdate } from '../model/connection-activity.model';

/** Connections' last seen times, last errors and hourly error counts, shared by every process on the database. */
export abstract class ConnectionActivityStore {
  /**
   * Writes what a process saw, in one transaction: a later time never goes back, the newest
   * error replaces an older one, and the errors are added to the hour of the update's error.
   */
  abstract record(updates: readonly ConnectionActivityUpdate[]): Promise<void>;
  /** The tenant's connections with any activity; error counts from hours starting at `countSince` on. */
  abstract list(tenantId: string, countSince: string): Promise<ConnectionActivityRecord[]>;
  /** Deletes hourly error counts of hours before `before`; answers how many rows. */
  abstract purgeErrorHours(before: string): Promise<number>;
}

/** Unfinished jobs in one state, across tenants. */
export interface JobBacklog {
  readonly state: 'PENDING' | 'WORKING';
  readonly count: number;
  /** When the oldest of them was added, or null when there is none. */
  readonly oldestAddedAt: string | null;
}

/** What one channel still has to send. */
export interface ChannelBacklog {
  readonly channelId: string;
  readonly dialect: string;
  readonly pending: number;
  readonly failing: number;
  readonly dead: number;
  /** When the oldest pending or failing item was marked, or null when none waits. */
  readonly oldestWaitingAt: string | null;
  readonly lastSuccessAt: string | null;
}

/** The database connection pool of this process. */
export interface PoolFigures {
  readonly size: number;
  readonly used: number;
  readonly waiting: number;
}

/** What an operator watches, read at once from the database and the process's pool. */
export interface OperationalSnapshot {
  readonly jobs: readonly JobBacklog[];
  readonly openDiscrepancies: number;
  readonly channels: readonly ChannelBacklog[];
  readonly pool: PoolFigures | null;
  /** SQLite only: the size of the write-ahead log file, in bytes. */
  readonly sqliteWalBytes: number | null;
}

/** Figures for monitoring (docs/operations.md): backlogs across every tenant, pool and log sizes. */
export abstract class OperationalFigures {
  /** Reads the figures now; a handful of indexed counts. */
  abstract read(): Promise<OperationalSnapshot>;
}

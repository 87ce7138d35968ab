/**
 * How a location's level follows the observations of several connections (docs/multi-source.md):
 * `single-source` follows one designated connection, `priority` the first connection of an
 * ordered list that reported, `latest` the report with the newest source time.
 */
export type LocationPolicy = 'single-source' | 'priority' | 'latest';

/** The policies, for validation and documentation. */
export const LOCATION_POLICIES: readonly LocationPolicy[] = ['single-source', 'priority', 'latest'];

/** What the reconciliation needs to know about a location. */
export interface LocationRules {
  readonly locationId: string;
  readonly policy: LocationPolicy;
  /**
   * For `single-source`: the connection the level follows; null until one reports (the first
   * reporter becomes the source, and so does the next reporter once the source is revoked).
   */
  readonly sourceConnectionId: string | null;
  /**
   * For `priority`: connections in the order they win. Connections not listed rank after the
   * listed ones, by their own `priority` setting.
   */
  readonly priorityConnectionIds?: readonly string[];
}

/** What the reconciliation needs to know about a connection. */
export interface ConnectionRules {
  readonly connectionId: string;
  /** Higher wins under the `priority` policy among connections a location does not list. */
  readonly priority: number;
  /** False once the connection is revoked: it no longer holds a location as its source. */
  readonly active?: boolean;
}

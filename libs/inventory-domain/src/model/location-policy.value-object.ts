/**
 * How a location's level follows the observations of several connections (DESIGN.md §4.7):
 * `single-source` follows one designated connection, `priority` the highest-priority
 * connection that reported, `latest` the report with the newest source time.
 */
export type LocationPolicy = 'single-source' | 'priority' | 'latest';

/** What the reconciliation needs to know about a location. */
export interface LocationRules {
  readonly locationId: string;
  readonly policy: LocationPolicy;
  /** For `single-source`: the connection the level follows; null until one reports. */
  readonly sourceConnectionId: string | null;
}

/** What the reconciliation needs to know about a connection. */
export interface ConnectionRules {
  readonly connectionId: string;
  /** Higher wins under the `priority` policy. */
  readonly priority: number;
}

/** A merchant account; every row belongs to exactly one. */
export interface Tenant {
  readonly id: string;
  readonly name: string;
  readonly createdAt: string;
}

/**
 * What an API key may do: `read_only` reads, `admin` also writes, `operator` is an admin that may
 * also open tenants (the bootstrap key, ADR 0045).
 */
export type ApiKeyRole = 'admin' | 'read_only' | 'operator';

/** A bearer API key; the secret itself is never stored, only its hash. */
export interface ApiKey {
  readonly id: string;
  readonly tenantId: string;
  readonly name: string;
  readonly role: ApiKeyRole;
  /**
   * The key's public id (`tly_` and 12 random characters): for a generated key its first
   * characters, which find it; for a supplied key a random id, never characters of the secret.
   */
  readonly prefix: string;
  /**
   * For a supplied key only: the keyed digest of the whole secret that finds it (ADR 0045); null
   * for generated keys, found by their prefix.
   */
  readonly lookupDigest: string | null;
  readonly secretHash: string;
  readonly createdAt: string;
  readonly revokedAt: string | null;
}

/**
 * The name of a dialect a connection speaks (`canonical`, `kibo`, ...). Which names exist is
 * the deployment's choice: see {@link ConnectionDialects}.
 */
export type Dialect = string;

/** What to do with a line whose item Tally does not know. */
export type UnknownItemPolicy = 'create' | 'reject';

/** Settings of a connection. */
export interface ConnectionSettings {
  readonly unknownItemPolicy: UnknownItemPolicy;
  /** Location code used when a payload names none. */
  readonly defaultLocationCode: string | null;
  /** Higher wins under a location's `priority` policy. */
  readonly priority: number;
  /**
   * Whether the connection's lines may give an existing item identifiers it does not hold yet
   * (default true). When false, such identifiers are ignored: the line still matches the item.
   */
  readonly attachIdentifiers?: boolean;
  /** Dialect-specific options (test mode, seller id, ...). */
  readonly options: Readonly<Record<string, unknown>>;
}

/** One configured integration of a tenant with one dialect. */
export interface Connection {
  readonly id: string;
  readonly tenantId: string;
  readonly dialect: Dialect;
  readonly name: string;
  readonly settings: ConnectionSettings;
  /** Public identifier the vendor's client presents (user name, API key id, ...). */
  readonly credentialId: string;
  readonly secretHash: string;
  readonly status: 'active' | 'revoked';
  readonly createdAt: string;
  readonly rotatedAt: string | null;
  readonly revokedAt: string | null;
}

/** The connection a dialect request authenticated as, as its handler found it. */
export interface SeenConnection {
  readonly id: string;
  readonly tenantId: string;
}

/**
 * Told by a dialect handler which connection a request authenticated as, once it knows: the app
 * names the tenant and the connection in the request's log line. Handlers that check a credential
 * carried in the body or in their own header format take one, since nothing before them can.
 */
export type ConnectionSeen = (connection: SeenConnection) => void;

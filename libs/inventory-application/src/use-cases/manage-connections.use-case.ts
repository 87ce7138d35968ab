import { ApplicationError, ApplicationErrorCodes } from '../errors/application-error';
import { type Connection, type ConnectionSettings, type Dialect } from '../model/tenancy.model';
import type { ConnectionDialects } from '../ports/connection-dialects.port';
import type { Clock, IdGenerator } from '../ports/clock.port';
import type { SecretHasher } from '../ports/secret-hasher.port';
import type { ConnectionRepository } from '../ports/tenancy-repository.port';
import type { CredentialCaching } from './credential-answers.cache';

/** A connection as shown: never its secret hash. */
export type ConnectionView = Omit<Connection, 'secretHash'>;

/**
 * Credentials shown once, at creation or rotation. `token` joins the public id and the
 * secret for dialects whose clients present a single token.
 */
export interface ConnectionCredentials {
  readonly credentialId: string;
  readonly secret: string;
  readonly token: string;
}

/** Settings a new connection gets unless told otherwise. */
export const DEFAULT_CONNECTION_SETTINGS: ConnectionSettings = {
  unknownItemPolicy: 'create',
  defaultLocationCode: null,
  priority: 0,
  options: {},
};

/** Creates, lists, rotates and revokes a tenant's connections (docs/architecture.md §3). */
export class ManageConnections {
  constructor(
    private readonly connections: ConnectionRepository,
    private readonly hasher: SecretHasher,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly dialects: ConnectionDialects,
    /** Keeps valid credentials' connections in memory and announces changes to every process (ADR 0048). */
    private readonly caching: CredentialCaching | null = null,
  ) {}

  async create(
    tenantId: string,
    input: { dialect: Dialect; name: string; settings?: Partial<ConnectionSettings> },
  ): Promise<{ connection: ConnectionView; credentials: ConnectionCredentials }> {
    const names = this.dialects.names();
    if (!names.includes(input.dialect)) {
      throw new ApplicationError(ApplicationErrorCodes.validation, `dialect must be one of ${names.join(', ')}`, 'dialect');
    }
    this.checkOptions(input.dialect, input.settings?.options);
    const credentials = this.newCredentials();
    const connection: Connection = {
      id: this.ids.newId(),
      tenantId,
      dialect: input.dialect,
      name: input.name,
      settings: { ...DEFAULT_CONNECTION_SETTINGS, ...input.settings },
      credentialId: credentials.credentialId,
      secretHash: await this.hasher.hash(credentials.secret),
      status: 'active',
      createdAt: this.clock.now().toISOString(),
      rotatedAt: null,
      revokedAt: null,
    };
    await this.connections.create(connection);
    return { connection: viewOf(connection), credentials };
  }

  async list(tenantId: string): Promise<ConnectionView[]> {
    return (await this.connections.list(tenantId)).map(viewOf);
  }

  async get(tenantId: string, connectionId: string): Promise<ConnectionView> {
    return viewOf(await this.require(tenantId, connectionId));
  }

  async updateSettings(tenantId: string, connectionId: string, settings: Partial<ConnectionSettings>): Promise<ConnectionView> {
    const current = await this.require(tenantId, connectionId);
    this.checkOptions(current.dialect, settings.options);
    const next = { ...current, settings: { ...current.settings, ...settings } };
    await this.connections.update(next);
    // Authentication answers carry the settings the vendor handlers apply.
    await this.announce();
    return viewOf(next);
  }

  /** Replaces the secret (the public id stays); the old secret stops working at once. */
  async rotate(tenantId: string, connectionId: string): Promise<{ connection: ConnectionView; credentials: ConnectionCredentials }> {
    const current = await this.require(tenantId, connectionId);
    if (current.status === 'revoked') {
      throw new ApplicationError(ApplicationErrorCodes.conflict, `connection ${connectionId} is revoked`, 'connectionId');
    }
    const secret = this.hasher.generate(24);
    const next: Connection = { ...current, secretHash: await this.hasher.hash(secret), rotatedAt: this.clock.now().toISOString() };
    await this.connections.update(next);
    await this.announce();
    return { connection: viewOf(next), credentials: { credentialId: next.credentialId, secret, token: `${next.credentialId}.${secret}` } };
  }

  async revoke(tenantId: string, connectionId: string): Promise<ConnectionView> {
    const current = await this.require(tenantId, connectionId);
    const next: Connection = { ...current, status: 'revoked', revokedAt: current.revokedAt ?? this.clock.now().toISOString() };
    await this.connections.update(next);
    await this.announce();
    return viewOf(next);
  }

  /**
   * The active connection a vendor client's credentials belong to, or null. The secret is
   * checked in constant time by the hasher. A valid answer may come from memory: a rotation,
   * revocation or settings change anywhere empties it (ADR 0048).
   */
  async authenticate(dialect: Dialect, credentialId: string, secret: string): Promise<Connection | null> {
    const cache = this.caching?.cache;
    if (!cache) return this.authenticateStored(dialect, credentialId, secret);
    const key = `credential\u0000${this.hasher.digest(`${dialect}\u0000${credentialId}\u0000${secret}`)}`;
    return cache.answer(key, async () => {
      const connection = await this.authenticateStored(dialect, credentialId, secret);
      return connection && { value: connection };
    });
  }

  /** Tells every process that a connection changed; after the write has committed. */
  private async announce(): Promise<void> {
    await this.caching?.changes.publish();
  }

  private async authenticateStored(dialect: Dialect, credentialId: string, secret: string): Promise<Connection | null> {
    const found = await this.connections.findByCredentialId(dialect, credentialId);
    if (!found || found.status !== 'active') return null;
    return (await this.hasher.verify(secret, found.secretHash)) ? found : null;
  }

  /** Refuses options the dialect does not accept, naming the first one: nothing is stored. */
  private checkOptions(dialect: Dialect, options: Readonly<Record<string, unknown>> | undefined): void {
    if (!options) return;
    const [problem] = this.dialects.checkOptions(dialect, options);
    if (problem) throw new ApplicationError(ApplicationErrorCodes.validation, problem.message, problem.field);
  }

  private async require(tenantId: string, connectionId: string): Promise<Connection> {
    const found = await this.connections.get(tenantId, connectionId);
    if (!found) throw new ApplicationError(ApplicationErrorCodes.notFound, `no connection ${connectionId}`, 'connectionId');
    return found;
  }

  private newCredentials(): ConnectionCredentials {
    const credentialId = `con_${this.hasher.generate(12)}`;
    const secret = this.hasher.generate(24);
    return { credentialId, secret, token: `${credentialId}.${secret}` };
  }
}

function viewOf(connection: Connection): ConnectionView {
  const { secretHash: _secretHash, ...view } = connection;
  return view;
}
